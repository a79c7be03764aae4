using System.Net;
using System.Net.Http.Json;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Cases;

/// <summary>
/// Each procedure action has one use case, run by its endpoint and by its page: both refuse the same
/// input the same way, and neither changes anything when they do.
/// </summary>
public sealed class FrontDoorTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private static readonly string Overlong = new('x', 10_001);

    [Theory]
    [InlineData("close", "/api/cases/{0}/close", "/cases/{0}/close")]
    [InlineData("classification", "/api/cases/{0}/classification", "/cases/{0}/classification")]
    [InlineData("sign-off", "/api/cases/{0}/steps/supervisor-review/sign-off", "/cases/{0}/sign-off/supervisor-review")]
    [InlineData("referral", "/api/cases/{0}/referral-request", "/cases/{0}/referral-request")]
    public async Task PageAndApiRefuseAnOverlongRationaleAlike(string action, string api, string page)
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = action == "close" ? (await officer.ToReadyToCloseAsync(supervisor)).Id() : (await officer.ToReadyForSignOffAsync()).Id();
        var caller = action is "sign-off" or "referral" ? supervisor : officer;
        var before = await app.SnapshotAsync();

        object body = action switch
        {
            "classification" => new { category = "not-suspicious", rationale = Overlong },
            "sign-off" => new { decision = "approve", rationale = Overlong },
            _ => new { rationale = Overlong },
        };
        var problem = await (await caller.PostAsJsonAsync(string.Format(api, id), body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["at most 10000 characters"], problem.GetProperty("errors").GetProperty("rationale").Strings());

        var browser = await PageSession.SignedInAsync(app, caller == supervisor ? "supervisor@demo.local" : "officer@demo.local");
        var path = string.Format(page, id);
        var token = await PageSession.AntiforgeryTokenAsync(browser, path);
        var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Rationale"] = Overlong, ["Category"] = "not-suspicious", ["Decision"] = "approve", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most 10000 characters", await response.Content.ReadAsStringAsync());
        await app.AssertUnchangedSinceAsync(before);
    }
}
