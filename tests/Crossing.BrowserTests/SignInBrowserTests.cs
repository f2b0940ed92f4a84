using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>A newcomer's first minute, in real Chromium: start the demo, sign in with password and code.</summary>
public sealed class SignInBrowserTests
{
    [Fact]
    public async Task Newcomer_signs_in_to_the_demo_with_the_printed_password_and_code_and_sees_the_dashboard()
    {
        await using var host = await DemoHost.StartAsync();
        Assert.Equal(DemoSeeder.EmailOf(DemoSeeder.FieldManager), host.Email);
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        var scripts = new List<string>();
        page.Console += (_, message) => scripts.Add(message.Text);

        await DemoBrowser.SignInAsync(page, host);

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

    [Fact]
    public async Task Signing_out_in_the_browser_closes_the_pages_again()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DemoBrowser.SignInAsync(page, host);

        await page.GotoAsync(host.BaseUrl + "/Account/SignOut");
        await page.ClickAsync("main form[method='post'] button[type='submit']");
        await page.WaitForURLAsync(url => url.Contains("/Account/SignIn", StringComparison.Ordinal));
        await page.GotoAsync(host.BaseUrl + "/Account/Sessions");

        Assert.Contains("/Account/SignIn", page.Url);
    }
}
