using System.Net;
using System.Text.RegularExpressions;
using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Planning;

public sealed partial class PlanningPageTests
{
    private static Task<WebFactory> WebAsync() =>
        WebFactory.CreateAsync(configure: b => b.UseSetting("Crossing:Planning:Seconds", "2"));

    /// <summary>Follows the progress page (HTTP Refresh) until the plan is ready, as a browser would.</summary>
    private static async Task<string> ReadyAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 120; i++)
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            if (!page.Headers.Contains("Refresh"))
            {
                Assert.DoesNotContain("data-solving", html, StringComparison.Ordinal);
                return html;
            }
            Assert.Contains("data-solving=\"true\"", html, StringComparison.Ordinal);
            await Task.Delay(250);
        }
        throw new TimeoutException("The plan was not ready within 30 seconds.");
    }

    [GeneratedRegex("^/planning/runs/[0-9a-f-]{36}$")]
    private static partial Regex RunPath();

    [Fact]
    public async Task A_field_manager_makes_a_plan_sees_it_in_english_and_korean_and_accepts_it_once_after_confirming()
    {
        await using var web = await WebAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldManager, ["east"]);
        var world = new PlanningWorld(work => web.InScopeAsync(async sp => { await work(sp); return 0; }));
        await world.BuildAsync(staff.Id);
        var client = await web.SignedInClientAsync(staff);

        var start = await client.GetStringAsync("/planning");
        Assert.Contains("href=\"/planning\"", start, StringComparison.Ordinal);
        Assert.Contains("Make a plan from today", start, StringComparison.Ordinal);
        var started = await WebFactory.PostFormAsync(client, "/planning", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var run = started.Headers.Location!.OriginalString;
        Assert.Matches(RunPath(), run);

        var html = WebUtility.HtmlDecode(await ReadyAsync(client, run));
        Assert.Contains("<svg class=\"plan-timeline\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-route=\"{world.Route}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-objective=\"greedy\"", html, StringComparison.Ordinal);
        Assert.Contains("data-objective=\"plan\"", html, StringComparison.Ordinal);
        Assert.Contains("data-assignment=", html, StringComparison.Ordinal);
        Assert.Contains("data-reason=\"money\"", html, StringComparison.Ordinal);
        Assert.Contains("data-gap=", html, StringComparison.Ordinal);
        Assert.Contains("Most urgent first", html, StringComparison.Ordinal);
        Assert.Contains("1 open windows are priced in another currency than CNY", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);

        var instance = await client.GetAsync(run + "?handler=Instance");
        Assert.Equal("application/json", instance.Content.Headers.ContentType!.MediaType);
        var exported = Core.Planning.PlanningInstanceJson.Parse(await instance.Content.ReadAsStringAsync());
        Assert.Equal(world.Groups.Count, exported.Groups.Count);

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");
        var korean = WebUtility.HtmlDecode(await client.GetStringAsync(run));
        Assert.Contains("<html lang=\"ko\">", korean, StringComparison.Ordinal);
        Assert.Contains("가장 긴급한 순서", korean, StringComparison.Ordinal);
        Assert.Contains("자금 부족", korean, StringComparison.Ordinal);
        Assert.Contains("더 있으면", korean, StringComparison.Ordinal);
        client.DefaultRequestHeaders.AcceptLanguage.Clear();

        var ask = await client.GetStringAsync(run + "?confirm=accept");
        Assert.Contains("Accept this plan?", WebUtility.HtmlDecode(ask), StringComparison.Ordinal);
        var accepted = await WebFactory.PostFormAsync(client, run + "?handler=Accept", new Dictionary<string, string>(), run + "?confirm=accept");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var after = WebUtility.HtmlDecode(await client.GetStringAsync(run));
        Assert.Contains("data-accepted=\"P-", after, StringComparison.Ordinal);
        var board = await web.InScopeAsync(async sp => await sp.GetRequiredService<JourneyLog>().BoardAsync(world.Manager));
        Assert.NotEmpty(board);
        var again = await WebFactory.PostFormAsync(client, run + "?handler=Accept", new Dictionary<string, string>(), run + "?confirm=accept");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(board.Count, (await web.InScopeAsync(async sp => await sp.GetRequiredService<JourneyLog>().BoardAsync(world.Manager))).Count);
        Assert.Contains("0 journeys created", WebUtility.HtmlDecode(await client.GetStringAsync(run)), StringComparison.Ordinal);

        var otherManager = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldManager, ["east"]));
        var unknownPath = $"/planning/runs/{Guid.NewGuid()}";
        var unknown = await otherManager.GetAsync(unknownPath);
        var someoneElses = await otherManager.GetAsync(run);
        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        // The shell's ordinary 404, as for a run that never existed: nothing of the plan shows.
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var hidden = await someoneElses.Content.ReadAsStringAsync();
        Assert.DoesNotContain("plan-timeline", hidden, StringComparison.Ordinal);
        Assert.All(world.Groups, g => Assert.DoesNotContain(g, hidden, StringComparison.Ordinal));
        var coordinator = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/planning")).StatusCode);
        Assert.DoesNotContain("href=\"/planning\"", await coordinator.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_planning_page_renders_in_korean_with_the_start_button()
    {
        await using var web = await WebAsync();
        var client = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldManager, ["east"]));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/planning"));
        Assert.Contains("오늘 자료로 계획 만들기", html, StringComparison.Ordinal);
        Assert.Contains("서버가 시작된 뒤 만든 계획이 없습니다.", html, StringComparison.Ordinal);
        Assert.Contains("CNY", html, StringComparison.Ordinal);
    }
}
