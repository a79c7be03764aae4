using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>The job dashboard's door as a browser meets it: sign in first, and only administrators get in.</summary>
public sealed class JobDashboardSignInTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task AnAnonymousBrowserAskingForTheJobDashboardIsRedirectedToSignIn()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await browser.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in?ReturnUrl=%2Fhangfire", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task AnApiClientWithoutATokenStillGets401AndAnOfficersTokenStill403()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.OfficerAsync()).GetAsync("/hangfire")).StatusCode);
    }
}
