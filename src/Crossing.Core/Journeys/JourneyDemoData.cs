using System.Globalization;
using Crossing.Core.Cases;
using Crossing.Core.Demo;
using Crossing.Core.Funding;
using Crossing.Core.Security.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Journeys;

/// <summary>
/// The demo's routes: one per route team (east, west, north) with weekly windows over the next eight weeks whose
/// per-person estimates swing; in east a completed journey with its costs and one under way with check-ins and
/// needs; in north a driver compromised, so that route and its windows are suspended and the manager is alerted.
/// Every name, address and contact is invented; the travellers are new demo cases, so the waiting list is unchanged.
/// </summary>
public static class JourneyDemoData
{
    public static async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var network = context.Services.GetRequiredService<RouteNetwork>();
        var log = context.Services.GetRequiredService<JourneyLog>();
        var registry = context.Services.GetRequiredService<CaseRegistry>();
        var directory = context.Services.GetRequiredService<StaffDirectory>();
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var east = (await directory.CallerAsync(context.Staff["coordinator.east"].Id, ct))!;
        var west = (await directory.CallerAsync(context.Staff["coordinator.west"].Id, ct))!;
        var manager = (await directory.CallerAsync(context.Staff[DemoSeeder.FieldManager].Id, ct))!;

        // Leg costs are paid from the restricted rescue fund: cash gifts to rescue, received by hand in the currencies
        // the demo routes pay in, so the demo's costs post (and a cost beyond them is refused).
        var intake = context.Services.GetRequiredService<GiftIntake>();
        var fundedAt = context.Time.GetUtcNow().AddDays(-20);
        foreach (var (currency, minor) in new[] { ("CNY", 5_000_000L), ("THB", 30_000_000L), ("USD", 1_000_000L) })
        {
            var funded = await intake.ReceiveGiftAsync(new GiftFacts("manual", "demo-rescue-" + currency.ToLowerInvariant(), null, "manual", GiftKind.OneTime,
                null, null, null, currency, minor, minor.ToString(CultureInfo.InvariantCulture),
                new Dictionary<string, string> { [Designations.FundKey] = LedgerAccounts.Rescue }, fundedAt), ct);
            if (funded.Outcome != EventOutcome.Applied)
                throw new InvalidOperationException($"The demo's {currency} gift to rescue was not posted: {funded.Problem}");
        }

        async Task<(string Route, string[] Partners)> RouteAsync(StaffCaller by, string compartment, string name, string[] places, PartnerRole[] roles)
        {
            var houses = new List<string>();
            foreach (var (place, i) in places.Select((p, i) => (p, i)))
                houses.Add((await network.RecordSafeHouseAsync(by, new SafeHouseInput
                {
                    Compartment = compartment, Name = $"{place} house (demo)", Address = $"{i + 12} Demo Lane, {place}", Contact = $"demo-house-{compartment}-{i}",
                }, ct)).Code);
            var partners = new List<string>();
            foreach (var (role, i) in roles.Select((r, i) => (r, i)))
                partners.Add((await network.RecordPartnerAsync(by, new PartnerInput
                {
                    Compartment = compartment, Name = $"Demo {role.Slug()} {compartment}-{i + 1}", Role = role.Slug(), Contact = $"demo-partner-{compartment}-{i}",
                    Notes = i % 2 == 0 ? "Reliable on the last three runs (demo)." : "Late once; asks for cash up front (demo).",
                }, ct)).Code);
            var route = await network.OpenRouteAsync(by, new RouteInput
            {
                Compartment = compartment, Name = name,
                Legs = [.. Enumerable.Range(0, houses.Count - 1).Select(i => new LegInput { From = houses[i], To = houses[i + 1], Partners = [partners[i % partners.Count]] })],
            }, ct);
            return (route.Code, [.. partners]);
        }

        async Task<string> GroupAsync(StaffCaller by, string compartment, params string[] names)
        {
            string? group = null;
            foreach (var name in names)
            {
                var recorded = await registry.RecordAsync(by, new CaseIntakeInput { Compartment = compartment, FullName = name, Sex = "X", FamilyGroup = group }.Validate(today), ct);
                group ??= (await registry.SummaryAsync(by, recorded.Code, ct))!.FamilyGroup;
            }
            return group!;
        }

