using System.Net.Http.Json;
using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>An officer's and a supervisor's day, in the browser.</summary>
public sealed class CaseworkTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task AnAnonymousVisitorGetsTheSignInFormWhileTheApiStillAnswers401()
    {
        var page = await NewPageAsync();
        var response = await page.GotoAsync("/cases");

        Assert.EndsWith("/sign-in?ReturnUrl=%2Fcases", page.Url);
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("type", "password");
        Assert.Equal(1, await page.Locator("input[name=__RequestVerificationToken]").CountAsync());
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        await ScreenshotAsync(page, "sign-in");

        var api = await page.APIRequest.GetAsync("/api/cases");
        Assert.Equal(401, api.Status);
    }

    [Fact]
    public async Task OfficerSignsInOpensACaseAndCompletesTheInitialReport()
    {
        var page = await SignedInAsync("officer@demo.local");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work" })).ToBeVisibleAsync();

        await FillNewCaseFormAsync(page);
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "new-case");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open case" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("opened");
        await Expect(page.Locator("h1")).ToContainTextAsync("Gabriel Kovari");
        var initial = page.Locator("#step-initial-report");
        await Expect(initial).ToContainTextAsync("Available");
        await Expect(initial).ToContainTextAsync("due in 4 h");
        await Expect(page.Locator("#step-intelligence-checks")).ToContainTextAsync("Waits for Initial report of the discovery (available)");
        await Expect(page.Locator("#can-close")).ToContainTextAsync("Initial report of the discovery is not completed.");
        await Expect(page.Locator("#step-forensic-documents")).ToContainTextAsync("Only when “A note or document was found” is answered yes in Initial report of the discovery, or the case's markers include “Note found”");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("initial-report");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Opened case UD-2026-");
        await ScreenshotAsync(page, "case-new");
        await AssertCasePageWeightAsync(page);

        await Expect(initial).ToContainTextAsync("Complete");
        await initial.GetByRole(AriaRole.Link, new() { Name = "Initial report of the discovery", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Initial report of the discovery");
        await page.GetByLabel("When the death was discovered (UK time)").FillAsync("2026-11-25T06:10");
        await page.GetByLabel("Address where found").FillAsync("St Margaret's churchyard, Barking");
        await page.Locator("#f-foundBy-name").FillAsync("Dog walker");
        await page.Locator("#f-reportedBy-name").FillAsync("Dog walker");
        await page.Locator("#f-reportedBy-phone").FillAsync("07700 900456");
        await page.GetByLabel("Attending officers").FillAsync("PC 1234\nPC 5678");
        await page.Locator("#f-scenePreserved-yes").CheckAsync();
        await page.Locator("#f-phonePresent-no").CheckAsync();
        await page.Locator("#f-noteFound-no").CheckAsync();
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "step-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete step" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Initial report of the discovery: completed.");
        await Expect(page.Locator("#step-initial-report")).ToContainTextAsync("Completed");
        await Expect(page.Locator("#step-initial-report")).ToContainTextAsync("Olivia Officer");
        await Expect(page.Locator("#step-intelligence-checks")).ToContainTextAsync("Available");
        await Expect(page.Locator("#step-forensic-documents")).ToContainTextAsync("Not applicable");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Completed Initial report of the discovery");

        await page.GetByRole(AriaRole.Link, new() { Name = "My work" }).ClickAsync();
        var work = page.GetByRole(AriaRole.List, new() { Name = "Steps to do" });
        await Expect(work).ToContainTextAsync("Intelligence checks on finder, reporter and associates");
        await Expect(work).ToContainTextAsync("Gabriel Kovari");
        await Expect(work.Locator("li").First).ToContainTextAsync("due in");
        await ScreenshotAsync(page, "my-work");
    }

    [Fact]
    public async Task AStepFormShowsTheEnginesMessagesNextToTheFieldsAndRecordsNothing()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Jack Taylor");
        var page = await SignedInAsync("officer@demo.local");
        var before = await App.SnapshotAsync();

        await page.GotoAsync($"/cases/{id}/steps/initial-report");
        await page.GetByLabel("Address where found").FillAsync("Barking");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete step" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem with the answers");
        await Expect(page.Locator("#f-discoveredAt-error")).ToHaveTextAsync("Error: required");
        await Expect(page.Locator("#f-foundBy-error")).ToHaveTextAsync("Error: required");
        await Expect(page.Locator("#f-scenePreserved-error")).ToHaveTextAsync("Error: required");
        await Expect(page.Locator("#f-address-error")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Address where found")).ToHaveValueAsync("Barking");
        await ScreenshotAsync(page, "step-form-errors");
        await App.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task SupervisorApprovesTheSignOffFromTheQueue()
    {
        var officer = await App.OfficerAsync();
        var (id, reference) = await Casework.NewCaseAsync(officer, "Daniel Whitworth");
        await Casework.ReadyForSignOffAsync(officer, id);

        var page = await SignedInAsync("supervisor@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign-offs" }).ClickAsync();
        var row = page.Locator("#sign-off-queue tr", new() { HasText = reference });
        await Expect(row).ToContainTextAsync("Olivia Officer");
        await ScreenshotAsync(page, "sign-off-queue");
        await row.GetByRole(AriaRole.Link, new() { Name = $"Review {reference}" }).ClickAsync();

        await Expect(page.Locator("#approves-initial-report")).ToContainTextAsync("Cooke Street, Barking");
        await Expect(page.Locator("#approves-digital-devices")).ToContainTextAsync("laptop examined by the digital unit");
        await Expect(page.Locator("#approves-family-notification")).ToContainTextAsync("Owen Officer"); // the liaison, by name
        await Expect(page.Locator("#approves-forensic-documents")).ToContainTextAsync("Does not apply");
        await Expect(page.Locator("#cannot-approve")).ToHaveCountAsync(0);
        await page.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Rationale").FillAsync("All checks done and recorded; linkage clear.");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "sign-off");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Supervisor review and sign-off: approved.");
        await Expect(page.Locator("#step-supervisor-review")).ToContainTextAsync("Completed");
        await Expect(page.Locator("#step-supervisor-review")).ToContainTextAsync("Sam Supervisor");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Approved Supervisor review and sign-off");
        await page.GotoAsync("/sign-offs");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(reference);
    }

    [Fact]
    public async Task OfficerCannotSignOffAndThePageSaysWhy()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Stephen Port");
        await Casework.ReadyForSignOffAsync(officer, id);

        var page = await SignedInAsync("officer@demo.local");
        await page.GotoAsync($"/cases/{id}");
        await Expect(page.Locator("#step-supervisor-review")).Not.ToContainTextAsync("Sign off");
        await page.Locator("#step-supervisor-review").GetByRole(AriaRole.Link, new() { Name = "Supervisor review and sign-off", Exact = true }).ClickAsync();

        await Expect(page.Locator("#cannot-decide")).ToContainTextAsync("Only a supervisor may sign off Supervisor review and sign-off");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record decision" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "sign-off-refused-officer");
    }

    [Fact]
    public async Task SupervisorWhoDidPartOfTheWorkCannotApproveItAndThePageSaysWhy()
    {
        var officer = await App.OfficerAsync();
        var supervisor = await App.SupervisorAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Chris Ellis");
        await Casework.ReadyForSignOffAsync(officer, id, except: "digital-devices");
        await Casework.CompleteAsync(supervisor, id, "digital-devices");

        var page = await SignedInAsync("supervisor@demo.local");
        await page.GotoAsync($"/cases/{id}/sign-off/supervisor-review");

        await Expect(page.Locator("#cannot-approve")).ToContainTextAsync("You completed Digital devices on 2026-");
        await Expect(page.Locator("#cannot-approve")).ToContainTextAsync("a supervisor who did the work may not approve it");
        await Expect(page.GetByLabel("Approve", new() { Exact = true })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "sign-off-refused-four-eyes");

        // Returning work for redo is still theirs to do, and the officer then sees why.
        await page.GetByLabel("Return for redo").CheckAsync();
        await page.GetByLabel("Rationale").FillAsync("Name the device owner in the initial report.");
        await page.GetByLabel("Initial report of the discovery").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Returned for redo: Initial report of the discovery");

        var officerPage = await SignedInAsync("officer@demo.local");
        await officerPage.GotoAsync($"/cases/{id}/steps/initial-report");
        await Expect(officerPage.Locator("#return-reason")).ToContainTextAsync("Name the device owner in the initial report.");
        await Expect(officerPage.GetByLabel("Address where found")).ToHaveValueAsync("Cooke Street, Barking");
        await Expect(officerPage.Locator("#f-scenePreserved-yes")).ToBeCheckedAsync();
        await Expect(officerPage.Locator("#history")).ToContainTextAsync("Returned by Sam Supervisor");
        await ScreenshotAsync(officerPage, "step-returned");
    }

    [Fact]
    public async Task ClosingBeforeEverythingIsDoneShowsTheUnmetListAndChangesNothing()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Unknown man");
        var page = await SignedInAsync("officer@demo.local");
        await page.GotoAsync($"/cases/{id}/close");
        var before = await App.SnapshotAsync();

        await page.GetByLabel("Rationale for closing").FillAsync("Nothing suspicious.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close case" }).ClickAsync();

        var refusal = page.Locator("#refusal");
        await Expect(refusal).ToContainTextAsync("The case cannot be closed yet");
        await Expect(refusal).ToContainTextAsync("Initial report of the discovery is not completed.");
        await Expect(refusal).ToContainTextAsync("Supervisor review and sign-off is not completed");
        await Expect(refusal).ToContainTextAsync("Classification of the death: the case is still classified “Unexpected – under investigation”");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "close-refused");
        await App.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TheFactsAndClassificationFormsListTheirProblemsAtTheTopAndRecordNothing()
    {
        var (id, _) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Gabriel Kovari");
        var page = await SignedInAsync("officer@demo.local");
        var before = await App.SnapshotAsync();

        await page.GotoAsync($"/cases/{id}/facts");
        await page.GetByLabel("Latitude").FillAsync("north of the river");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record facts" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#latitude");
        await Expect(page.GetByLabel("Latitude")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "facts-errors");

        await page.GotoAsync($"/cases/{id}/classification");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record classification" }).ClickAsync();
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("Rationale");
        await Expect(summary.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#rationale");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "classification-errors");
        await App.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TheNewCaseFormShowsEachProblemBesideItsFieldAndOpensNothing()
    {
        await Casework.NewCaseAsync(await App.OfficerAsync(), "An earlier case"); // the snapshot reads existing rows
        var page = await SignedInAsync("officer@demo.local");
        await page.GotoAsync("/cases/new");
        var before = await App.SnapshotAsync();

        await page.GetByLabel("Found at (UK time)").FillAsync("");
        await page.GetByLabel("Latitude").FillAsync("north of the river");
        await page.GetByLabel("Longitude").FillAsync("200");
        await page.GetByLabel("Name", new() { Exact = true }).First.FillAsync("Anonymous caller");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Person 3" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true }).First).ToHaveValueAsync("Anonymous caller");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open case" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The case was not opened");
        await Expect(page.Locator("#err-name")).ToHaveTextAsync("required");
        await Expect(page.Locator("#err-sex")).ToHaveTextAsync("required");
        await Expect(page.Locator("#err-found")).ToHaveTextAsync("required");
        await Expect(page.Locator("#err-lat")).ToHaveTextAsync("must be a number, e.g. 51.5391");
        await Expect(page.Locator("#err-lon")).ToHaveTextAsync("must be between -180 and 180");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Person 1" })).ToContainTextAsync("required"); // its connection
        await Expect(page.GetByLabel("Latitude")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#err-persons-0-role")).ToHaveTextAsync("required");
        await ErrorSummaryChecks.LinksToAsync(page, "Form_Persons_0__Role");
        await ErrorSummaryChecks.LinksToAsync(page, "Form_Latitude");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "new-case-errors");
        await App.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AnOfficerCanSignInAndReachTheirWorkWithTheKeyboardAlone()
    {
        var officer = await App.OfficerAsync();
        await Casework.NewCaseAsync(officer, "Keyboard case");
        var page = await NewPageAsync();
        await page.GotoAsync("/");

        // The email field has the focus on arrival; Tab moves to the password; Enter sends the form.
        await Expect(page.GetByLabel("Email")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("officer@demo.local");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(Web.Tests.Support.ReviewApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work" })).ToBeVisibleAsync();

        // The first Tab reaches the skip link, which jumps past the navigation.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        var firstItem = page.GetByRole(AriaRole.List, new() { Name = "Steps to do" }).GetByRole(AriaRole.Link).First;
        for (var i = 0; i < 5 && !await firstItem.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            await page.Keyboard.PressAsync("Tab");
        await Expect(firstItem).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Complete step" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task MyWorkListsTheFamilyInformationItemsGivenToTheOfficerWithTheirDeadline()
    {
        var officer = await App.OfficerAsync();
        var (id, reference) = await Casework.NewCaseAsync(officer, "Family case");
        var logged = await officer.PostAsJsonAsync($"/api/cases/{id}/family-information", new
        {
            providedBy = new { name = "Dana Dunn", relationship = "sister", contact = "07700 900789" },
            receivedAt = App.Clock.GetUtcNow().AddHours(-1),
            summary = "He was going to meet a man he met online.",
            assignee = "officer2@demo.local",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, logged.StatusCode);

        var owen = await SignedInAsync("officer2@demo.local");
        var item = owen.GetByRole(AriaRole.List, new() { Name = "Steps to do" }).Locator("li", new() { HasText = "Family information FI-1 from Dana Dunn (sister)" });
        await Expect(item).ToContainTextAsync(reference);
        await Expect(item).ToContainTextAsync("due in 2 days 23 h");

        var olivia = await SignedInAsync("officer@demo.local");
        await Expect(olivia.Locator("main")).Not.ToContainTextAsync("Family information FI-1 from Dana Dunn");
    }

    [Fact]
    public async Task ASupervisorRequestsAHomicideReferralAndTheReferralStepThenApplies()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Referral case");
        await Casework.CompleteAsync(officer, id, "initial-report");

        var page = await SignedInAsync("supervisor@demo.local");
        await page.GotoAsync($"/cases/{id}");
        await Expect(page.Locator("#step-homicide-referral")).ToContainTextAsync("Not applicable");
        await page.GetByRole(AriaRole.Link, new() { Name = "Request a homicide referral" }).ClickAsync();
        await page.GetByLabel("Why").FillAsync("short");
        var before = await App.SnapshotAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request referral" }).ClickAsync();
        await Expect(page.Locator("#rationale-error")).Not.ToBeEmptyAsync();
        await ErrorSummaryChecks.LinksToAsync(page, "rationale");
        await ScreenshotAsync(page, "referral-request-errors");
        await App.AssertUnchangedSinceAsync(before);

        await page.GetByLabel("Why").FillAsync("Same street as two earlier GHB deaths; the homicide command must look at it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request referral" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Homicide referral requested");
        await Expect(page.Locator("#step-homicide-referral")).ToContainTextAsync("Available");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Request a homicide referral" })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// The case page as a first visit loads it (no cache): the page and every file it fetches, as sent
    /// over the wire (compressed), at most 300 KB (issue 18). Written to the test output.
    /// </summary>
    private async Task AssertCasePageWeightAsync(IPage casePage)
    {
        var page = await NewPageAsync();
        await page.Context.AddCookiesAsync((await casePage.Context.CookiesAsync())
            .Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        await page.GotoAsync(casePage.Url, new() { WaitUntil = WaitUntilState.Load });
        await page.EvaluateAsync("() => document.fonts.ready");
        var bytes = await page.EvaluateAsync<double>("""
            () => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                .reduce((sum, e) => sum + e.transferSize, 0)
            """);
        var encodings = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name + ' ' + e.transferSize + '/' + e.decodedBodySize)");
        Console.WriteLine($"case page weight: {bytes / 1024:0.0} KB transferred\n  " + string.Join("\n  ", encodings));
        File.AppendAllText(Path.Combine(ScreenshotFolder, "weight.txt"), $"case page: {bytes / 1024:0.0} KB transferred\n  {string.Join("\n  ", encodings)}\n");
        Assert.True(bytes is > 0 and <= 300 * 1024, $"the case page weighs {bytes / 1024:0.0} KB over the wire (at most 300 KB)");
    }
}
