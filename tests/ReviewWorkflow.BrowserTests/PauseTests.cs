using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using ReviewWorkflow.Web.Ui;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>An officer asks to pause a step waiting on the laboratory; a supervisor approves it; the case page, My work and the board say so.</summary>
public sealed class PauseTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    private const string Step = "post-mortem-toxicology";
    private const string Title = "Post-mortem and toxicology results";

    [Fact]
    public async Task AnOfficerAsksForAPauseAndASupervisorApprovesIt()
    {
        var (id, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Daniel Whitworth");
        await Casework.CompleteAsync(await App.OfficerAsync(), id, "initial-report");
        var until = App.Clock.GetUtcNow().AddDays(20);

        var officer = await SignedInAsync("officer@demo.local");
        await officer.GotoAsync($"/cases/{id}");
        await officer.Locator($"#step-{Step}-pause-link").ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Pause the step" })).ToBeVisibleAsync();

        // Nothing filled in: the GOV.UK error summary links each problem to its field, and nothing is recorded.
        await officer.GetByRole(AriaRole.Button, new() { Name = "Ask for the pause" }).ClickAsync();
        var summary = officer.Locator(".govuk-error-summary");
        await Expect(summary).ToContainTextAsync("Why the step waits: required");
        await Expect(summary).ToContainTextAsync("Expected date: required");
        await Expect(officer.Locator("#reason-error")).ToBeVisibleAsync();
        await ScreenshotAsync(officer, "pause-ask-errors");

        await officer.GetByLabel("Why the step waits, and on whom").FillAsync("Toxicology samples are with the forensic laboratory.");
        await officer.GetByLabel("Expected date the wait ends (UK time)").FillAsync(Display.InputTime(until));
        await officer.GetByRole(AriaRole.Button, new() { Name = "Ask for the pause" }).ClickAsync();
        await Expect(officer.Locator($"#step-{Step}-pause")).ToContainTextAsync("awaiting a supervisor's approval");

        // The supervisor finds the pause to decide on their own list.
        var supervisor = await SignedInAsync("supervisor@demo.local");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = $"Pause to decide: {Title}" }).First.ClickAsync();
        await Expect(supervisor.Locator("#pause-status")).ToContainTextAsync("awaiting a supervisor's approval");
        await supervisor.GetByLabel("Approve: the deadline runs again from the expected date").CheckAsync();
        await supervisor.GetByLabel("Reason for the decision (optional)").FillAsync("The laboratory's queue is several weeks.");
        await ScreenshotAsync(supervisor, "pause-decide");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        var paused = $"paused until {Display.Time(until)} (approved)";
        await Expect(supervisor.Locator($"#step-{Step}-pause")).ToContainTextAsync(paused);

        await supervisor.GotoAsync("/overdue");
        await Expect(supervisor.Locator("#pauses-table tr", new() { HasText = reference })).ToContainTextAsync(paused);

        await officer.GotoAsync("/");
        await Expect(officer.Locator("ul.work li", new() { HasText = reference }).Filter(new() { HasText = Title })).ToContainTextAsync(paused);
        await officer.GotoAsync($"/cases/{id}/steps/{Step}/pause");
        await Expect(officer.GetByRole(AriaRole.Button, new() { Name = "End the pause" })).ToBeVisibleAsync();
    }
}
