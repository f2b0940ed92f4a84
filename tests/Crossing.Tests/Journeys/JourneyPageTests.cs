using System.Net;
using Microsoft.EntityFrameworkCore;
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
    public async Task Route_pages_change_status_give_estimates_show_identity_audited_and_compromise_on_one_screen()
    {
        await using var web = await WebFactory.CreateAsync();
        var manager = await web.AddStaffAsync(StaffRole.FieldManager, ["east"]);
        var api = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var (route, houses, partners) = await RouteAsync(api, "east", legs: 2);
        var window = await WindowAsync(api, route);
        var (group, _) = await GroupAsync(api, "east", people: 1);
        var journey = await CreateAsync(api, "/api/journeys", new { route, window, groups = new[] { group } });
        var page = $"/journeys/routes/{route}";
        Task<HttpResponseMessage> Post(HttpClient c, string handler, Dictionary<string, string> fields) => WebFactory.PostFormAsync(c, $"{page}?handler={handler}", fields, page);
        async Task<int> Audited(string action, string code) => await web.InScopeAsync(sp =>
            sp.GetRequiredService<Crossing.Core.Persistence.CrossingDbContext>().AuditEvents.CountAsync(e => e.Action == action && e.RecordCode == code));

        var client = await web.SignedInClientAsync(manager);
        var list = await client.GetStringAsync("/journeys/routes");
        Assert.Contains($"data-route=\"{route}\"", list, StringComparison.Ordinal);
        var detail = await client.GetStringAsync(page);
        foreach (var code in partners.Concat(houses))
            Assert.Contains($"data-member=\"{code}\"", detail, StringComparison.Ordinal);
        Assert.Contains($"data-window=\"{window}\"", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Somewhere 1", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", detail, StringComparison.OrdinalIgnoreCase);

        var identity = await Post(client, "Identity", new() { ["member"] = houses[0] });
        Assert.Contains("Somewhere 1", await identity.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await Audited("safe-house.identity.read", houses[0]));

        var noReason = await Post(client, "Estimate", new() { ["window"] = window, ["median"] = "900", ["p80"] = "1200", ["reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Audited("window.estimate", window));
        var estimate = await Post(client, "Estimate", new() { ["window"] = window, ["median"] = "900", ["p80"] = "1200", ["reason"] = "fuel prices doubled" });
        Assert.Equal($"{page}?done=estimate", estimate.Headers.Location?.OriginalString);
        var afterEstimate = WebUtility.HtmlDecode(await client.GetStringAsync($"{page}?done=estimate"));
        Assert.Contains("fuel prices doubled", afterEstimate, StringComparison.Ordinal);
        Assert.Contains("900.00 CNY", afterEstimate, StringComparison.Ordinal);
        Assert.Contains("The window's estimate was changed.", afterEstimate, StringComparison.Ordinal);

        var notSure = await Post(client, "Compromise", new() { ["member"] = partners[0] });
        Assert.Contains("Nothing was changed", WebUtility.HtmlDecode(await notSure.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await Audited("partner.compromise", partners[0]));
        var compromise = WebUtility.HtmlDecode(await (await Post(client, "Compromise", new() { ["member"] = partners[0], ["sure"] = "true" })).Content.ReadAsStringAsync());
        Assert.Contains($"data-compromised=\"{partners[0]}\"", compromise, StringComparison.Ordinal);
        Assert.Matches($"data-affected=\"routes\">{route}<", compromise);
        Assert.Matches($"data-affected=\"windows\">{window}<", compromise);
        Assert.Matches($"data-affected=\"journeys\">{journey}<", compromise);
        Assert.Matches($"data-affected=\"groups\">{group}<", compromise);
        Assert.Contains("data-status=\"suspended\"", compromise, StringComparison.Ordinal);

        var reopen = await Post(client, "Status", new() { ["status"] = "open", ["reason"] = "trust them again" });
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.Contains(partners[0], await reopen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var status = await Post(client, "Status", new() { ["status"] = "compromised", ["reason"] = "driver arrested" });
        Assert.Equal($"{page}?done=status", status.Headers.Location?.OriginalString);
        Assert.Contains("driver arrested", WebUtility.HtmlDecode(await client.GetStringAsync(page)), StringComparison.Ordinal);

        // The field manager resolves the compromise alert from the board; a coordinator sees no resolve button.
        var coordinator = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]));
        Assert.DoesNotContain("handler=Resolve", await coordinator.GetStringAsync("/journeys"), StringComparison.Ordinal);
        var board = await client.GetStringAsync("/journeys");
        var alertId = System.Text.RegularExpressions.Regex.Match(board, "name=\"id\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        var resolved = await WebFactory.PostFormAsync(client, "/journeys?handler=Resolve", new Dictionary<string, string> { ["id"] = alertId }, "/journeys");
        Assert.Equal("/journeys?resolved=true", resolved.Headers.Location?.OriginalString);
        Assert.DoesNotContain($"data-alert=\"{partners[0]}\"", await client.GetStringAsync("/journeys"), StringComparison.Ordinal);
        Assert.Equal(1, await Audited("journey.alert.resolve", partners[0]));

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");
        var korean = WebUtility.HtmlDecode(await client.GetStringAsync(page));
        Assert.Contains("출발 기회", korean, StringComparison.Ordinal);
        Assert.Contains("신원 보기", korean, StringComparison.Ordinal);

        var west = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldManager, ["west"]));
        var hidden = await west.GetAsync(page);
        var unknown = await west.GetAsync("/journeys/routes/R-ZZZZ");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        // The same not-found page as an unknown code (which differs only by the address, token and support reference): nothing of the route shows.
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var hiddenHtml = await hidden.Content.ReadAsStringAsync();
        foreach (var code in partners.Concat(houses).Append(window))
            Assert.DoesNotContain(code, hiddenHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("test route", hiddenHtml, StringComparison.Ordinal);
    }

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
