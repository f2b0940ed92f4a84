using System.Net;
using Crossing.Core.Demo;
using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Crossing.Tests.Journeys.JourneyApi;

namespace Crossing.Tests.Journeys;

public sealed class JourneyPageTests
{
    [Fact]
    public async Task Coordinator_checks_in_and_ticks_a_need_on_today_and_the_board_shows_the_last_check_in()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var api = web.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await web.IssueTokenAsync(staff));
        var (route, _, _) = await RouteAsync(api, "east", legs: 2);
        var window = await WindowAsync(api, route);
        var (group, cases) = await GroupAsync(api, "east", people: 1);
        var journey = await CreateAsync(api, "/api/journeys", new { route, window, groups = new[] { group } });
        await PostOkAsync(api, $"/api/journeys/{journey}/needs", new { person = cases[0], need = "medicine" });

        var client = await web.SignedInClientAsync(staff);
        var today = await client.GetStringAsync("/journeys/today");
        Assert.Contains($"data-journey=\"{journey}\"", today, StringComparison.Ordinal);
        Assert.Contains($"data-need=\"{cases[0]}:medicine\"", today, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", today, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", today, StringComparison.OrdinalIgnoreCase);

        var departed = await WebFactory.PostFormAsync(client, "/journeys/today?handler=CheckIn",
            new Dictionary<string, string> { ["code"] = journey, ["leg"] = "1", ["status"] = "departed" }, "/journeys/today");
        Assert.Equal(HttpStatusCode.Redirect, departed.StatusCode);
        var ticked = await WebFactory.PostFormAsync(client, "/journeys/today?handler=Tick",
            new Dictionary<string, string> { ["code"] = journey, ["person"] = cases[0], ["need"] = "medicine" }, "/journeys/today");
        Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        var outOfOrder = await WebFactory.PostFormAsync(client, "/journeys/today?handler=CheckIn",
            new Dictionary<string, string> { ["code"] = journey, ["leg"] = "2", ["status"] = "departed" }, "/journeys/today");
        Assert.Equal(HttpStatusCode.OK, outOfOrder.StatusCode);
        Assert.Contains("in order", await outOfOrder.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var after = await client.GetStringAsync("/journeys/today");
        Assert.DoesNotContain($"data-need=\"{cases[0]}:medicine\"", after, StringComparison.Ordinal);
        var board = WebUtility.HtmlDecode(await client.GetStringAsync("/journeys"));
        Assert.Contains($"data-journey=\"{journey}\"", board, StringComparison.Ordinal);
        Assert.Contains("leg 1: Departed", board, StringComparison.Ordinal);

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");
        var korean = WebUtility.HtmlDecode(await client.GetStringAsync("/journeys/today"));
        Assert.Contains("<html lang=\"ko\">", korean, StringComparison.Ordinal);
        Assert.Contains("사고 보고", korean, StringComparison.Ordinal);
        Assert.Contains("2구간 중 1구간", korean, StringComparison.Ordinal);

        var finance = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.Finance, ["east"]));
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync("/journeys")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync("/journeys/today")).StatusCode);
    }

    [Fact]
    public async Task Demo_has_three_routes_weekly_windows_a_journey_under_way_a_completed_one_and_a_compromised_driver()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "demo")).Exit);
        await using var scope = store.Scope();
        var directory = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
        var managerAccount = await directory.FindByEmailAsync(DemoSeeder.EmailOf(DemoSeeder.FieldManager));
        var manager = (await directory.CallerAsync(managerAccount!.Id))!;
        var network = scope.ServiceProvider.GetRequiredService<RouteNetwork>();
        var routes = await network.RoutesAsync(manager);
        Assert.Equal(["east", "north", "west"], routes.Select(r => r.Compartment).ToArray());
        Assert.Equal(RouteStatus.Suspended, routes.Single(r => r.Compartment == "north").Status);
        foreach (var route in routes)
            Assert.True((await network.WindowsAsync(manager, route.Code))!.Count >= 8);
        var eastWindows = (await network.WindowsAsync(manager, routes.Single(r => r.Compartment == "east").Code))!;
        Assert.Contains(eastWindows, w => w.Basis == EstimateBasis.Computed && w.MedianPerPersonMinor > 0);
        Assert.True(eastWindows.Select(w => w.MedianPerPersonMinor).Distinct().Count() > 3);

        var log = scope.ServiceProvider.GetRequiredService<JourneyLog>();
        var board = await log.BoardAsync(manager);
        var underWay = Assert.Single(board, j => j.Status == JourneyStatus.UnderWay);
        Assert.NotEmpty(underWay.CheckIns);
        Assert.Contains(underWay.Needs, n => !n.Ticked);
        Assert.Contains(await log.OpenAlertsAsync(manager), a => a.Kind == AlertKind.Compromise);
    }
}
