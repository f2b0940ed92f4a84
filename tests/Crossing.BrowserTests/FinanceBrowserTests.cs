using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>Issue 10, items 3–5: finance's attention, health and receipts pages on a 390 × 844 phone, in Korean.</summary>
public sealed class FinanceBrowserTests
{
    [Fact]
    public async Task On_a_phone_in_Korean_the_attention_health_and_receipts_pages_fit_without_sideways_scrolling()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoBrowser.SignInAsync(page, host, DemoSeeder.EmailOf("finance"), await host.AuthenticatorKeyOfAsync("finance"));
        await DemoBrowser.SwitchLanguageAsync(page, "ko");
        foreach (var (path, heading) in new[] { ("/finance/attention", "확인 필요"), ("/finance/health", "정기 후원 현황"), ("/finance/receipts", "영수증") })
        {
            await page.GotoAsync(host.BaseUrl + path);
            Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 390, $"{path} scrolls sideways ({scrollWidth} px).");
        }
    }
}
