using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>A handover asked for and approved, a step reassigned, and a case found from the search box and its person page.</summary>
public sealed class HandoverAndSearchTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    private string Minutes(TimeSpan from) => App.Clock.GetUtcNow().Add(from).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm");

    [Fact]
    public async Task OfficerHandsOverASupervisorApprovesAndTheColleagueFindsTheWorkOnMyWork()
    {
        var (id, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Anthony Walgate");

        var officer = await SignedInAsync("officer@demo.local");
        await officer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Handovers" }).ClickAsync();
        await officer.Locator("#to").SelectOptionAsync(new SelectOptionValue { Label = "Owen Officer (officer)" });
        await officer.GetByLabel("From (UTC)").FillAsync(Minutes(TimeSpan.FromHours(-1)));
        await officer.GetByLabel("Until (UTC)").FillAsync(Minutes(TimeSpan.FromDays(3)));
        await officer.GetByLabel("Reason").FillAsync("Annual leave");
        await AssertEveryInputIsLabelledAsync(officer);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Ask for approval" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Handover to Owen Officer recorded");
        await Expect(officer.Locator("#handovers")).ToContainTextAsync("awaiting approval");

        var supervisor = await SignedInAsync("supervisor@demo.local");
        await supervisor.GotoAsync("/handovers");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Approve the handover from Olivia Officer to Owen Officer" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("approved");
        await Expect(supervisor.Locator("#handovers")).ToContainTextAsync("in force");

        var colleague = await SignedInAsync("officer2@demo.local");
        await Expect(colleague.GetByRole(AriaRole.List, new() { Name = "Steps to do" })).ToContainTextAsync(reference);
        await ScreenshotAsync(colleague, "handover-my-work");
    }

    [Fact]
    public async Task SupervisorReassignsOneStepFromTheAssignmentPage()
    {
        var (id, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Gabriel Kovari");

        var supervisor = await SignedInAsync("supervisor@demo.local");
        await supervisor.GotoAsync($"/cases/{id}");
        await supervisor.Locator("#casework").GetByRole(AriaRole.Link, new() { Name = "Who holds the work" }).ClickAsync();
        await supervisor.Locator("#what").SelectOptionAsync(new SelectOptionValue { Label = "Step: Initial report of the discovery" });
        await supervisor.Locator("#officer").SelectOptionAsync(new SelectOptionValue { Label = "Owen Officer (officer)" });
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();
        await Expect(supervisor.Locator("#reason-error")).ToContainTextAsync("required"); // refused: nothing changed
        await supervisor.GetByLabel("Reason").FillAsync("Olivia is at court all week.");
        await AssertEveryInputIsLabelledAsync(supervisor);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("Step initial-report reassigned to Owen Officer");
        await Expect(supervisor.Locator("#open-work")).ToContainTextAsync("Owen Officer");

        var colleague = await SignedInAsync("officer2@demo.local");
        await Expect(colleague.GetByRole(AriaRole.List, new() { Name = "Steps to do" })).ToContainTextAsync(reference);
    }

    [Fact]
    public async Task OfficerFindsACaseByAMisspeltNameFromTheSearchBoxAndOpensThePersonPage()
    {
        var (id, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Jessamy Tregothnan");

        var page = await SignedInAsync("officer@demo.local");
        await page.GetByLabel("Search cases").FillAsync("Jesamy Tregothnan");
        await page.GetByLabel("Search cases").PressAsync("Enter");
        var results = page.Locator("#results");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = $"{reference} · Jessamy Tregothnan" })).ToBeVisibleAsync();
        await Expect(results).ToContainTextAsync("name like jessamy tregothnan (deceased)");
        await AssertEveryInputIsLabelledAsync(page);
        await ScreenshotAsync(page, "search");

        await page.GotoAsync("/persons?identifier=Jessamy%20Tregothnan");
        await Expect(page.Locator("#occurrences")).ToContainTextAsync(reference);
        await Expect(page.Locator("#occurrences")).ToContainTextAsync("deceased");

        await page.GotoAsync("/search?q=%20");
        await Expect(page.Locator("#search-q-error")).ToContainTextAsync("required");
    }
}
