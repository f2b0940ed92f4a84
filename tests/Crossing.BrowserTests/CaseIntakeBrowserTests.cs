using System.Globalization;
using Crossing.Core.Demo;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>Cases: the east coordinator records people in Korean, meets the duplicate warning, and finds them on the waiting list.</summary>
public sealed class CaseIntakeBrowserTests
{
    private const string Coordinator = "coordinator.east";

    // 한영순, born 1996-05, waits in the east compartment of the demo (CaseDemoData): entering her again is a duplicate.
    private const string KnownName = "한영순";
    private const string KnownBirth = "1996-05";

    [Fact]
    public async Task A_coordinator_recording_a_known_person_in_Korean_is_warned_of_the_duplicate_and_a_new_person_joins_the_waiting_list_in_urgency_order()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await SignInAsCoordinatorInKoreanAsync(browser, host);

        await page.GotoAsync(host.BaseUrl + "/cases/new");
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
        await FillIntakeAsync(page, KnownName, KnownBirth);
        await SubmitIntakeAsync(page);

        var warning = page.Locator("section.duplicate-warning[role='alert']");
        await warning.WaitForAsync();
        Assert.Contains("/cases/new", page.Url);
        Assert.True(await warning.Locator("a[href^='/cases/C-']").CountAsync() >= 1, "The warning names no existing case.");
        Assert.Equal(KnownName, await page.InputValueAsync("input[name='Form.FullName']"));

        // On second look it is somebody else: the coordinator corrects the name and birth date and records her.
        await FillIntakeAsync(page, "서다은", "2001-02");
        await SubmitIntakeAsync(page);
        var caseCode = await RecordedCaseCodeAsync(page);

        await AssertWaitingListShowsInUrgencyOrderAsync(page, host, caseCode);
    }

    internal static async Task<IPage> SignInAsCoordinatorInKoreanAsync(DemoBrowser browser, DemoHost host)
    {
        var key = await host.AuthenticatorKeyOfAsync(Coordinator);
        var page = await browser.Browser.NewPageAsync();
        await DemoBrowser.SignInAsync(page, host, DemoSeeder.EmailOf(Coordinator), key);
        await DemoBrowser.SwitchLanguageAsync(page, "ko");
        return page;
    }

    internal static async Task FillIntakeAsync(IPage page, string hangulName, string birth)
    {
        await page.FillAsync("input[name='Form.FullName']", hangulName);
        await page.FillAsync("input[name='Form.BirthDate']", birth);
        await page.SelectOptionAsync("select[name='Form.Sex']", "F");
        await page.FillAsync("input[name='Form.Location']", "연길");
        await page.SelectOptionAsync("select[name='Form.Compartment']", "east");
        await page.SelectOptionAsync("select[name='Form.ArrestRisk']", "high");
    }

    internal static Task SubmitIntakeAsync(IPage page) =>
        page.ClickAsync("form[method='post']:has(input[name='Form.FullName']) button[type='submit']");

    /// <summary>A recorded case opens its own page, /cases/C-XXXX.</summary>
    internal static async Task<string> RecordedCaseCodeAsync(IPage page)
    {
        await page.WaitForURLAsync(url => !url.EndsWith("/cases/new", StringComparison.Ordinal));
        var path = new Uri(page.Url).AbsolutePath;
        Assert.Matches("^/cases/C-[A-Z0-9]+$", path);
        return path["/cases/".Length..];
    }

    /// <summary>The new case's group is listed, and groups come by descending score (the third cell of each group row).</summary>
    internal static async Task AssertWaitingListShowsInUrgencyOrderAsync(IPage page, DemoHost host, string caseCode)
    {
        await page.GotoAsync(host.BaseUrl + "/cases");
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
        var rows = page.Locator("table.waiting-list tbody tr[data-group]");
        var newRow = rows.Filter(new LocatorFilterOptions { Has = page.Locator($"a[href='/cases/{caseCode}']") });
        Assert.Equal(1, await newRow.CountAsync());
        Assert.False(string.IsNullOrEmpty(await newRow.GetAttributeAsync("data-group")));

        var scores = new List<decimal>();
        foreach (var row in await rows.AllAsync())
            scores.Add(decimal.Parse((await row.Locator("td:nth-child(3)").InnerTextAsync()).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture));
        // The demo's two east groups (한영순; 최은희 with her son) and the new one.
        Assert.True(scores.Count >= 3, $"Expected the demo's east groups and the new one, saw {scores.Count} groups.");
        Assert.Equal(scores.OrderByDescending(s => s).ToList(), scores);
    }
}
