using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>A browser-like client for the pages: cookies kept, redirects not followed, signed in through the sign-in form.</summary>
public static partial class PageSession
{
    public static HttpClient Anonymous(ReviewApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in as a person would: the form, its anti-forgery token, the session cookie.</summary>
    public static async Task<HttpClient> SignedInAsync(ReviewApp app, string email, string password = ReviewApp.Password)
    {
        var client = Anonymous(app);
        var response = await SignInAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email}: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/sign-in");
        return await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new Xunit.Sdk.XunitException($"{page} has no anti-forgery token");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
