using Microsoft.Playwright;

namespace ExportTaxCheck.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download): headless, background networking off, and every request
/// that is not for 127.0.0.1 refused at once, so nothing waits on the closed network. Used by the browser tests and the
/// Studio benchmark.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium (apt-get install chromium).");
        // Expectations (a toast, a row) wait as long as an action does: on a loaded machine Studio's answer to a click
        // can take longer than Playwright's default of five seconds to show.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Every request that is not for the loopback goes to a proxy on the discard port, which refuses it: the
            // browser blocks the outside network itself, without routing each request through the test.
            Args = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>
    /// A fresh browser context (its own cookies) on <paramref name="baseUrl"/>; <paramref name="width"/> px wide, its
    /// browser language <paramref name="locale"/> (sent as Accept-Language; the workspace answers zh-CN when it is Chinese).
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, int width = 1280, int height = 900, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = locale,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        // A navigation includes the Host's first run of a page (JIT) while the rest of the suite loads both cores.
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    /// <summary>A fresh page signed in as <paramref name="userName"/>, on the inbox.</summary>
    public async Task<IPage> SignedInPageAsync(Uri baseUrl, string userName, int width = 1280, string locale = "en-US")
    {
        var page = await NewPageAsync(baseUrl, width, locale: locale);
        await page.GotoAsync("/signin");
        await SubmitSignInAsync(page, userName);
        await page.WaitForPageAsync("**/inbox");
        return page;
    }

    /// <summary>Fills the sign-in form the page shows and submits it.</summary>
    public static async Task SubmitSignInAsync(IPage page, string userName, string password = TestKeys.Password)
    {
        await page.FillAsync("input[name=userName]", userName);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("form:has(input[name=password]) button[type=submit]");
    }

    public static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(Repository.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