        // East: a completed journey first, so the windows after it have estimates computed from its actual costs.
        var (eastRoute, _) = await RouteAsync(east, "east", "east-1", ["Tumen", "Shenyang", "Kunming", "Vientiane"], [PartnerRole.Broker, PartnerRole.Driver, PartnerRole.Guide]);
        var first = (await network.AddWindowAsync(east, eastRoute, new WindowInput { Date = Day(0), Capacity = 4, Currency = "CNY", MedianPerPerson = 9000, P80PerPerson = 11000, Reason = "first run of the season: broker's quote" }, ct))!;
        var completed = await log.PlanAsync(east, new JourneyInput { Route = eastRoute, Window = first.Code, Groups = [await GroupAsync(east, "east", "선우달님")] }, ct);
        decimal[] legCosts = [3200m, 1850.50m, 4400m];
        for (var leg = 1; leg <= 3; leg++)
        {
            await log.CheckInAsync(east, completed.Code, new CheckInInput { Leg = leg, Status = "departed" }, ct);
            await log.RecordCostAsync(east, completed.Code, new CostInput { Leg = leg, Amount = legCosts[leg - 1], Currency = "CNY" }, ct);
            await log.CheckInAsync(east, completed.Code, new CheckInInput { Leg = leg, Status = "arrived" }, ct);
        }
        await log.HandOverAsync(east, completed.Code, ct);

        var eastWindows = await WeeklyWindowsAsync(network, east, eastRoute, "CNY", today, [9800, 12500, 8900, 15000, 10200, 13800, 9500, 16400], ct, fromActualCosts: true);
        var underWay = await log.PlanAsync(east, new JourneyInput { Route = eastRoute, Window = eastWindows[0], Groups = [await GroupAsync(east, "east", "황보은별", "황보하늘")] }, ct);
        await log.CheckInAsync(east, underWay.Code, new CheckInInput { Leg = 1, Status = "departed" }, ct);
        await log.CheckInAsync(east, underWay.Code, new CheckInInput { Leg = 1, Status = "arrived" }, ct);
        await log.CheckInAsync(east, underWay.Code, new CheckInInput { Leg = 2, Status = "departed" }, ct);
        await log.CheckInAsync(east, underWay.Code, new CheckInInput { Leg = 2, Status = "delayed" }, ct);
        await log.RecordCostAsync(east, underWay.Code, new CostInput { Leg = 1, Amount = 6100m, Currency = "CNY" }, ct);
        var people = (await log.ViewAsync(east, underWay.Code, ct))!.People;
        await log.NeedAsync(east, underWay.Code, new NeedInput { Person = people[0], Need = "food" }, tick: true, ct);
        await log.NeedAsync(east, underWay.Code, new NeedInput { Person = people[0], Need = "sanitary" }, tick: false, ct);
        await log.NeedAsync(east, underWay.Code, new NeedInput { Person = people[1], Need = "clothes" }, tick: false, ct);
        await log.NeedAsync(east, underWay.Code, new NeedInput { Person = people[1], Need = "medicine" }, tick: false, ct);

        var (westRoute, _) = await RouteAsync(west, "west", "west-1", ["Kunming", "Jinghong", "Chiang Rai"], [PartnerRole.Broker, PartnerRole.Host]);
        await WeeklyWindowsAsync(network, west, westRoute, "THB", today, [38000, 52000, 41000, 61000, 45000, 39000, 70000, 48000], ct);

        var (northRoute, northPartners) = await RouteAsync(manager, "north", "north-1", ["Dandong", "Shenyang", "Beijing"], [PartnerRole.Driver, PartnerRole.Guide]);
        await WeeklyWindowsAsync(network, manager, northRoute, "CNY", today, [7000, 9400, 8200, 12800, 7600, 11000, 8800, 13500], ct);
        await network.CompromisePartnerAsync(manager, northPartners[0], ct);
    }

    /// <summary>
    /// One window a week for eight weeks. Where the route has actual costs every other window is computed from them;
    /// the rest carry the coordinator's quote with its reason (costs swing with crackdowns and fuel).
    /// </summary>
    private static async Task<List<string>> WeeklyWindowsAsync(RouteNetwork network, StaffCaller by, string route, string currency, DateOnly today, int[] quotes, CancellationToken ct, bool fromActualCosts = false)
    {
        var codes = new List<string>();
        for (var week = 0; week < 8; week++)
        {
            var computed = fromActualCosts && week % 2 == 1;
            var input = new WindowInput
            {
                Date = today.AddDays(3 + (7 * week)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Capacity = 4 + (week % 3 * 2),
                Currency = currency,
            };
            if (!computed)
            {
                input.MedianPerPerson = quotes[week];
                input.P80PerPerson = quotes[week] * 1.3m;
                input.Reason = week % 3 == 0 ? "broker's quote after a checkpoint crackdown" : "driver's quote; fuel up this month";
            }
            codes.Add((await network.AddWindowAsync(by, route, input, ct))!.Code);
        }
        return codes;
    }
}
