using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>A newcomer's first minute, in real Chromium: start the demo, sign in with password and code.</summary>
public sealed class SignInBrowserTests
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
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
        return (playwright, browser);
    }

    private static async Task SignInAsync(IPage page, DemoHost host)
    {
        await page.GotoAsync(host.SignInUrl);
        await page.FillAsync("input[name='Form.Email']", host.Email);
        await page.FillAsync("input[name='Form.Password']", host.Password);
        await page.ClickAsync("form:has(input[name='Form.Email']) button[type='submit']");
        await page.WaitForURLAsync(url => url.Contains("/Account/Verify", StringComparison.Ordinal));
        await page.FillAsync("input[name='Code']", DemoTotp.CurrentCode(host.AuthenticatorKey, DateTimeOffset.UtcNow));
        await page.ClickAsync("form:has(input[name='Code']) button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Newcomer_signs_in_to_the_demo_with_the_printed_password_and_code_and_sees_the_dashboard()
    {
        await using var host = await DemoHost.StartAsync();
        Assert.Equal(DemoSeeder.EmailOf(DemoSeeder.FieldManager), host.Email);
        var (playwright, browser) = await LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            var scripts = new List<string>();
            page.Console += (_, message) => scripts.Add(message.Text);

            await SignInAsync(page, host);

            Assert.Equal("/", new Uri(page.Url).AbsolutePath);
            var dashboard = await page.GotoAsync(host.BaseUrl + "/");
            Assert.True(dashboard!.Ok, $"Dashboard answered {dashboard.Status}.");
            var sessions = await page.GotoAsync(host.BaseUrl + "/Account/Sessions");
            Assert.True(sessions!.Ok);
            Assert.Contains("Sign out everywhere", await page.InnerTextAsync("h1"));

            // The session cookie is Secure, HttpOnly and SameSite=Strict even on this plain-http loopback demo.
            var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "__Host-crossing");
            Assert.True(cookie.Secure && cookie.HttpOnly);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task Signing_out_in_the_browser_closes_the_pages_again()
    {
        await using var host = await DemoHost.StartAsync();
        var (playwright, browser) = await LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await SignInAsync(page, host);

            await page.GotoAsync(host.BaseUrl + "/Account/SignOut");
            await page.ClickAsync("main form[method='post'] button[type='submit']");
            await page.WaitForURLAsync(url => url.Contains("/Account/SignIn", StringComparison.Ordinal));
            await page.GotoAsync(host.BaseUrl + "/Account/Sessions");

            Assert.Contains("/Account/SignIn", page.Url);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
