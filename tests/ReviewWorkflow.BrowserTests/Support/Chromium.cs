using Microsoft.Playwright;

namespace ReviewWorkflow.BrowserTests.Support;

/// <summary>
/// One headless Chromium per test class (tests open their own contexts, so they share no cookies).
/// Debian's /usr/bin/chromium, not a browser Playwright would download: ./test.sh installs it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Chromium was not found at {ExecutablePath}. The browser tests drive Debian's Chromium: install it with " +
                "`apt-get install -y chromium` (./test.sh does this through scripts/prerequisites.sh --browser), or set CHROMIUM_PATH.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
