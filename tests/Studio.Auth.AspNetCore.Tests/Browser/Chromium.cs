using Microsoft.Playwright;

namespace Studio.Auth.AspNetCore.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright. The browser is never downloaded: its path comes from
/// <c>STUDIO_AUTH_TEST_CHROMIUM</c> (CI sets <c>/usr/bin/chromium</c>); without it the browser tests are ignored.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string EnvironmentVariable = "STUDIO_AUTH_TEST_CHROMIUM";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            Assert.Ignore($"{EnvironmentVariable} is not set; set it to a Chromium binary (apt-get install chromium; {EnvironmentVariable}=/usr/bin/chromium) to run the browser tests.");
        }

        if (!File.Exists(path))
        {
            Assert.Fail($"{EnvironmentVariable}={path}, but there is no such file (apt-get install chromium).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = Arguments,
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
