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
    }
}
