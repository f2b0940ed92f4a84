using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>Issue 11: the field manager on a 390 × 844 phone, in Korean, makes a plan from the demo data and accepts it.</summary>
public sealed class PlanningBrowserTests
{
    [Fact]
    public async Task On_a_phone_in_Korean_the_field_manager_watches_the_plan_being_made_and_accepts_it_after_confirming()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoBrowser.SignInAsync(page, host, DemoSeeder.EmailOf(DemoSeeder.FieldManager), await host.AuthenticatorKeyOfAsync(DemoSeeder.FieldManager));
        await DemoBrowser.SwitchLanguageAsync(page, "ko");

        await page.GotoAsync(host.BaseUrl + "/planning");
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
        await page.ClickAsync("form.plan-start button[type='submit']");
        await page.WaitForURLAsync(url => url.Contains("/planning/runs/", StringComparison.Ordinal));
        // The progress page refreshes itself (no script) until the plan is ready.
        await page.Locator("svg.plan-timeline").WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
        Assert.True(await page.Locator("li[data-assignment]").CountAsync() > 0);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The plan scrolls sideways ({scrollWidth} px).");
        var chart = await page.Locator("svg.plan-timeline").BoundingBoxAsync();
        Assert.True(chart is { Width: <= 390 }, $"The timeline is {chart?.Width} px wide.");

        await page.ClickAsync("a[href*='confirm=accept']");
        Assert.Contains("승인할까요", await page.Locator("div.confirm").InnerTextAsync(), StringComparison.Ordinal);
        await page.ClickAsync("div.confirm button[type='submit']");
        await page.Locator("p.confirmation[data-accepted]").WaitForAsync();
        var planId = await page.GetAttributeAsync("p.confirmation[data-accepted]", "data-accepted");
        Assert.Equal(1, await host.AuditCountAsync("plan.accept", planId!));
    }
}
