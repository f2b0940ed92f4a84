using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>Issue 7, field use: a coordinator on a 390 × 844 phone, in Korean, from intake to a status change.</summary>
public sealed class FieldUseBrowserTests
{
    [Fact]
    public async Task On_a_phone_in_Korean_a_coordinator_records_a_case_finds_its_group_card_reveals_identity_audited_and_changes_its_status()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoBrowser.SignInAsync(page, host, DemoSeeder.EmailOf("coordinator.east"), await host.AuthenticatorKeyOfAsync("coordinator.east"));
        await DemoBrowser.SwitchLanguageAsync(page, "ko");

        await page.GotoAsync(host.BaseUrl + "/cases/new");
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
        await CaseIntakeBrowserTests.FillIntakeAsync(page, "서다은", "2001-02");
        await CaseIntakeBrowserTests.SubmitIntakeAsync(page);
        var code = await CaseIntakeBrowserTests.RecordedCaseCodeAsync(page);
        Assert.Equal("사례가 기록되었습니다.", (await page.Locator("p.confirmation[role='status']").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("section.identity").CountAsync());

        await page.GotoAsync(host.BaseUrl + "/cases");
        var card = page.Locator("table.waiting-list tr[data-group]").Filter(new LocatorFilterOptions { Has = page.Locator($"a[href='/cases/{code}']") });
        Assert.Equal(1, await card.CountAsync());
        Assert.Equal("block", await card.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var box = await card.BoundingBoxAsync();
        Assert.True(box is { Width: <= 390 }, $"The group card is {box?.Width} px wide on a 390 px screen.");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The waiting list scrolls sideways ({scrollWidth} px).");
        var link = card.Locator($"a[href='/cases/{code}']");
        var linkBox = await link.BoundingBoxAsync();
        Assert.True(linkBox is { Height: >= 44, Width: >= 44 }, $"The tap target is {linkBox?.Width} × {linkBox?.Height} px.");

        await link.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/cases/" + code, StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("section.identity").CountAsync());
        Assert.Equal(0, await host.AuditCountAsync("case.identity.read", code));
        await page.ClickAsync("button.show-identity");
        await page.Locator("section.identity").WaitForAsync();
        Assert.Contains("서다은", await page.Locator("section.identity").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("여성", await page.Locator("section.identity").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await host.AuditCountAsync("case.identity.read", code));

        await page.SelectOptionAsync("form.status-change select[name='Status']", "travelling");
        await page.ClickAsync("form.status-change button[type='submit']");
        await page.WaitForURLAsync(url => url.EndsWith("?done=status", StringComparison.Ordinal));
        Assert.Equal("상태가 변경되었습니다.", (await page.Locator("p.confirmation[role='status']").InnerTextAsync()).Trim());
        Assert.Equal("travelling", await page.GetAttributeAsync("dd[data-status]", "data-status"));
        Assert.Equal(0, await page.Locator("section.identity").CountAsync());
        Assert.Equal(1, await host.AuditCountAsync("case.status:travelling", code));
    }
}
