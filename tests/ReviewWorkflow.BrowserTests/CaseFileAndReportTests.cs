using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>The case file's button and its verification, and the reports page, in the browser.</summary>
public sealed class CaseFileAndReportTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task TheCaseFileDownloadsFromTheCasePageAndAnAdministratorVerifiesIt()
    {
        var (id, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Daniel Whitworth");
        var officer = await SignedInAsync("officer@demo.local");
        await officer.GotoAsync($"/cases/{id}");
        var download = await officer.RunAndWaitForDownloadAsync(() =>
            officer.GetByRole(AriaRole.Link, new() { Name = "Download the case file (PDF)" }).ClickAsync());
        Assert.Equal($"case-file-{reference}.pdf", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"browser-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        try
        {
            var admin = await SignedInAsync("admin@demo.local");
            await admin.GotoAsync("/admin");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Verify a case file" }).ClickAsync();
            // No file chosen: the problem at the top, linked to the file field.
            await admin.GetByRole(AriaRole.Button, new() { Name = "Verify the file" }).ClickAsync();
            var summary = admin.Locator(".govuk-error-summary");
            await Expect(summary).ToContainTextAsync("The file cannot be verified");
            await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "no file was chosen" })).ToHaveAttributeAsync("href", "#file");
            await Expect(admin.Locator("#file-error")).ToHaveTextAsync("no file was chosen");
            await ScreenshotAsync(admin, "verify-case-file-no-file");
            await admin.Locator("#file").SetInputFilesAsync(path);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Verify the file" }).ClickAsync();
            await Expect(admin.Locator("#verify-file-result")).ToContainTextAsync($"The file matches the audit trail: case {reference}");
            await ScreenshotAsync(admin, "verify-case-file");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TheReportsPageWritesEachDefinitionDrawsItsChartsAndLinksTheCases()
    {
        var (id, reference) = await Casework.NewCaseAsync(await App.OfficerAsync(), "Gabriel Kovari");
        App.Clock.Advance(TimeSpan.FromDays(2));

        var supervisor = await SignedInAsync("supervisor@demo.local");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await supervisor.Locator("#open-days").FillAsync("1");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        var open = supervisor.Locator("#section-open-and-reopened");
        await Expect(open.Locator(".definition")).ToContainTextAsync("cases still open that many days after they were opened");
        await Expect(supervisor.Locator("#team")).ToHaveCountAsync(0); // a supervisor sees their own team only
        Assert.True(await supervisor.EvaluateAsync<bool>("() => typeof Chart === 'function' && Chart.getChart('chart-open-and-reopened') !== undefined"),
            "Chart.js did not draw the chart");
        var row = open.Locator("tr", new() { HasText = "open longer than 1 days" });
        await row.Locator("summary").ClickAsync();
        await ScreenshotAsync(supervisor, "reports");
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(supervisor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/cases/{id}$"));

        // An inspector sees every team, and may narrow the report to one.
        var inspector = await SignedInAsync("inspector@demo.local");
        await inspector.GotoAsync("/reports");
        await inspector.GetByLabel("Team").SelectOptionAsync("east");
        await inspector.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(inspector.Locator(".govuk-caption-l")).ToHaveTextAsync("Team east");
        await Expect(inspector.Locator("#report-scope")).ToContainTextAsync("Download as CSV");
        await ScreenshotAsync(inspector, "reports-inspector");
    }

    [Fact]
    public async Task AReportWithAnImpossiblePeriodListsTheProblemAtTheTopLinkedToItsField()
    {
        var supervisor = await SignedInAsync("supervisor@demo.local");
        await supervisor.GotoAsync("/reports");
        await supervisor.Locator("#from").FillAsync("2026-12-01");
        await supervisor.Locator("#to").FillAsync("2026-11-01");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        var summary = supervisor.Locator(".govuk-error-summary");
        await Expect(summary).ToBeFocusedAsync(); // GOV.UK Frontend moves focus to the summary, at the top
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "From: must be before to" })).ToHaveAttributeAsync("href", "#from");
        await Expect(supervisor.Locator("#from-error")).ToHaveTextAsync("Must be before to");
        await Expect(supervisor.Locator("#from")).ToHaveValueAsync("2026-12-01"); // kept, to be corrected
        await Expect(supervisor.Locator("#report-scope")).ToHaveCountAsync(0);
        await Expect(supervisor).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));

        await supervisor.Locator("#open-days").FillAsync("0");
        await supervisor.Locator("#to").FillAsync("2026-12-02");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "#open-days");
        await ScreenshotAsync(supervisor, "reports-problem");
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(supervisor.Locator("#open-days")).ToBeFocusedAsync();
    }
}
