using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using ReviewWorkflow.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>Issue 14: the reviewer sees what they approve — every candidate and every family item on the sign-off page.</summary>
public sealed class SignOffEvidenceTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task TheSignOffPageShowsEveryCandidateAndFamilyItemWithTheirDecisions()
    {
        var officer = await App.OfficerAsync();
        // Two deaths in the same churchyard a month apart: the later has the earlier as a candidate.
        var earlier = await officer.CreateCaseAsync(Api.NewCase("Anthony Walgate", latitude: 52.4012, longitude: 1.2001,
            foundAt: "2026-10-01T05:00:00Z", substances: ["GHB"]));
        var later = await officer.CreateCaseAsync(Api.NewCase("Gabriel Kovari", latitude: 52.4030, longitude: 1.2001,
            foundAt: "2026-11-01T05:00:00Z", substances: ["GHB"]));
        var id = later.Id();
        var earlierRef = earlier.GetProperty("reference").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/cases/{id}/linkage/{earlier.Id()}/disposition",
            new { decision = "not-linked", rationale = "Different circumstances: the earlier death was at home with a known illness." })).StatusCode);

        var logged = await officer.PostAsJsonAsync($"/api/cases/{id}/family-information", new
        {
            providedBy = new { name = "Dana Dunn", relationship = "sister", contact = "07700 900777" },
            receivedAt = "2026-11-24T10:00:00Z", how = "phone",
            summary = "Says he met a man from an app the night before; has his profile name.",
        });
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var itemId = (await logged.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/cases/{id}/family-information/{itemId}/actions",
            new { action = "Traced the app profile", outcome = "Profile belongs to a man known to police" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/cases/{id}/family-information/{itemId}/response",
            new { response = "Told her the profile is being traced and she will hear from us by Friday." })).StatusCode);
        await Casework.ReadyForSignOffAsync(officer, id);

        var page = await SignedInAsync("supervisor@demo.local");
        await page.GotoAsync($"/cases/{id}/sign-off/supervisor-review");

        var candidate = page.Locator($"#evidence-candidates #candidate-{earlierRef}");
        await Expect(candidate).ToContainTextAsync("score 0.");
        await Expect(candidate).ToContainTextAsync("not-linked");
        await Expect(candidate).ToContainTextAsync("apart");
        await Expect(candidate).ToContainTextAsync("Different circumstances: the earlier death was at home");
        var item = page.Locator("#evidence-family-items #item-FI-1");
        await Expect(item).ToContainTextAsync("Dana Dunn (sister)");
        await Expect(item).ToContainTextAsync("Traced the app profile — Profile belongs to a man known to police");
        await Expect(item).ToContainTextAsync("Told her the profile is being traced");
        await Expect(page.Locator("#approves-initial-report")).ToContainTextAsync("Cooke Street, Barking");
        await ScreenshotAsync(page, "sign-off-evidence");
    }
}
