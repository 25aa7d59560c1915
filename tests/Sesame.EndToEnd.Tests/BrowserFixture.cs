using Microsoft.Playwright;
using Sesame.Testing;

namespace Sesame.EndToEnd.Tests;

/// <summary>
/// One Sesame server on a real Kestrel port and one headless Debian chromium for the whole project (the
/// machine has two cores, and a chromium start costs seconds: stack-notes pitfall 15). Each test opens
/// its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Long enough for a PBKDF2 hash on a busy CI machine, short enough to fail fast.</summary>
    private const float ActionTimeoutMs = 20_000;

    private RealPortHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SesameHost Host => _host ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>Reads what the test command's real SMTP server received.</summary>
    public MailServer Mail { get; } = new();

    public async Task InitializeAsync()
    {
        // Expectations wait as long as actions do: a sign-in hashes a password on a machine running other tests.
        Assertions.SetDefaultExpectTimeout(ActionTimeoutMs);
        _host = new RealPortHost();
        _host.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            // Debian's chromium, run as root: no Playwright browser download (stack-notes pitfall 7).
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>
    /// A fresh browser (its own cookies) in French Canada, on the server's real address, with its own client
    /// address so that the per-address rate limits treat each test as a different person.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScriptEnabled = true)
    {
        var browser = _browser ?? throw new InvalidOperationException("The fixture is not started.");
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = Host.RootUri.ToString(),
            Locale = "fr-CA",
            JavaScriptEnabled = javaScriptEnabled,
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestClientAddress.Header] = SesameHost.RandomAddress() },
        });
        if (!javaScriptEnabled)
        {
            Accessibility.MarkScriptless(context);
        }

        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(ActionTimeoutMs);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Mail.Dispose();
    }

    private sealed class RealPortHost : SesameHost
    {
        protected override bool RealPort => true;
    }
}

/// <summary>Every browser test shares the one <see cref="BrowserFixture"/> and runs one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
