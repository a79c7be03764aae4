using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using ReviewWorkflow.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>The linkage candidates, the family-information register and the job dashboard's door, in the browser.</summary>
public sealed class LinkageAndFamilyTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task OfficerSeesTheLinkageCandidatesOfAPlantedEarlierDeathAndDispositionsThem()
    {
        // An earlier GHB death in the same churchyard five weeks before, about 200 m away.
        var earlier = await (await App.OfficerAsync()).CreateCaseAsync(Api.NewCase("Anthony Walgate", latitude: 51.5380, longitude: 0.0800,
            foundAt: "2026-10-20T05:00:00Z", substances: ["GHB"], markers: ["found-outdoors"]));
        var earlierId = earlier.Id();
        var earlierRef = earlier.GetProperty("reference").GetString()!;

        var page = await SignedInAsync("officer@demo.local");
        await FillNewCaseFormAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open case" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("opened");

        // From the checklist's linkage step to the candidates.
        await page.Locator("#step-linkage-check").GetByRole(AriaRole.Link, new() { Name = "Linkage check against recorded deaths", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Linkage candidates");
        var candidate = page.Locator($"#candidate-{earlierRef}");
        await Expect(candidate).ToContainTextAsync("score 0.");
        await Expect(candidate).ToContainTextAsync("undecided");
        await Expect(candidate.Locator("table.reasons tr", new() { HasText = "Distance" })).ToContainTextAsync(" m apart");
        await Expect(candidate.Locator("table.reasons tr", new() { HasText = "Distance" })).ToContainTextAsync("+0.");
        await Expect(candidate.Locator("table.reasons tr", new() { HasText = "Time" })).ToContainTextAsync("days apart");
        await Expect(candidate.Locator("table.reasons tr", new() { HasText = "Substance" })).ToContainTextAsync("GHB");
        await Expect(candidate).ToContainTextAsync("Found 0.2 km away and 36 days apart");
        // The sketch: one point for the candidate, labelled and titled with its reference.
        var point = page.Locator($"svg.linkage-plot g.point[data-reference='{earlierRef}']");
        await Expect(point).ToHaveCountAsync(1);
        await Expect(point.Locator("text")).ToHaveTextAsync(earlierRef);
        Assert.StartsWith($"{earlierRef}: 0.2 km and 36 days apart", await point.Locator("title").TextContentAsync());
        await Expect(point).ToHaveClassAsync("point undecided");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "linkage");

        // Without a rationale: the message sits by the field and nothing is recorded.
        var before = await App.SnapshotAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = $"Disposition of {earlierRef}" });
        await form.GetByLabel("Linked", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = $"Record decision on {earlierRef}" }).ClickAsync();
        await Expect(page.Locator($"#rationale-{earlierId}-error")).Not.ToBeEmptyAsync();
        await Expect(page.Locator($"#rationale-{earlierId}")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator($"#decision-{earlierId}-linked")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Rationale");
        await ScreenshotAsync(page, "linkage-errors");
        await App.AssertUnchangedSinceAsync(before);
        Assert.Null(App.WithDb(db => db.LinkageCandidates.Single(x => x.CandidateCaseId == Guid.Parse(earlierId)).Decision));

        // With one: decided, by whom and when, and the form is gone.
        await page.GetByLabel($"Rationale for {earlierRef}").FillAsync("Same churchyard five weeks apart, both GHB: the same offender must be considered.");
        await form.GetByRole(AriaRole.Button, new() { Name = $"Record decision on {earlierRef}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{earlierRef}: recorded as linked.");
        await Expect(candidate.Locator(".state")).ToHaveTextAsync("linked");
        await Expect(page.Locator($"#disposition-{earlierRef}")).ToContainTextAsync("Linked by Olivia Officer, 2026-11-25 09:00 GMT");
        await Expect(page.Locator($"#disposition-{earlierRef}")).ToContainTextAsync("Same churchyard five weeks apart");
        await Expect(form).ToHaveCountAsync(0);
        await Expect(point).ToHaveClassAsync("point linked");
        Assert.Equal("linked", App.WithDb(db => db.LinkageCandidates.Single(x => x.CandidateCaseId == Guid.Parse(earlierId)).Decision));
        await ScreenshotAsync(page, "linkage-decided");

        // Everything decided and the initial report done: the page offers the step's completion, which the engine then accepts.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Complete the linkage check" })).ToHaveCountAsync(0); // it waits for the initial report
        var caseId = new Uri(page.Url).Segments[2].TrimEnd('/');
        await Casework.CompleteAsync(await App.OfficerAsync(), caseId, "initial-report");
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the linkage check" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Linkage check against recorded deaths: completed.");
        await Expect(page.Locator("#step-linkage-check")).ToContainTextAsync("Completed");
    }

    [Fact]
    public async Task OfficerLogsFamilyInformationRecordsTheActionAndTheResponseAndTheRegisterShowsItAnswered()
    {
        var (id, _) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Daniel Whitworth");
        var page = await SignedInAsync("officer@demo.local");
        await page.GotoAsync($"/cases/{id}");
        await page.Locator("#step-family-information").GetByRole(AriaRole.Link, new() { Name = "Family and friends information register", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Family and friends information");
        await Expect(page.Locator("#register")).ToContainTextAsync("Nothing logged yet");

        await page.GetByRole(AriaRole.Link, new() { Name = "Log new information" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log information" }).ClickAsync();
        await Expect(page.Locator("#name-error")).ToHaveTextAsync("required");
        await Expect(page.Locator("#summary-error")).ToHaveTextAsync("required");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("What was reported: required");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Dana Dunn");
        await page.GetByLabel("Relationship to the deceased").FillAsync("sister");
        await page.GetByLabel("Contact (optional)").FillAsync("07700 900789");
        await page.GetByLabel("How it was received (optional)").SelectOptionAsync("phone");
        await page.GetByLabel("What was reported").FillAsync("He was going to meet a man he met online, who called himself Jon.");
        await page.GetByLabel("Person 1 name").FillAsync("Jon");
        await page.GetByLabel("Person 2 phone").FillAsync("07700 900123");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "family-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log information" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("FI-1 logged, due in 3 days.");
        var item = page.Locator("#item-FI-1");
        await Expect(item).ToContainTextAsync("FI-1 from Dana Dunn (sister)");
        await Expect(item).ToContainTextAsync("received 2026-11-25 09:00 GMT by phone");
        await Expect(item).ToContainTextAsync("due in 3 days");
        await Expect(item).ToContainTextAsync("Olivia Officer");
        await Expect(item).ToContainTextAsync("nothing recorded yet");
        await Expect(item).ToContainTextAsync("Jon; 07700 900123");
        await Expect(page.Locator("#register-summary")).ToContainTextAsync("1 item, 1 open, 0 overdue");
        await ScreenshotAsync(page, "family-register");

        // The item is on the officer's own list, and leads to its forms.
        await page.GetByRole(AriaRole.Link, new() { Name = "My work" }).ClickAsync();
        await page.GetByRole(AriaRole.List, new() { Name = "Steps to do" }).GetByRole(AriaRole.Link, new() { Name = "Family information FI-1 from Dana Dunn (sister)" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("FI-1");

        // An answer with nothing done behind it is refused, and the page says why.
        var before = await App.SnapshotAsync();
        await page.GetByLabel("What the family was told").FillAsync("We are looking into it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record response and close" }).ClickAsync();
        await Expect(page.Locator("#refusal")).ToContainTextAsync("FI-1 has no recorded action: record what was done about it before answering");
        await App.AssertUnchangedSinceAsync(before);

        await page.GetByLabel("What was done").FillAsync("Called Dana back and took a statement about Jon.");
        await page.GetByLabel("What came of it").FillAsync("Jon's profile name passed to the intelligence unit.");
        await AssertEveryInputIsLabelledAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record action" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("FI-1: action recorded.");
        await Expect(page.Locator("#item-FI-1")).ToContainTextAsync("Called Dana back and took a statement about Jon.");
        await Expect(page.Locator("#item-FI-1")).ToContainTextAsync("Jon's profile name passed to the intelligence unit.");
        await ScreenshotAsync(page, "family-item");

        await page.GetByLabel("What the family was told").FillAsync("Told Dana the intelligence unit is following up the man called Jon.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record response and close" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("FI-1: answered and closed.");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Family and friends information");
        await Expect(item.Locator(".state")).ToHaveTextAsync("answered");
        await Expect(item).ToContainTextAsync("Told Dana the intelligence unit is following up the man called Jon.");
        await Expect(item).ToContainTextAsync("recorded by Olivia Officer");
        await Expect(page.Locator("#register-summary")).ToContainTextAsync("1 item, 0 open, 0 overdue");
        await Expect(item.GetByRole(AriaRole.Link, new() { Name = "Record action or response for FI-1" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "family-register-answered");

        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the register step" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Family and friends information register: completed.");
        await Expect(page.Locator("#step-family-information")).ToContainTextAsync("Completed");
    }

    [Fact]
    public async Task AnAnonymousVisitorToTheJobDashboardIsSentToSignInAndOnlyAnAdministratorGetsIn()
    {
        ExpectBrowserErrors("status of 403 (Forbidden)"); // the officer's refused visit
        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync("/hangfire");
        Assert.EndsWith("/sign-in?ReturnUrl=%2Fhangfire", anonymous.Url);
        await anonymous.GetByLabel("Email").FillAsync("admin@demo.local");
        await anonymous.GetByLabel("Password").FillAsync(ReviewApp.Password);
        await anonymous.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(anonymous).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hangfire$"));
        await Expect(anonymous.Locator("body")).ToContainTextAsync("ReviewWorkflow jobs");

        var officer = await SignedInAsync("officer@demo.local");
        var refused = await officer.GotoAsync("/hangfire");
        Assert.Equal(403, refused!.Status);
        await Expect(officer.Locator("h1")).ToHaveTextAsync("Not allowed");
    }
}
