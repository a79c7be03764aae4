using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests.Support;

/// <summary>How a refused form reads: the GOV.UK error summary at the top of the page, linking to each field.</summary>
public static class ErrorSummaryChecks
{
    /// <summary>The summary is at the top and links to the field; following the link puts the focus in it.</summary>
    public static async Task LinksToAsync(IPage page, string fieldId)
    {
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        Assert.True((await summary.BoundingBoxAsync())!.Y < 400, "the error summary is not at the top of the page");
        await summary.Locator($"a[href='#{fieldId}']").First.ClickAsync();
        await Expect(page.Locator($"#{fieldId}")).ToBeFocusedAsync();
    }
}
