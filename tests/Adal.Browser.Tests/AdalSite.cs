using Microsoft.Playwright;

namespace Adal.Browser.Tests;

/// <summary>One host and one browser for every story: starting them is most of a story's time.</summary>
[CollectionDefinition(Name)]
public sealed class AdalInChromium : ICollectionFixture<AdalSite>
{
    public const string Name = "Adal in Chromium";
}

public sealed class AdalSite : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private RunningAdal? _host;

    public Uri Address => (_host ?? throw new InvalidOperationException("The host is not running.")).Address;

    public int HostLogLines => _host?.LogLines ?? 0;

    public IReadOnlyList<string> HostLogSince(int line) => _host?.LogSince(line) ?? [];

    public Screenshots Screenshots { get; } = new();

    public async Task InitializeAsync()
    {
        try
        {
            // The browser first: a machine without Chromium fails in a second, not after the host's start-up.
            (_playwright, _browser) = await Chromium.LaunchAsync();
            _host = await RunningAdal.StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A fresh browser profile (its own cookies) on a phone: 360×740, touch, Kazakh as the browser's language.
    /// </summary>
    public async Task<IBrowserContext> NewPhoneAsync()
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser is not running.");
        return await browser.NewContextAsync(new()
        {
            BaseURL = Address.ToString(),
            ViewportSize = new() { Width = 360, Height = 740 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "kk-KZ",
            TimezoneId = "Asia/Almaty",
            AcceptDownloads = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            // The host's own account of the run, for when a step failed on the server side.
            Screenshots.Keep("adal-host.log", System.Text.Encoding.UTF8.GetBytes(_host.Log));
            await _host.DisposeAsync();
            _host = null;
        }
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
    }
}
