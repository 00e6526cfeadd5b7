using Microsoft.Playwright;

namespace Adal.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright. Nothing is downloaded (the machines reach no browser CDN):
/// a missing browser is a failed test with the command that fixes it, never a skipped one.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("ADAL_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = ExecutablePath;
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"Chromium is not installed at {path}. Install Debian's browser with `apt-get install -y chromium` " +
                "(or point ADAL_TEST_CHROMIUM at a Chromium binary). The browser tests do not download browsers.");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = path,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run",
                ],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
