using System.Text.Json;
using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>Issue 8: a coordinator on a 390 × 844 phone, in Korean, runs a journey leg by leg from departure to arrival.</summary>
public sealed class JourneyBrowserTests
{
    [Fact]
    public async Task On_a_phone_in_Korean_a_coordinator_runs_a_journey_from_departure_to_arrival_with_check_ins_and_a_need_ticked()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoBrowser.SignInAsync(page, host, DemoSeeder.EmailOf("coordinator.east"), await host.AuthenticatorKeyOfAsync("coordinator.east"));
        await DemoBrowser.SwitchLanguageAsync(page, "ko");

        // A new person on the waiting list, planned onto the demo's open east route (the API, signed in as the same coordinator).
        await page.GotoAsync(host.BaseUrl + "/cases/new");
        await CaseIntakeBrowserTests.FillIntakeAsync(page, "문하람", "1999-04");
        await CaseIntakeBrowserTests.SubmitIntakeAsync(page);
        var person = await CaseIntakeBrowserTests.RecordedCaseCodeAsync(page);
        var group = (await GetJsonAsync(page, host, $"/api/cases/{person}")).GetProperty("familyGroup").GetString()!;
        var route = (await GetJsonAsync(page, host, "/api/routes")).GetProperty("routes").EnumerateArray()
            .First(r => r.GetProperty("compartment").GetString() == "east" && r.GetProperty("status").GetString() == "open");
        var routeCode = route.GetProperty("code").GetString()!;
        var legs = route.GetProperty("legs").GetArrayLength();
        var window = (await GetJsonAsync(page, host, $"/api/routes/{routeCode}/windows")).GetProperty("windows").EnumerateArray()
            .First(w => w.GetProperty("status").GetString() == "open" && w.GetProperty("booked").GetInt32() < w.GetProperty("capacity").GetInt32())
            .GetProperty("code").GetString()!;
        var planned = await page.APIRequest.PostAsync(host.BaseUrl + "/api/journeys", new APIRequestContextOptions { DataObject = new { route = routeCode, window, groups = new[] { group } } });
        Assert.True(planned.Status == 201, $"planning answered {planned.Status}: {await planned.TextAsync()}");
        var journey = (await planned.JsonAsync())!.Value.GetProperty("code").GetString()!;

        await page.GotoAsync(host.BaseUrl + "/journeys/today");
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
        var card = page.Locator($"section.journey-card[data-journey='{journey}']");
        Assert.Equal(1, await card.CountAsync());
        Assert.Contains($"{legs}구간 중 1구간", await card.InnerTextAsync(), StringComparison.Ordinal);
        await AssertFitsThePhoneAsync(page, card);

        // A need for the list to buy, added on the phone.
        await card.Locator("form.add-need select[name='need']").SelectOptionAsync("medicine");
        await PostAndWaitAsync(page, () => card.Locator("form.add-need button[type='submit']").ClickAsync());
        Assert.Equal("기록했습니다.", (await page.Locator("p.confirmation[role='status']").InnerTextAsync()).Trim());
        var need = card.Locator($"button[data-need='{person}:medicine']");
        Assert.Contains("약", await need.InnerTextAsync(), StringComparison.Ordinal);

        for (var leg = 1; leg <= legs; leg++)
        {
            Assert.Contains($"{legs}구간 중 {leg}구간", await card.Locator("p.next-leg").InnerTextAsync(), StringComparison.Ordinal);
            await TapAsync(page, card.Locator("button[name='status'][value='departed']"));
            Assert.Contains("이동 중", await card.Locator("p.next-leg").InnerTextAsync(), StringComparison.Ordinal);
            if (leg == 2)
            {
                await TapAsync(page, card.Locator("button[name='status'][value='delayed']"));
                Assert.Contains("지연", await card.Locator("p.meta").InnerTextAsync(), StringComparison.Ordinal);
            }
            if (leg == 1)
            {
                await TapAsync(page, need);
                Assert.Equal(0, await card.Locator($"button[data-need='{person}:medicine']").CountAsync());
            }
            await TapAsync(page, card.Locator("button[name='status'][value='arrived']"));
        }

        // Arrived: the person's case says so, every check-in is on the journey, the need is ticked; hand-over is offered.
        Assert.Contains("도착", await card.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await card.Locator("form[action*='handler=HandOver'] button").CountAsync());
        await AssertFitsThePhoneAsync(page, card);
        Assert.Equal("arrived", (await GetJsonAsync(page, host, $"/api/cases/{person}")).GetProperty("status").GetString());
        var done = await GetJsonAsync(page, host, $"/api/journeys/{journey}");
        Assert.Equal("arrived", done.GetProperty("status").GetString());
        Assert.Equal((2 * legs) + 1, done.GetProperty("checkIns").GetArrayLength());
        Assert.True(done.GetProperty("needs").EnumerateArray().Single().GetProperty("ticked").GetBoolean());
        Assert.Equal(1, await host.AuditCountAsync("journey.check-in:delayed", journey));
    }

    /// <summary>Taps a button that posts and comes back to today, and checks it confirmed what it did.</summary>
    private static async Task TapAsync(IPage page, ILocator button)
    {
        var box = await button.BoundingBoxAsync();
        Assert.True(box is { Height: >= 44, Width: >= 44 }, $"The tap target is {box?.Width} × {box?.Height} px.");
        await PostAndWaitAsync(page, () => button.ClickAsync());
        Assert.Equal(0, await page.Locator("p.alert[role='alert']").CountAsync());
        Assert.Equal("기록했습니다.", (await page.Locator("p.confirmation[role='status']").InnerTextAsync()).Trim());
    }

    /// <summary>Posts a form and waits for the page it comes back to (the same address, so the old page is marked first).</summary>
    private static async Task PostAndWaitAsync(IPage page, Func<Task> click)
    {
        await page.EvaluateAsync("() => document.body.setAttribute('data-stale', '1')");
        await click();
        await page.WaitForSelectorAsync("body:not([data-stale])", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static async Task AssertFitsThePhoneAsync(IPage page, ILocator card)
    {
        var box = await card.BoundingBoxAsync();
        Assert.True(box is { Width: <= 390 }, $"The journey card is {box?.Width} px wide on a 390 px screen.");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"Today scrolls sideways ({scrollWidth} px).");
    }

    private static async Task<JsonElement> GetJsonAsync(IPage page, DemoHost host, string path)
    {
        var response = await page.APIRequest.GetAsync(host.BaseUrl + path);
        Assert.True(response.Ok, $"GET {path} answered {response.Status}");
        return (await response.JsonAsync())!.Value;
    }
}
