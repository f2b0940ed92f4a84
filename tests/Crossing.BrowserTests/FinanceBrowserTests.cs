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

    [Fact]
    public async Task On_a_phone_in_Korean_finance_sets_a_donor_s_receipt_language_and_sees_it_confirmed()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoBrowser.SignInAsync(page, host, DemoSeeder.EmailOf("finance"), await host.AuthenticatorKeyOfAsync("finance"));
        await DemoBrowser.SwitchLanguageAsync(page, "ko");
        await page.GotoAsync(host.BaseUrl + "/finance/donors");
        await page.Locator("tr[data-donor] a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/finance/donors/D-", StringComparison.Ordinal));
        var form = page.Locator("form.receipt-language");
        Assert.Equal("영수증 언어", (await form.Locator("legend").InnerTextAsync()).Trim());
        var box = await form.BoundingBoxAsync();
        Assert.True(box is { Width: <= 390 }, $"The language form is {box?.Width} px wide on a 390 px screen.");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The donor page scrolls sideways ({scrollWidth} px).");

        await form.Locator("input[value='ko']").CheckAsync();
        await form.Locator("button[type='submit']").ClickAsync();
        await page.WaitForSelectorAsync("p[role='status']");
        Assert.Contains("한국어", await page.Locator("p[role='status']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("form.receipt-language input[value='ko']").IsCheckedAsync());
    }
}
