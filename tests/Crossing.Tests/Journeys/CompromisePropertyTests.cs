using CsCheck;
using Crossing.Core.Journeys;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Journeys;

public sealed class CompromisePropertyTests
{
    /// <param name="Legs">Per leg: the index of its end safe house (the first leg starts at <paramref name="Start"/>) and its partners' indexes.</param>
    /// <param name="Journey">0: none, 1: planned on the first window, 2: travelled to arrival (no longer open).</param>
    public sealed record RouteSpec(int Start, (int To, int[] Partners)[] Legs, int Windows, int Journey);

    /// <param name="TargetIsPartner">Compromise a partner (else a safe house) with index <paramref name="Target"/>.</param>
    public sealed record NetworkSpec(int Houses, int Partners, RouteSpec[] Routes, bool TargetIsPartner, int Target);

    private static Gen<RouteSpec> RouteGen(int houses, int partners) =>
        from start in Gen.Int[0, houses - 1]
        from legs in Gen.Select(Gen.Int[1, houses - 1], Gen.Int[0, partners - 1].Array[0, 2]).Array[1, 3]
        from windows in Gen.Int[0, 2]
        from journey in Gen.Int[0, 2]
        select new RouteSpec(start, [.. legs.Select(l => (l.Item1, l.Item2))], windows, journey);

    private static readonly Gen<NetworkSpec> Networks =
        from houses in Gen.Int[2, 5]
        from partners in Gen.Int[1, 4]
        from routes in RouteGen(houses, partners).Array[1, 4]
        from targetIsPartner in Gen.Bool
        from target in Gen.Int[0, 4]
        select new NetworkSpec(houses, partners, routes, targetIsPartner, target % (targetIsPartner ? partners : houses));

    [Fact]
    public async Task Compromise_lists_exactly_the_routes_windows_open_journeys_and_groups_that_use_it()
    {
        await using var world = await JourneyWorld.CreateAsync();
        await Networks.SampleAsync(async spec =>
        {
            var houses = new string[spec.Houses];
            for (var i = 0; i < houses.Length; i++)
                houses[i] = await world.SafeHouseAsync();
            var partners = new string[spec.Partners];
            for (var i = 0; i < partners.Length; i++)
                partners[i] = await world.PartnerAsync();

            var expectedRoutes = new List<string>();
            var expectedWindows = new List<string>();
            var expectedJourneys = new List<string>();
            var expectedGroups = new List<string>();
            foreach (var r in spec.Routes)
            {
                // Each leg ends somewhere other than where it starts: the "To" index is an offset from the start.
                var legs = new List<(string From, string To, string[] Partners)>();
                var at = r.Start;
                var usesTarget = false;
                foreach (var (offset, legPartners) in r.Legs)
                {
                    var to = (at + offset) % spec.Houses;
                    legs.Add((houses[at], houses[to], [.. legPartners.Distinct().Select(p => partners[p])]));
                    usesTarget |= spec.TargetIsPartner ? legPartners.Contains(spec.Target) : at == spec.Target || to == spec.Target;
                    at = to;
                }
                var route = await world.RouteAsync(legs);
                var windows = new List<string>();
                for (var w = 0; w < r.Windows; w++)
                    windows.Add(await world.WindowAsync(route, 1 + w));
                string? journey = null;
                string? group = null;
                if (r.Journey > 0 && windows.Count > 0)
                {
                    group = await world.GroupAsync();
                    journey = await world.JourneyAsync(route, windows[0], group);
                    if (r.Journey == 2)
                        await world.TravelAllLegsAsync(journey, legs.Count);
                }
                if (usesTarget)
                {
                    expectedRoutes.Add(route);
                    expectedWindows.AddRange(windows);
                    if (journey is not null && r.Journey == 1)
                    {
                        expectedJourneys.Add(journey);
                        expectedGroups.Add(group!);
                    }
                }
            }

            var result = await world.WithAsync(async sp =>
            {
                var network = sp.GetRequiredService<RouteNetwork>();
                return spec.TargetIsPartner
                    ? await network.CompromisePartnerAsync(world.Coordinator, partners[spec.Target])
                    : await network.CompromiseSafeHouseAsync(world.Coordinator, houses[spec.Target]);
            });

            Assert.NotNull(result);
            Assert.Equal(expectedRoutes.Order(StringComparer.Ordinal), result.Routes);
            Assert.Equal(expectedWindows.Order(StringComparer.Ordinal), result.Windows);
            Assert.Equal(expectedJourneys.Order(StringComparer.Ordinal), result.Journeys);
            Assert.Equal(expectedGroups.Distinct().Order(StringComparer.Ordinal), result.Groups);
            var routes = await world.WithAsync(sp => sp.GetRequiredService<RouteNetwork>().RoutesAsync(world.Coordinator));
            foreach (var code in expectedRoutes)
                Assert.Equal(RouteStatus.Suspended, routes.Single(r => r.Code == code).Status);
        }, iter: 12, threads: 1);
    }
}
