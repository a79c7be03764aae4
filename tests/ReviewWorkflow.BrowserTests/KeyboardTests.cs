using Microsoft.Playwright;
using ReviewWorkflow.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewWorkflow.BrowserTests;

/// <summary>
/// Completing a step and signing off with the keyboard alone (Tab, typing, Space, Enter), the focus
/// visible on every control it lands on (WCAG 2.4.7); signing in by keyboard is in CaseworkTests.
/// </summary>
public sealed class KeyboardTests(BrowserApp app, Chromium chromium) : BrowserTest(app, chromium), IClassFixture<BrowserApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task AnOfficerCompletesAStepWithTheKeyboardAlone()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Keyboard step");
        await Casework.CompleteAsync(officer, id, "initial-report");
        var page = await SignedInAsync("officer@demo.local");
        await page.GotoAsync($"/cases/{id}");

        await TabToAsync(page, page.Locator("#step-intelligence-checks").GetByRole(AriaRole.Link, new() { Name = "Intelligence checks on finder, reporter and associates", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Intelligence checks on finder, reporter and associates");

        await TabToAsync(page, page.GetByLabel("Persons checked"));
        await page.Keyboard.TypeAsync("Dog walker");
        await TabToAsync(page, page.GetByLabel("Systems searched"));
        await page.Keyboard.TypeAsync("PNC");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Local intelligence");
        await TabToAsync(page, page.GetByLabel("Results"));
        await page.Keyboard.TypeAsync("No trace on any system.");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Complete step" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Intelligence checks on finder, reporter and associates: completed.");
        await Expect(page.Locator("#step-intelligence-checks")).ToContainTextAsync("Completed");
    }

    [Fact]
    public async Task ASupervisorSignsOffWithTheKeyboardAlone()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Keyboard sign-off");
        await Casework.ReadyForSignOffAsync(officer, id);
        var page = await SignedInAsync("supervisor@demo.local");
        await page.GotoAsync($"/cases/{id}");

        await TabToAsync(page, page.Locator("#step-supervisor-review").GetByRole(AriaRole.Link, new() { Name = "Supervisor review and sign-off", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Supervisor review and sign-off");
        await TabToAsync(page, page.GetByLabel("Approve", new() { Exact = true }));
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByLabel("Approve", new() { Exact = true })).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByLabel("Rationale"));
        await page.Keyboard.TypeAsync("Every check recorded; nothing links this death to another.");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Supervisor review and sign-off: approved.");
    }

    [Fact]
    public async Task AReturnWithNoStepTickedIsReportedAtTheTopAndLinksToTheSteps()
    {
        var officer = await App.OfficerAsync();
        var (id, _) = await Casework.NewCaseAsync(officer, "Return with nothing ticked");
        await Casework.ReadyForSignOffAsync(officer, id);
        var page = await SignedInAsync("supervisor@demo.local");
        await page.GotoAsync($"/cases/{id}/sign-off/supervisor-review");
        var before = await App.SnapshotAsync();

        await page.GetByLabel("Return for redo").CheckAsync();
        await page.GetByLabel("Rationale").FillAsync("The intelligence checks need the associates too.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();

        // The summary is the first thing in <main>, takes the focus, and its link leads to the step boxes.
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToContainTextAsync("Steps to redo:");
        await Expect(summary).ToBeFocusedAsync();
        Assert.True(await summary.EvaluateAsync<bool>("s => s.getBoundingClientRect().top < window.innerHeight"), "the error summary is not in view");
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Locator("#return-steps")).ToBeInViewportAsync();
        await ScreenshotAsync(page, "sign-off-return-errors");
        await App.AssertUnchangedSinceAsync(before);
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, checking the focus is visible on everything passed on the way.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int most = 80)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>(FocusVisible);
            Assert.True(focused is null, $"the focus is not visible on {focused}");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        Assert.Fail($"{target} was not reached with {most} presses of Tab");
    }

    /// <summary>
    /// Null when the focused element shows its focus: an outline that is not transparent, a box shadow or,
    /// for GOV.UK radios and checkboxes (the input is invisible), a ring drawn on its label; else its HTML.
    /// </summary>
    private const string FocusVisible = """
        () => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const shows = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)' && s.outlineColor !== 'transparent')
                || (s.boxShadow && s.boxShadow !== 'none');
            if (shows(getComputedStyle(e))) return null;
            const label = e.labels && e.labels[0];
            if (label && (shows(getComputedStyle(label, '::before')) || shows(getComputedStyle(label, '::after')))) return null;
            return e.outerHTML.slice(0, 200);
        }
        """;
}
