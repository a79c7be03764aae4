using System.Net.Http.Json;
using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Support;
using ReviewWorkflow.Web.Ui;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>A handover asked for and approved, a step reassigned, and a case found from the search box and its person page.</summary>
public sealed class HandoverAndSearchTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    /// <summary>A time from now as the form takes it: UK time.</summary>
    private string Minutes(TimeSpan from) => Display.InputTime(App.Clock.GetUtcNow().Add(from));

    [Fact]
    public async Task OfficerHandsOverASupervisorApprovesAndTheColleagueFindsTheWorkOnMyWork()
    {
        var (id, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Anthony Walgate");

        var officer = await SignedInAsync("officer@demo.local");
        await officer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Handovers" }).ClickAsync();
        await officer.Locator("#to").SelectOptionAsync(new SelectOptionValue { Label = "Owen Officer (officer)" });
        await officer.GetByLabel("From (UK time)").FillAsync(Minutes(TimeSpan.FromHours(-1)));
        await officer.GetByLabel("Until (UK time)").FillAsync(Minutes(TimeSpan.FromDays(3)));
        await officer.GetByLabel("Reason").FillAsync("Annual leave");
        await AssertEveryInputIsLabelledAsync(officer);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Ask for approval" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Handover to Owen Officer recorded");
        await ScreenshotAsync(officer, "handovers-officer");
        await Expect(officer.Locator("#handovers")).ToContainTextAsync("awaiting approval");

        var supervisor = await SignedInAsync("supervisor@demo.local");
        await supervisor.GotoAsync("/handovers");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Approve the handover from Olivia Officer to Owen Officer" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("approved");
        await Expect(supervisor.Locator("#handovers")).ToContainTextAsync("in force");
        await ScreenshotAsync(supervisor, "handovers-supervisor");

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
        var before = await App.SnapshotAsync();
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();
        await Expect(supervisor.Locator("#reason-error")).ToContainTextAsync("required"); // refused: nothing changed
        await ErrorSummaryChecks.LinksToAsync(supervisor, "reason");
        await ScreenshotAsync(supervisor, "assignment-errors");
        await App.AssertUnchangedSinceAsync(before);
        await supervisor.GetByLabel("Reason").FillAsync("Olivia is at court all week.");
        await AssertEveryInputIsLabelledAsync(supervisor);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("Step Initial report of the discovery reassigned to Owen Officer");
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

        await ScreenshotAsync(page, "person");

        await page.GotoAsync("/search?q=%20");
        await Expect(page.Locator("#search-q-error")).ToContainTextAsync("required");
        await ErrorSummaryChecks.LinksToAsync(page, "search-q");
        await ScreenshotAsync(page, "search-empty");
        await page.GotoAsync("/persons?identifier=%20");
        await ErrorSummaryChecks.LinksToAsync(page, "identifier");
    }

    [Fact]
    public async Task ARefusedHandoverListsEachProblemAtTheTopAndRecordsNothing()
    {
        var officer = await SignedInAsync("officer@demo.local");
        await officer.GotoAsync("/handovers");
        var before = await App.SnapshotAsync();
        await officer.GetByLabel("From (UK time)").FillAsync(Minutes(TimeSpan.FromDays(2)));
        await officer.GetByLabel("Until (UK time)").FillAsync(Minutes(TimeSpan.FromDays(1)));
        await officer.GetByRole(AriaRole.Button, new() { Name = "Ask for approval" }).ClickAsync();

        await Expect(officer.Locator(".govuk-error-summary")).ToContainTextAsync("nothing was recorded");
        await ErrorSummaryChecks.LinksToAsync(officer, "to");
        await Expect(officer.Locator("#to")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync(officer, "handovers-errors");
        await App.AssertUnchangedSinceAsync(before);
    }

    /// <summary>
    /// Search, person, handovers, a case's assignment and series pages as each role that may see them,
    /// and the sign-off queue and referral request as a supervisor and an inspector: laid out, accessible, no overflow.
    /// </summary>
    [Fact]
    public async Task EachRoleSeesTheCaseworkPagesAccessibleAtBothWidths()
    {
        var api = await App.OfficerAsync();
        var spot = LinkageCases.NewPlace();
        var first = await api.CreateCaseAsync(LinkageCases.Death(spot, "2014-06-19T04:05:00Z", "Anthony Walgate"));
        var second = await api.CreateCaseAsync(LinkageCases.Death(spot, "2014-08-28T07:30:00Z", "Gabriel Kovari"));
        await api.DisposeAsync(second.Id(), first.Id(), "linked", "Same place, same drug, same finder: one series.").OkAsync();
        var (id, reference) = (second.Id(), second.GetProperty("reference").GetString()!);
        // A linked case waits for its homicide referral step, so the queue's sign-off is another case's.
        var (toSign, toSignReference) = await Casework.NewCaseAsync(api, "Stephen Port");
        await Casework.ReadyForSignOffAsync(api, toSign);
        // A pause awaiting a supervisor's decision, which the sign-off queue lists.
        await Casework.CompleteAsync(api, first.Id(), "initial-report");
        var paused = await api.PostAsJsonAsync($"/api/cases/{first.Id()}/steps/post-mortem-toxicology/pause",
            new { reason = "Toxicology samples are with the laboratory.", until = App.Clock.GetUtcNow().AddDays(20) });
        Assert.True(paused.IsSuccessStatusCode, await paused.Content.ReadAsStringAsync());

        foreach (var (email, name) in new[] { ("officer@demo.local", "officer"), ("supervisor@demo.local", "supervisor"), ("inspector@demo.local", "inspector") })
        {
            var page = await SignedInAsync(email);
            await page.GotoAsync($"/search?q={reference}");
            await Expect(page.Locator("#results")).ToContainTextAsync(reference);
            await ScreenshotAsync(page, $"search-{name}");
            await page.GotoAsync("/persons?identifier=Gabriel%20Kovari");
            await Expect(page.Locator("#occurrences")).ToContainTextAsync(reference);
            await ScreenshotAsync(page, $"person-{name}");
            await page.GotoAsync("/handovers");
            await ScreenshotAsync(page, $"handovers-{name}");
            await page.GotoAsync($"/cases/{id}/assignment");
            await Expect(page.Locator("#open-work")).ToContainTextAsync("Case officer");
            await ScreenshotAsync(page, $"assignment-{name}");
            await page.GotoAsync($"/cases/{id}/series");
            await Expect(page.Locator("#timeline")).ToContainTextAsync("Anthony Walgate");
            await Expect(page.Locator("#links-title + *")).ToContainTextAsync("linked");
            await ScreenshotAsync(page, $"series-{name}");
            if (name != "inspector")
            {
                await page.GotoAsync("/cases/new");
                await Expect(page.Locator("#workflow-expected-death")).ToBeVisibleAsync();
                await ScreenshotAsync(page, $"new-case-{name}");
            }
            if (name != "officer")
            {
                await page.GotoAsync("/sign-offs");
                await Expect(page.Locator("#sign-off-queue")).ToContainTextAsync(toSignReference);
                await Expect(page.Locator("#pauses-table tr", new() { HasText = first.GetProperty("reference").GetString()! })).ToContainTextAsync("awaiting a supervisor's approval");
                await ScreenshotAsync(page, $"sign-off-queue-{name}");
                await page.GotoAsync($"/cases/{id}/referral-request");
                await Expect(page.Locator("#rationale-info")).ToContainTextAsync("10,000 characters");
                await ScreenshotAsync(page, $"referral-request-{name}");
            }
        }
    }
}
