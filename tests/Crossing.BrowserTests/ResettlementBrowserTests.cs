using System.Globalization;
using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>Issue 12: a resettlement worker on a 390 × 844 phone, in Korean, logs a service and sees the follow-up due next week.</summary>
public sealed class ResettlementBrowserTests
{
    [Fact]
    public async Task On_a_phone_in_Korean_a_resettlement_worker_logs_a_service_and_sees_the_follow_up_due_next_week()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoBrowser.SignInAsync(page, host, DemoSeeder.EmailOf("resettlement"), await host.AuthenticatorKeyOfAsync("resettlement"));
        await DemoBrowser.SwitchLanguageAsync(page, "ko");

        // Someone who arrived today: recorded, then resettlement started from the timeline page.
        await page.GotoAsync(host.BaseUrl + "/cases/new");
        await page.FillAsync("input[name='Form.FullName']", "정하윤");
        await page.FillAsync("input[name='Form.BirthDate']", "1999-05");
        await page.SelectOptionAsync("select[name='Form.Sex']", "F");
        await page.SelectOptionAsync("select[name='Form.Compartment']", "resettlement");
        await CaseIntakeBrowserTests.SubmitIntakeAsync(page);
        var code = await CaseIntakeBrowserTests.RecordedCaseCodeAsync(page);

        await page.GotoAsync(host.BaseUrl + "/resettlement/" + code);
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
        await page.ClickAsync("form[action*='handler=Start'] button[type='submit']");
        await page.WaitForURLAsync(url => url.EndsWith("?done=started", StringComparison.Ordinal));
        Assert.Contains("정착 지원을 시작했습니다", await page.Locator("p.confirmation[role='status']").InnerTextAsync(), StringComparison.Ordinal);

        await page.SelectOptionAsync("select[name='Service.Kind']", "housing");
        await page.SelectOptionAsync("select[name='Service.Status']", "active");
        await page.ClickAsync("form[action*='handler=Service'] button[type='submit']");
        await page.WaitForURLAsync(url => url.EndsWith("?done=service", StringComparison.Ordinal));
        Assert.Equal("서비스를 기록했습니다.", (await page.Locator("p.confirmation[role='status']").InnerTextAsync()).Trim());
        var service = page.Locator("li[data-kind='service']");
        Assert.Equal(1, await service.CountAsync());
        Assert.Contains("주거", await service.InnerTextAsync(), StringComparison.Ordinal);

        var nextWeek = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var followUp = page.Locator($"li[data-kind='follow-up'][data-on='{nextWeek}']");
        Assert.Equal(1, await followUp.CountAsync());
        Assert.True(await followUp.IsVisibleAsync());
        var text = await followUp.InnerTextAsync();
        Assert.Contains("후속 연락", text, StringComparison.Ordinal);
        Assert.Contains("예정", text, StringComparison.Ordinal);
        Assert.Contains("7d", text, StringComparison.Ordinal);

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The timeline scrolls sideways ({scrollWidth} px).");
        var button = await page.Locator("form[action*='handler=Service'] button[type='submit']").BoundingBoxAsync();
        Assert.True(button is { Height: >= 44 }, $"The button is {button?.Height} px high.");
        Assert.Equal(1, await host.AuditCountAsync("resettlement.service:housing", code));
    }
}
