using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crossing.Core.Funding;
using Crossing.Core.Journeys;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Crossing.Tests.Journeys.JourneyApi;

namespace Crossing.Tests.Journeys;

public sealed class JourneyApiTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Coordinator_runs_a_journey_leg_by_leg_to_arrival_and_hand_over(DatabaseProvider provider)
    {
        await using var web = await WebFactory.CreateAsync(provider);
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var (route, houses, partners) = await RouteAsync(east, "east", legs: 2);
        Assert.Matches("^R-[2-9A-Z]{4}$", route);
        Assert.Matches("^P-[2-9A-Z]{4}$", partners[0]);
        Assert.Matches("^H-[2-9A-Z]{4}$", houses[0]);

        var partner = await east.GetFromJsonAsync<JsonElement>($"/api/partners/{partners[0]}");
        Assert.Equal("Partner", partner.GetProperty("name").GetString());
        Assert.Equal("driver", partner.GetProperty("role").GetString());
        var house = await east.GetFromJsonAsync<JsonElement>($"/api/safe-houses/{houses[1]}");
        Assert.Equal("Somewhere 1", house.GetProperty("address").GetString());
        var routeJson = await east.GetFromJsonAsync<JsonElement>($"/api/routes/{route}");
        Assert.Equal(2, routeJson.GetProperty("legs").GetArrayLength());
        Assert.Equal(houses[1], routeJson.GetProperty("legs")[1].GetProperty("from").GetString());

        var window = await WindowAsync(east, route);
        var (group, cases) = await GroupAsync(east, "east", people: 2);
        var journey = await CreateAsync(east, "/api/journeys", new { route, window, groups = new[] { group } });
        await web.InScopeAsync(sp => RescueFund.GiveAsync(sp, "CNY", 500000));

        await PostOkAsync(east, $"/api/journeys/{journey}/needs", new { person = cases[0], need = "medicine" });
        await PostOkAsync(east, $"/api/journeys/{journey}/needs", new { person = cases[1], need = "food" });
        await PostOkAsync(east, $"/api/journeys/{journey}/check-ins", new { leg = 1, status = "departed" });
        Assert.Equal("travelling", (await east.GetFromJsonAsync<JsonElement>($"/api/cases/{cases[0]}")).GetProperty("status").GetString());
        await PostOkAsync(east, $"/api/journeys/{journey}/check-ins", new { leg = 1, status = "arrived" });
        await PostOkAsync(east, $"/api/journeys/{journey}/costs", new { leg = 1, amount = 1200.50m, currency = "cny" });
        await PostOkAsync(east, $"/api/journeys/{journey}/check-ins", new { leg = 2, status = "departed" });
        await PostOkAsync(east, $"/api/journeys/{journey}/check-ins", new { leg = 2, status = "incident", incident = "partner-no-show", severity = "high" });
        await PostOkAsync(east, $"/api/journeys/{journey}/needs/tick", new { person = cases[0], need = "medicine" });
        var arrived = await PostOkAsync(east, $"/api/journeys/{journey}/check-ins", new { leg = 2, status = "arrived" });

        Assert.Equal("arrived", arrived.GetProperty("status").GetString());
        Assert.Equal(5, arrived.GetProperty("checkIns").GetArrayLength());
        Assert.Equal(1200.50m, arrived.GetProperty("totalCost").GetProperty("CNY").GetDecimal());
        var needs = arrived.GetProperty("needs").EnumerateArray().ToDictionary(n => n.GetProperty("person").GetString()!, n => n.GetProperty("ticked").GetBoolean());
        Assert.True(needs[cases[0]]);
        Assert.False(needs[cases[1]]);
        foreach (var c in cases)
            Assert.Equal("arrived", (await east.GetFromJsonAsync<JsonElement>($"/api/cases/{c}")).GetProperty("status").GetString());

        var handedOver = await PostOkAsync(east, $"/api/journeys/{journey}/hand-over", new { });
        Assert.Equal("handed-over", handedOver.GetProperty("status").GetString());
        foreach (var c in cases)
            Assert.Equal("resettling", (await east.GetFromJsonAsync<JsonElement>($"/api/cases/{c}")).GetProperty("status").GetString());

        await web.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "partner.identity.read" && e.RecordCode == partners[0]));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "safe-house.identity.read" && e.RecordCode == houses[1]));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "journey.incident" && e.RecordCode == journey));
            return 0;
        });

        // The route's actual costs now give the next window its per-person estimate: 1200.50 CNY for 2 people.
        var next = await PostOkAsync(east, $"/api/routes/{route}/windows", new { date = Day(14), capacity = 4, currency = "CNY" });
        Assert.Equal("computed", next.GetProperty("estimate").GetProperty("basis").GetString());
        Assert.Equal(600.25m, next.GetProperty("estimate").GetProperty("medianPerPerson").GetDecimal());
        var given = await PostOkAsync(east, $"/api/routes/{route}/windows", new { date = Day(21), capacity = 4, currency = "CNY", medianPerPerson = 900, p80PerPerson = 1500, reason = "fuel prices doubled" });
        Assert.Equal("given", given.GetProperty("estimate").GetProperty("basis").GetString());
        var windows = await east.GetFromJsonAsync<JsonElement>($"/api/routes/{route}/windows");
        Assert.Equal(3, windows.GetProperty("windows").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Leg_costs_are_paid_from_the_rescue_fund_once_per_key_and_refused_when_the_fund_would_go_below_zero(DatabaseProvider provider)
    {
        await using var web = await WebFactory.CreateAsync(provider);
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var (route, _, _) = await RouteAsync(east, "east", legs: 2);
        var journey = await CreateAsync(east, "/api/journeys", new { route, window = await WindowAsync(east, route), groups = new[] { (await GroupAsync(east, "east", people: 1)).Group } });
        await web.InScopeAsync(sp => RescueFund.GiveAsync(sp, "CNY", 100000));

        async Task<(long Rescue, long Expenses, int Costs, int Transfers)> State() => await web.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            var rescue = (await sp.GetRequiredService<Ledger>().FundBalancesAsync()).Single(f => f.Id == LedgerAccounts.Rescue).Balances.Single(b => b.Currency.Code == "CNY").Minor;
            var expenses = await db.Set<LedgerBalance>().Where(b => b.AccountId == LedgerAccounts.JourneyExpenses && b.CurrencyCode == "CNY").Select(b => b.CreditsMinor - b.DebitsMinor).SingleOrDefaultAsync();
            return (rescue, expenses, await db.Set<JourneyCost>().IgnoreQueryFilters().CountAsync(), await db.Set<LedgerTransfer>().CountAsync(t => t.Code == TransferCodes.Spend));
        });

        // Beyond what the fund holds: a 409 naming the fund, the currency and the shortfall; nothing recorded, nothing posted.
        var tooMuch = await east.PostAsJsonAsync($"/api/journeys/{journey}/costs", new { leg = 1, amount = 1200.50m, currency = "CNY" });
        var problem = JsonDocument.Parse(await tooMuch.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal("rescue", problem.GetProperty("fund").GetString());
        Assert.Equal("CNY", problem.GetProperty("currency").GetString());
        Assert.Equal(200.50m, problem.GetProperty("shortfall").GetDecimal());
        Assert.Contains("200.50 CNY", problem.GetProperty("detail").GetString());
        Assert.Equal((100000L, 0L, 0, 0), await State());

        // Within it, sent twice with one Idempotency-Key (a retry after a lost answer): recorded and posted once.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/journeys/{journey}/costs") { Content = JsonContent.Create(new { leg = 1, amount = 400m, currency = "CNY" }) };
            request.Headers.Add("Idempotency-Key", "leg1-fuel-7f3a");
            var response = await east.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        await PostOkAsync(east, $"/api/journeys/{journey}/costs", new { leg = 2, amount = 100m, currency = "CNY", key = "leg2-bus" });
        await PostOkAsync(east, $"/api/journeys/{journey}/costs", new { leg = 2, amount = 100m, currency = "CNY", key = "leg2-bus" });
        Assert.Equal((50000L, 50000L, 2, 2), await State());
        var view = await east.GetFromJsonAsync<JsonElement>($"/api/journeys/{journey}");
        Assert.Equal(500m, view.GetProperty("totalCost").GetProperty("CNY").GetDecimal());

        // The fund's exact balance can be spent; one minor unit more cannot.
        await PostOkAsync(east, $"/api/journeys/{journey}/costs", new { leg = 2, amount = 500m, currency = "CNY" });
        var oneMore = await east.PostAsJsonAsync($"/api/journeys/{journey}/costs", new { leg = 2, amount = 0.01m, currency = "CNY" });
        Assert.Equal(HttpStatusCode.Conflict, oneMore.StatusCode);
        Assert.Equal((0L, 100000L, 3, 3), await State());
        await web.InScopeAsync(async sp =>
        {
            var check = await sp.GetRequiredService<LedgerCheck>().RunAsync();
            Assert.True(check.Holds, string.Join("; ", check.Violations));
            Assert.Equal(3, await sp.GetRequiredService<CrossingDbContext>().AuditEvents.CountAsync(e => e.Action == "journey.cost" && e.RecordCode == journey));
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Route_status_and_window_estimates_change_only_with_a_reason_and_keep_their_history(DatabaseProvider provider)
    {
        await using var web = await WebFactory.CreateAsync(provider);
        var east = await ClientAsync(web, StaffRole.FieldManager, "east");
        var (route, _, partners) = await RouteAsync(east, "east", legs: 2);
        var window = await WindowAsync(east, route);

        async Task AssertInvalid(string path, object body, string field)
        {
            var response = await east.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {text}");
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {text}");
        }

        await AssertInvalid($"/api/routes/{route}/status", new { status = "suspended" }, "reason");
        await AssertInvalid($"/api/routes/{route}/status", new { status = "closed", reason = "x" }, "status");
        await AssertInvalid($"/api/routes/{route}/status", new { status = "open", reason = "x" }, "status");
        await AssertInvalid($"/api/routes/{route}/windows/{window}/estimate", new { medianPerPerson = 900, p80PerPerson = 1500 }, "reason");
        await AssertInvalid($"/api/routes/{route}/windows/{window}/estimate", new { medianPerPerson = 900, p80PerPerson = 800, reason = "x" }, "p80PerPerson");
        await AssertInvalid($"/api/routes/{route}/windows/{window}/estimate", new { medianPerPerson = -1, p80PerPerson = 800, reason = "x" }, "medianPerPerson");

        var suspended = await PostOkAsync(east, $"/api/routes/{route}/status", new { status = "suspended", reason = "checkpoint crackdown" });
        Assert.Equal("suspended", suspended.GetProperty("status").GetString());
        var history = Assert.Single(suspended.GetProperty("history").EnumerateArray());
        Assert.Equal("checkpoint crackdown", history.GetProperty("reason").GetString());
        var reopened = await PostOkAsync(east, $"/api/routes/{route}/status", new { status = "open", reason = "checkpoint gone" });
        Assert.Equal(2, reopened.GetProperty("history").GetArrayLength());

        var estimate = await PostOkAsync(east, $"/api/routes/{route}/windows/{window.ToLowerInvariant()}/estimate", new { medianPerPerson = 900.5m, p80PerPerson = 1500, reason = "fuel prices doubled" });
        Assert.Equal("given", estimate.GetProperty("estimate").GetProperty("basis").GetString());
        Assert.Equal(900.5m, estimate.GetProperty("estimate").GetProperty("medianPerPerson").GetDecimal());
        Assert.Equal("fuel prices doubled", estimate.GetProperty("estimate").GetProperty("reason").GetString());

        // A compromised partner keeps its route from being opened again, whatever the reason.
        await PostOkAsync(east, $"/api/partners/{partners[0]}/compromise", new { });
        await AssertInvalid($"/api/routes/{route}/status", new { status = "open", reason = "we trust them again" }, "status");
        var compromised = await PostOkAsync(east, $"/api/routes/{route}/status", new { status = "compromised", reason = "driver arrested" });
        Assert.Equal("compromised", compromised.GetProperty("status").GetString());

        await web.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == "route.status" && e.RecordCode == route));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "window.estimate" && e.RecordCode == window));
            return 0;
        });
        var docs = await east.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/routes/{code}/status", docs, StringComparison.Ordinal);
        Assert.Contains("/api/routes/{code}/windows/{window}/estimate", docs, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Records_of_another_compartment_get_the_same_404_as_unknown_codes(DatabaseProvider provider)
    {
        await using var web = await WebFactory.CreateAsync(provider);
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var west = await ClientAsync(web, StaffRole.FieldManager, "west");
        var finance = await ClientAsync(web, StaffRole.Finance, "east");
        var (route, houses, partners) = await RouteAsync(east, "east", legs: 1);
        var window = await WindowAsync(east, route);
        var (group, _) = await GroupAsync(east, "east", people: 1);
        var journey = await CreateAsync(east, "/api/journeys", new { route, window, groups = new[] { group } });

        var unknown = await west.GetAsync("/api/journeys/J-ZZZZ");
        var expected = await unknown.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var probes = new (HttpMethod Method, string Hidden, string Unknown, object? Body)[]
        {
            (HttpMethod.Get, $"/api/partners/{partners[0]}", "/api/partners/P-ZZZZ", null),
            (HttpMethod.Get, $"/api/safe-houses/{houses[0]}", "/api/safe-houses/H-ZZZZ", null),
            (HttpMethod.Get, $"/api/routes/{route}", "/api/routes/R-ZZZZ", null),
            (HttpMethod.Get, $"/api/routes/{route}/windows", "/api/routes/R-ZZZZ/windows", null),
            (HttpMethod.Post, $"/api/routes/{route}/windows", "/api/routes/R-ZZZZ/windows", new { date = Day(3), capacity = 2 }),
            (HttpMethod.Get, $"/api/journeys/{journey}", "/api/journeys/J-ZZZZ", null),
            (HttpMethod.Post, $"/api/journeys/{journey}/check-ins", "/api/journeys/J-ZZZZ/check-ins", new { leg = 1, status = "departed" }),
            (HttpMethod.Post, $"/api/journeys/{journey}/costs", "/api/journeys/J-ZZZZ/costs", new { leg = 1, amount = 10, currency = "CNY" }),
            (HttpMethod.Post, $"/api/partners/{partners[0]}/compromise", "/api/partners/P-ZZZZ/compromise", new { }),
            (HttpMethod.Post, $"/api/safe-houses/{houses[0]}/compromise", "/api/safe-houses/H-ZZZZ/compromise", new { }),
            (HttpMethod.Post, $"/api/routes/{route}/status", "/api/routes/R-ZZZZ/status", new { status = "suspended", reason = "probe" }),
            (HttpMethod.Post, $"/api/routes/{route}/windows/{window}/estimate", $"/api/routes/{route}/windows/W-ZZZZ/estimate", new { medianPerPerson = 5, p80PerPerson = 6, reason = "probe" }),
        };
        foreach (var client in new[] { west, finance })
        {
            foreach (var (method, hidden, unknownPath, body) in probes)
            {
                foreach (var path in new[] { hidden, unknownPath })
                {
                    using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                    var response = await client.SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
                    Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }
        Assert.Empty((await west.GetFromJsonAsync<JsonElement>("/api/routes")).GetProperty("routes").EnumerateArray());
        Assert.Empty((await west.GetFromJsonAsync<JsonElement>("/api/journeys")).GetProperty("journeys").EnumerateArray());

        // Nothing the probes asked for happened: no check-in, no cost, no compromise, no window.
        var journeyState = await east.GetFromJsonAsync<JsonElement>($"/api/journeys/{journey}");
        Assert.Equal(0, journeyState.GetProperty("checkIns").GetArrayLength());
        Assert.Equal(0, journeyState.GetProperty("costs").GetArrayLength());
        Assert.Equal("open", (await east.GetFromJsonAsync<JsonElement>($"/api/routes/{route}")).GetProperty("status").GetString());
        Assert.Equal(1, (await east.GetFromJsonAsync<JsonElement>($"/api/routes/{route}/windows")).GetProperty("windows").GetArrayLength());

        // Writing into a compartment one does not hold is refused, and a route cannot use another compartment's houses.
        Assert.Equal(HttpStatusCode.Forbidden, (await west.PostAsJsonAsync("/api/partners", new { compartment = "east", name = "x", role = "guide" })).StatusCode);
        var westHouse = await SafeHouseAsync(west, "west");
        var mixed = await west.PostAsJsonAsync("/api/routes", new { compartment = "west", name = "mixed", legs = new[] { new { from = westHouse, to = houses[0], partners = Array.Empty<string>() } } });
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Contains("legs[0].to", await mixed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_changes()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var (route, houses, partners) = await RouteAsync(east, "east", legs: 2);
        var window = await WindowAsync(east, route);
        var (group, _) = await GroupAsync(east, "east", people: 1);
        var journey = await CreateAsync(east, "/api/journeys", new { route, window, groups = new[] { group } });

        async Task<int> Rows() => await web.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            return await db.Set<Route>().IgnoreQueryFilters().CountAsync() + await db.Set<TravelWindow>().IgnoreQueryFilters().CountAsync()
                + await db.Set<JourneyCheckIn>().IgnoreQueryFilters().CountAsync() + await db.Set<JourneyCost>().IgnoreQueryFilters().CountAsync()
                + await db.Set<Journey>().IgnoreQueryFilters().CountAsync() + await db.Set<Partner>().IgnoreQueryFilters().CountAsync();
        });
        var before = await Rows();

        async Task AssertInvalid(string path, object body, string field)
        {
            var response = await east.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {text}");
            var json = JsonDocument.Parse(text).RootElement;
            Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {text}");
        }

        await AssertInvalid($"/api/journeys/{journey}/check-ins", new { leg = 2, status = "departed" }, "leg");
        await AssertInvalid($"/api/journeys/{journey}/check-ins", new { leg = 1, status = "arrived" }, "status");
        await AssertInvalid($"/api/journeys/{journey}/check-ins", new { leg = 1, status = "teleported" }, "status");
        await AssertInvalid($"/api/journeys/{journey}/check-ins", new { leg = 1, status = "incident", incident = "arrest" }, "severity");
        await AssertInvalid($"/api/journeys/{journey}/costs", new { leg = 1, amount = 100 }, "currency");
        await AssertInvalid($"/api/journeys/{journey}/costs", new { leg = 1, amount = -5, currency = "CNY" }, "amount");
        await AssertInvalid($"/api/journeys/{journey}/costs", new { leg = 1, amount = 0, currency = "CNY" }, "amount");
        await AssertInvalid($"/api/journeys/{journey}/costs", new { leg = 1, amount = 10, currency = "XXX" }, "currency");
        await AssertInvalid($"/api/journeys/{journey}/costs", new { leg = 1, amount = 10.5, currency = "KRW" }, "amount");
        await AssertInvalid($"/api/journeys/{journey}/costs", new { leg = 3, amount = 10, currency = "CNY" }, "leg");
        await AssertInvalid($"/api/routes/{route}/windows", new { date = Day(-1), capacity = 3 }, "date");
        await AssertInvalid($"/api/routes/{route}/windows", new { date = Day(3), capacity = 0 }, "capacity");
        await AssertInvalid($"/api/routes/{route}/windows", new { date = Day(3), capacity = 2, medianPerPerson = 100, p80PerPerson = 200 }, "reason");
        await AssertInvalid("/api/routes", new { compartment = "east", name = "empty", legs = Array.Empty<object>() }, "legs");
        await AssertInvalid("/api/routes", new { compartment = "east", name = "gap", legs = new[] { new { from = houses[0], to = houses[1], partners = Array.Empty<string>() }, new { from = houses[0], to = houses[2], partners = Array.Empty<string>() } } }, "legs[1].from");
        await AssertInvalid("/api/routes", new { compartment = "east", name = "bad partner", legs = new[] { new { from = houses[0], to = houses[1], partners = new[] { "P-ZZZZ" } } } }, "legs[0].partners[0]");
        await AssertInvalid("/api/partners", new { compartment = "east", name = "x", role = "pilot" }, "role");
        await AssertInvalid("/api/safe-houses", new { compartment = "east", name = "x" }, "address");
        await AssertInvalid("/api/journeys", new { route, window, groups = Array.Empty<string>() }, "groups");
        await AssertInvalid("/api/journeys", new { route, window = "W-ZZZZ", groups = new[] { group } }, "window");

        Assert.Equal(before, await Rows());
        Assert.Equal(partners.Length, await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<Partner>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Compromise_lists_and_suspends_what_uses_the_partner_and_alerts_the_field_manager()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var (route, houses, partners) = await RouteAsync(east, "east", legs: 2);
        var (other, _, _) = await RouteAsync(east, "east", legs: 1);
        var window = await WindowAsync(east, route);
        var otherWindow = await WindowAsync(east, other);
        var (group, _) = await GroupAsync(east, "east", people: 1);
        var journey = await CreateAsync(east, "/api/journeys", new { route, window, groups = new[] { group } });

        var response = await PostOkAsync(east, $"/api/partners/{partners[1]}/compromise", new { });
        var affected = response.GetProperty("affected");
        Assert.Equal<string>([route], affected.GetProperty("routes").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal<string>([window], affected.GetProperty("windows").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal<string>([journey], affected.GetProperty("journeys").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal<string>([group], affected.GetProperty("groups").EnumerateArray().Select(e => e.GetString()!).ToArray());

        var routeJson = await east.GetFromJsonAsync<JsonElement>($"/api/routes/{route}");
        Assert.Equal("suspended", routeJson.GetProperty("status").GetString());
        Assert.Equal($"compromise:{partners[1]}", routeJson.GetProperty("history")[0].GetProperty("reason").GetString());
        Assert.Equal("suspended", (await east.GetFromJsonAsync<JsonElement>($"/api/routes/{route}/windows")).GetProperty("windows")[0].GetProperty("status").GetString());
        Assert.Equal("open", (await east.GetFromJsonAsync<JsonElement>($"/api/routes/{other}")).GetProperty("status").GetString());
        Assert.Equal("open", (await east.GetFromJsonAsync<JsonElement>($"/api/routes/{other}/windows")).GetProperty("windows")[0].GetProperty("status").GetString());
        Assert.True((await east.GetFromJsonAsync<JsonElement>($"/api/partners/{partners[1]}")).GetProperty("compromised").GetBoolean());

        // A safe house compromise answers the same way.
        var house = await PostOkAsync(east, $"/api/safe-houses/{houses[0]}/compromise", new { });
        Assert.Equal<string>([route], house.GetProperty("affected").GetProperty("routes").EnumerateArray().Select(e => e.GetString()!).ToArray());

        var manager = await web.AddStaffAsync(StaffRole.FieldManager, ["east"]);
        var page = await (await web.SignedInClientAsync(manager)).GetStringAsync("/");
        Assert.Contains("data-panel=\"journeys\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-alert=\"{partners[1]}\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-journey=\"{journey}\"", page, StringComparison.Ordinal);
        await web.InScopeAsync(async sp =>
        {
            Assert.Equal(1, await sp.GetRequiredService<CrossingDbContext>().AuditEvents.CountAsync(e => e.Action == "partner.compromise" && e.RecordCode == partners[1]));
            return 0;
        });
    }

    [Fact]
    public async Task No_partner_or_safe_house_name_address_or_contact_appears_in_the_database_its_wal_or_the_logs()
    {
        var logs = new ConcurrentQueue<string>();
        await using var web = await WebFactory.CreateAsync();
        await using var app = web.WithWebHostBuilder(b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(logs))));
        var east = await ClientAsync(web, app, StaffRole.FieldCoordinator, "east");
        string[] markers = ["Markerbroker Zhang", "마커기사", "markerpartner@wechat", "Markernotes: late twice", "Markerhouse Yanji", "Markerstreet 42 Tumen", "markerhouse-phone-555"];
        var partner = await CreateAsync(east, "/api/partners", new { compartment = "east", name = markers[0], role = "broker", contact = markers[2], notes = markers[3] });
        await CreateAsync(east, "/api/partners", new { compartment = "east", name = markers[1], role = "driver" });
        var house = await CreateAsync(east, "/api/safe-houses", new { compartment = "east", name = markers[4], address = markers[5], contact = markers[6] });
        var other = await CreateAsync(east, "/api/safe-houses", new { compartment = "east", name = "plain", address = "plain" });
        var canaryRoute = await CreateAsync(east, "/api/routes", new { compartment = "east", name = "canary", legs = new[] { new { from = house, to = other, partners = new[] { partner } } } });
        await PostOkAsync(east, $"/api/routes/{canaryRoute}/status", new { status = "suspended", reason = "checkpoint" });
        await PostOkAsync(east, $"/api/safe-houses/{house}/compromise", new { });
        Assert.Equal(HttpStatusCode.OK, (await east.GetAsync($"/api/partners/{partner}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await east.GetAsync($"/api/safe-houses/{house}")).StatusCode);
        await east.PostAsJsonAsync("/api/partners", new { compartment = "east", name = markers[0], role = "pilot", contact = markers[2] });
        await east.PostAsJsonAsync("/api/safe-houses", new { compartment = "east", name = markers[4], address = 5 });

        Assert.NotEmpty(logs);
        var logText = string.Join('\n', logs);
        foreach (var file in new[] { "crossing.db", "crossing.db-wal" }.Select(f => Path.Combine(web.Storage.DataDirectory, f)).Where(File.Exists))
        {
            var bytes = ReadShared(file);
            foreach (var marker in markers)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) < 0, $"'{marker}' in {Path.GetFileName(file)}");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(marker)) < 0, $"'{marker}' (UTF-16) in {Path.GetFileName(file)}");
            }
        }
        foreach (var marker in markers)
            Assert.DoesNotContain(marker, logText, StringComparison.Ordinal);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
