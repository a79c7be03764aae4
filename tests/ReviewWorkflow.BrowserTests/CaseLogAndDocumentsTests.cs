using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>A supervisor's direction answered by the officer, and documents filed, in the browser and through Kestrel's real limits.</summary>
public sealed class CaseLogAndDocumentsTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task SupervisorDirectsTheOfficerWhoFindsItOnMyWorkAndAnswersIt()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Anthony Walgate");

        var supervisor = await SignedInAsync("supervisor@demo.local");
        await supervisor.GotoAsync($"/cases/{id}");
        await supervisor.Locator("#casework").GetByRole(AriaRole.Link, new() { Name = "Notes and directions" }).ClickAsync();
        await supervisor.GetByLabel("Text").FillAsync("Trace the man seen leaving the flat and take his account.");
        await supervisor.GetByLabel("Directed to").SelectOptionAsync(new SelectOptionValue { Label = "Olivia Officer (officer)" });
        await supervisor.GetByLabel("Due (UK time)").FillAsync(App.Clock.GetUtcNow().AddDays(2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm"));
        await AssertEveryInputIsLabelledAsync(supervisor);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("D-1 recorded");
        await Expect(supervisor.Locator("#log")).ToContainTextAsync("Assigned to");

        var page = await SignedInAsync("officer@demo.local");
        var work = page.GetByRole(AriaRole.List, new() { Name = "Steps to do" });
        await work.GetByRole(AriaRole.Link).Filter(new() { HasText = "Direction D-1" }).ClickAsync();
        await page.GetByLabel("Response to D-1").FillAsync("Traced and interviewed on 26 November; statement filed.");
        await ScreenshotAsync(page, "direction");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record response and close" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("D-1 answered and closed");
        await Expect(page.Locator("#log")).ToContainTextAsync("answered");
    }

    [Fact]
    public async Task OfficerFilesADocumentOverTheAppsOneMebibyteLimitAndDownloadsIt()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Gabriel Kovari");
        var statement = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Statement of the finder, line after line.\n", 50_000))); // about 2 MiB

        var page = await SignedInAsync("officer@demo.local");
        await page.GotoAsync($"/cases/{id}/documents");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "statement.txt", MimeType = "text/plain", Buffer = statement });
        await page.GetByLabel("Description (optional)").FillAsync("Finder's statement");
        await AssertEveryInputIsLabelledAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "File document" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("statement.txt filed (version 1)");
        await Expect(page.Locator("#documents")).ToContainTextAsync(statement.Length.ToString("N0"));
        await ScreenshotAsync(page, "documents");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "statement.txt" }).ClickAsync());
        Assert.Equal(statement, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    [Fact]
    public async Task TheApiTakesTheConfiguredSizeThroughKestrelAndRefusesMoreWith413()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Jack Taylor");
        HttpContent Upload(int bytes)
        {
            var file = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n").Concat(new byte[bytes - 9]).ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            return new MultipartFormDataContent { { file, "file", "report.pdf" } };
        }

        var ten = await officer.PostAsync($"/api/cases/{id}/documents", Upload(10 * 1024 * 1024));
        var tooLarge = await officer.PostAsync($"/api/cases/{id}/documents", Upload(25 * 1024 * 1024 + 1));

        Assert.Equal(HttpStatusCode.Created, ten.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("at most 26,214,400 bytes (25 MiB)", await tooLarge.Content.ReadAsStringAsync());
    }
}
