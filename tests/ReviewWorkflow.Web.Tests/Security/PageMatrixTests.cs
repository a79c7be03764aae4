using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>
/// Every Razor page (read from the endpoint data source, so a new page without a row fails) against
/// every kind of caller signed in through the sign-in form, with the expected answer from one table.
/// </summary>
public sealed class PageMatrixTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    /// <summary>
    /// Ok: 200. SignIn: 302 to the sign-in page. Denied: 302 to the access-denied page, which answers 403.
    /// Hidden: 404 (another team's case). Admin: 302 to the administration page (an admin has no casework). Home: 302 to the start page.
    /// </summary>
    public enum Expect { Ok, SignIn, Denied, Hidden, Admin, Home }

    private const Expect O = Expect.Ok, S = Expect.SignIn, D = Expect.Denied, H = Expect.Hidden, M = Expect.Admin, R = Expect.Home;

    private static readonly string[] Callers = AuthorizationMatrixTests.Callers;

    private static readonly Dictionary<string, string> Accounts = new()
    {
        ["officer"] = "officer@demo.local",
        ["officer-other-team"] = "officer.west@demo.local",
        ["supervisor"] = "supervisor@demo.local",
        ["supervisor-other-team"] = "supervisor.west@demo.local",
        ["inspector"] = "inspector@demo.local",
        ["admin"] = "admin@demo.local",
    };

    /// <summary>
    /// Columns follow <see cref="Callers"/>: anonymous, officer, officer of another team, supervisor,
    /// supervisor of another team, inspector, admin. The case is team east's, ready for sign-off.
    /// </summary>
    private static readonly Dictionary<string, Expect[]> Table = new()
    {
        // Open to everyone: signing in and out, and the pages that explain an error.
        ["/sign-in"] = [O, R, R, R, R, R, R],
        ["/sign-out"] = [O, O, O, O, O, O, O],
        ["/error"] = [O, O, O, O, O, O, O],
        ["/access-denied"] = [S, D, D, D, D, D, D],
        ["/"] = [S, O, O, O, O, O, M],
        ["/cases"] = [S, O, O, O, O, O, O],
        ["/cases/new"] = [S, O, O, O, O, D, D],
        ["/cases/{id}"] = [S, O, H, O, H, O, O],
        ["/cases/{id}/classification"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/close"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/steps/{stepKey}"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/steps/{stepKey}/pause"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/sign-off/{stepKey}"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/referral-request"] = [S, D, D, O, H, O, D],
        ["/cases/{id}/linkage"] = [S, O, H, O, H, O, D],
        // As the case page: an administrator's file names family and persons not charged by their roles.
        ["/cases/{id}/file"] = [S, O, H, O, H, O, O],
        // What families tell the police is for those who work the case, not for administrators.
        ["/cases/{id}/family-information"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/family-information/new"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/family-information/{itemId}"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/notes"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/documents"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/exhibits"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/facts"] = [S, O, H, O, H, O, D],
        // Anyone on the case sees who holds the work; the form is a supervisor's.
        ["/cases/{id}/assignment"] = [S, O, H, O, H, O, D],
        ["/cases/{id}/series"] = [S, O, H, O, H, O, D],
        ["/handovers"] = [S, O, O, O, O, O, D],
        ["/search"] = [S, O, O, O, O, O, D],
        ["/persons"] = [S, O, O, O, O, O, D],
        ["/sign-offs"] = [S, D, D, O, O, O, D],
        ["/overdue"] = [S, D, D, O, O, O, O],
        ["/reports"] = [S, D, D, O, O, O, D],
        ["/reports/csv"] = [S, D, D, O, O, O, D],
        ["/workflows"] = [S, D, D, D, D, D, O],
        ["/admin"] = [S, D, D, D, D, D, O],
        ["/admin/audit"] = [S, D, D, D, D, D, O],
        ["/admin/case-file"] = [S, D, D, D, D, D, O],
        ["/admin/outbox"] = [S, D, D, D, D, D, O],
        ["/admin/migrations"] = [S, D, D, D, D, D, O],
    };

    [Fact]
    public async Task EveryPageAnswersEveryCallerAsTheTableSays()
    {
        var pages = Pages();
        var missing = pages.Where(p => !Table.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "pages without a row in the table: " + string.Join(", ", missing));
        var stale = Table.Keys.Except(pages).ToList();
        Assert.True(stale.Count == 0, "rows for pages that no longer exist: " + string.Join(", ", stale));

        var officer = await app.OfficerAsync();
        var caseId = (await officer.ToReadyForSignOffAsync()).Id();
        var itemId = (await officer.LoggedAsync(caseId, Register.Item(ReviewApp.Start.AddHours(-1)))).GetProperty("id").ToString();
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = PageSession.Anonymous(app) };
        foreach (var (caller, email) in Accounts) clients[caller] = await PageSession.SignedInAsync(app, email);

        var failures = new List<string>();
        var checkedPairs = 0;
        foreach (var page in pages)
        {
            var stepKey = page.Contains("/sign-off/") ? "supervisor-review" : "initial-report";
            var path = page.Replace("{id}", caseId).Replace("{stepKey}", stepKey).Replace("{itemId}", itemId);
            for (var i = 0; i < Callers.Length; i++)
            {
                var got = await AnswerAsync(clients[Callers[i]], path);
                checkedPairs++;
                if (got.Expect != Table[page][i]) failures.Add($"{page} as {Callers[i]}: expected {Table[page][i]}, got {got.Detail}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(pages.Count * Callers.Length, checkedPairs);
    }

    private static async Task<(Expect? Expect, string Detail)> AnswerAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var detail = $"{status} {location}".Trim();
        Expect? expect = response.StatusCode switch
        {
            HttpStatusCode.OK => O,
            HttpStatusCode.NotFound => H,
            HttpStatusCode.Forbidden => D,
            HttpStatusCode.Redirect when location.Contains("/sign-in") => S,
            HttpStatusCode.Redirect when location == "/admin" => M,
            HttpStatusCode.Redirect when location == "/" => R,
            HttpStatusCode.Redirect when location.Contains("/access-denied") =>
                // The page it is sent to must itself say 403, not 200.
                (await client.GetAsync(location)).StatusCode == HttpStatusCode.Forbidden ? D : null,
            _ => null,
        };
        return (expect, detail);
    }

    private List<string> Pages() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText?.TrimStart('/') ?? "", @":\w+\}", "}"))
            .Distinct().Order().ToList();
}
