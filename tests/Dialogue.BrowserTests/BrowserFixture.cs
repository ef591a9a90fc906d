using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests;

/// <summary>The app on a real local port, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public DialogueFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Mail goes to the real SMTP server tests/run.sh starts, as a user's mail would.
        if (Environment.GetEnvironmentVariable("DIALOGUE_TEST_SMTP_PORT") is { Length: > 0 } smtpPort)
        {
            App.Settings["Email:Transport"] = "Smtp";
            App.Settings["Email:Smtp:Host"] = "127.0.0.1";
            App.Settings["Email:Smtp:Port"] = smtpPort;
            App.Settings["Email:Smtp:Security"] = "None";
        }
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DIALOGUE_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser profile (no cookies), optionally on a phone-sized screen or in a given zone and language.</summary>
    public async Task<IPage> NewPageAsync(string? timeZone = null, string locale = "en-GB", bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            TimezoneId = timeZone,
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : null,
        });
        return await context.NewPageAsync();
    }

    /// <summary>An emailed link pointed at this test server.</summary>
    public string Local(string emailedLink) => BaseUrl + new Uri(emailedLink).PathAndQuery;

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
