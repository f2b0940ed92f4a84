using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright (never a downloaded browser), and the demo's sign-in steps.</summary>
public sealed class DemoBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private DemoBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<DemoBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"Chromium is required for the browser tests and was not found at {ChromiumPath}. Install it (apt-get install chromium); the tests never download a browser.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new DemoBrowser(playwright, browser);
    }

    /// <summary>Signs in as the account the demo announced (the field manager).</summary>
    public static Task SignInAsync(IPage page, DemoHost host) =>
        SignInAsync(page, host, host.Email, host.AuthenticatorKey);

    /// <summary>Password, then the current TOTP code computed from the account's authenticator key.</summary>
    public static async Task SignInAsync(IPage page, DemoHost host, string email, string authenticatorKey)
    {
        await page.GotoAsync(host.SignInUrl);
        await page.FillAsync("input[name='Form.Email']", email);
        await page.FillAsync("input[name='Form.Password']", host.Password); // "Other demo accounts (same password)"
        await page.ClickAsync("form:has(input[name='Form.Email']) button[type='submit']");
        await page.WaitForURLAsync(url => url.Contains("/Account/Verify", StringComparison.Ordinal));
        await page.FillAsync("input[name='Code']", DemoTotp.CurrentCode(authenticatorKey, await UnusedStepAsync(authenticatorKey)));
        await page.ClickAsync("form:has(input[name='Code']) button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastStepUsed = new(StringComparer.Ordinal);

    /// <summary>The server accepts each code once: a second sign-in of the same account within 30 seconds waits for the next code.</summary>
    private static async Task<DateTimeOffset> UnusedStepAsync(string authenticatorKey)
    {
        var now = DateTimeOffset.UtcNow;
        var step = now.ToUnixTimeSeconds() / DemoTotp.StepSeconds;
        if (LastStepUsed.TryGetValue(authenticatorKey, out var used) && used >= step)
        {
            await Task.Delay(TimeSpan.FromSeconds(DemoTotp.SecondsRemaining(now) + 1));
            now = DateTimeOffset.UtcNow;
            step = now.ToUnixTimeSeconds() / DemoTotp.StepSeconds;
        }
        LastStepUsed[authenticatorKey] = step;
        return now;
    }

    /// <summary>Presses a language in the layout's language switch (a plain form posting to /culture) and waits for the page again.</summary>
    public static async Task SwitchLanguageAsync(IPage page, string culture)
    {
        await page.ClickAsync($"form[action='/culture'] button[name='culture'][value='{culture}']");
        await page.WaitForSelectorAsync($"html[lang='{culture}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
