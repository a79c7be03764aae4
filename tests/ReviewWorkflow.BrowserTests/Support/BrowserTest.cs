using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.BrowserTests.Support;

/// <summary>
/// Base of the browser tests: a fresh browser context per person, sign-in as a person does it,
/// screenshots into the test output folder, and a record of every console error and failed
/// request (a content-policy violation shows up there): a test fails if any page logged one.
/// </summary>
public abstract class BrowserTest(BrowserApp app, Chromium chromium) : IAsyncLifetime
{
    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserApp App => app;

    /// <summary>Console errors and failed responses seen by any page of this test.</summary>
    private readonly ConcurrentQueue<string> _browserErrors = new();

    /// <summary>Errors a test provokes on purpose (any error containing one of these is expected).</summary>
    private readonly List<string> _expectedErrors = [];

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>For a test that provokes browser errors on purpose: those containing <paramref name="text"/> are expected; any other still fails it.</summary>
    protected void ExpectBrowserErrors(string text) => _expectedErrors.Add(text);

    /// <summary>
    /// Closes the test's browser contexts (so every page's events have arrived), then fails the test if
    /// any page logged a console error or got a 5xx response that the test did not expect: every browser
    /// test checks this, without having to ask.
    /// </summary>
    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
        var unexpected = _browserErrors.Where(e => !_expectedErrors.Any(x => e.Contains(x, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "the browser reported errors:\n" + string.Join("\n", unexpected));
    }

    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") _browserErrors.Enqueue($"console: {message.Text} at {message.Location}"); };
        page.Response += (_, response) => { if (response.Status >= 500) _browserErrors.Enqueue($"{response.Status} {response.Url}"); };
        return page;
    }

    protected async Task<IPage> SignedInAsync(string email, string password = ReviewApp.Password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// From "New case", the form filled as an officer would for a death like the Barking ones (young man,
    /// GHB, St Margaret's churchyard, found outdoors by a dog walker); the caller submits it.
    /// </summary>
    protected static async Task FillNewCaseFormAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New case" }).ClickAsync();
        await page.GetByLabel("Name of the deceased").FillAsync("Gabriel Kovari");
        await page.GetByLabel("Age (years)").FillAsync("22");
        await page.GetByLabel("Sex").SelectOptionAsync("male");
        await page.GetByLabel("Found at (UK time)").FillAsync("2026-11-25T06:10");
        await page.GetByLabel("Place").FillAsync("St Margaret's churchyard, Barking");
        await page.GetByLabel("Latitude").FillAsync("51.5362");
        await page.GetByLabel("Longitude").FillAsync("0.0803");
        await page.GetByLabel("Substances").FillAsync("GHB");
        await page.GetByLabel("Found outdoors").CheckAsync();
        await page.GetByLabel("Name", new() { Exact = true }).First.FillAsync("Dog walker");
        await page.GetByLabel("Connection").First.SelectOptionAsync("finder");
    }

    /// <summary>Every field a person can fill has a label (or, for a radio group, its legend and own label).</summary>
    protected static async Task AssertEveryInputIsLabelledAsync(IPage page)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => (e.labels === null || e.labels.length === 0) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => e.outerHTML)
            """);
        Assert.True(unlabelled.Length == 0, $"{page.Url}: fields without a label:\n{string.Join("\n", unlabelled)}");
    }

    /// <summary>Where the accessibility checks write what they found of lesser impact (the test output folder, beside the screenshots).</summary>
    public static readonly string AccessibilityReport = Path.Combine(ScreenshotFolder, "accessibility.txt");

    private static readonly Lock ReportLock = new();

    /// <summary>
    /// Saves the page as seen at 1280×800 and at 400 px wide (full length), checks it with axe-core at
    /// both widths (no violation of serious or critical impact; lesser ones written to the report and
    /// the console), checks nothing sticks out sideways at 400 and 320 px, then restores the window.
    /// </summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var original = page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 800 };
        foreach (var width in new[] { 1280, 400 })
        {
            await page.SetViewportSizeAsync(width, 800);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-{width}.png"), FullPage = true });
            await AssertAccessibleAsync(page, $"{name} at {width} px");
        }
        foreach (var width in new[] { 400, 320 })
        {
            await page.SetViewportSizeAsync(width, 800);
            // Nothing may stick out sideways on a narrow window except inside its own scroll box.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name}: the page is {overflow} px wider than a {width} px window");
        }
        await page.SetViewportSizeAsync(original.Width, original.Height);
    }

    /// <summary>axe-core on the page as it is: 0 violations of serious or critical impact; the others reported.</summary>
    protected static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        string Describe(AxeResultItem v) =>
            $"{what} ({page.Url}): [{v.Impact}] {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {string.Join(" ", n.Target)} {n.Html}"));
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(Describe).ToList();
        var lesser = result.Violations.Where(v => v.Impact is not ("serious" or "critical")).Select(Describe).ToList();
        if (lesser.Count > 0)
        {
            lock (ReportLock) File.AppendAllLines(AccessibilityReport, lesser);
            foreach (var line in lesser) Console.WriteLine(line);
        }
        Assert.True(blocking.Count == 0, "accessibility violations of serious or critical impact:\n" + string.Join("\n", blocking));
    }
}
