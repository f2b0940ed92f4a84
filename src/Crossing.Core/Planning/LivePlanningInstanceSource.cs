using Crossing.Core.Cases;
using Crossing.Core.Funding;
using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;

namespace Crossing.Core.Planning;

/// <summary>
/// The live instance (docs/planner-format.md, "Live instances"), built only through other modules' public services,
/// each of which limits what it returns to the caller's compartments:
/// <list type="bullet">
/// <item>groups: the waiting list (<see cref="CaseRegistry.WaitingListAsync"/>) without the groups already on a journey
/// not yet handed over; size is the waiting members, weight the group's triage score per person, routes every route of
/// the group's compartment (a journey never crosses compartments). A deadline already past becomes the start, so the
/// group is listed as waiting with "no window before the deadline" rather than dropped;</item>
/// <item>windows: the open windows of the visible routes dated from today to the horizon, priced in the planning
/// currency, with a cost estimate; capacity is what is not yet booked;</item>
/// <item>cash: the fund's balance in the planning currency less the estimated cost of the people on
/// journeys planned on windows in the horizon that have not departed (not paid yet), and the monthly donors' expected gifts (<see cref="RecurringGifts"/>).</item>
/// </list>
/// </summary>
public sealed class LivePlanningInstanceSource(
    CaseRegistry cases, RouteNetwork network, JourneyLog journeys, Ledger ledger, RecurringGifts recurring, PlanningOptions options, TimeProvider time)
    : IPlanningInstanceSource
{
    public async Task<LivePlanningInstance> BuildAsync(StaffCaller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ManagePlan))
            throw new PlanningAccessDeniedException();
        var start = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var end = start.AddDays(options.HorizonDays);
        var currency = options.PlanningCurrency;
        var basis = options.Basis;

        var routes = await network.RoutesAsync(caller, ct);
        var planRoutes = routes.Select(r => new PlanRoute(r.Code, r.Status switch
        {
            RouteStatus.Open => PlanRouteStatus.Open,
            RouteStatus.Suspended => PlanRouteStatus.Suspended,
            _ => PlanRouteStatus.Compromised,
        })).ToList();

        var windows = new List<TravelWindowOption>();
        int otherCurrency = 0, withoutEstimate = 0, full = 0;
        var perPerson = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            foreach (var w in await network.WindowsAsync(caller, route.Code, ct) ?? [])
            {
                if (w.Status != WindowStatus.Open || w.Date < start || w.Date > end)
                    continue;
                if (!string.Equals(w.Currency, currency.Code, StringComparison.Ordinal))
                {
                    otherCurrency++;
                    continue;
                }
                if (w.MedianPerPersonMinor is not { } median || w.P80PerPersonMinor is not { } p80)
                {
                    withoutEstimate++;
                    continue;
                }
                var medianCost = Cost(median, currency);
                var p80Cost = Cost(p80, currency);
                perPerson[w.Code] = basis == CostBasis.Median ? medianCost : p80Cost;
                if (w.Capacity - w.Booked <= 0)
                {
                    full++;
                    continue;
                }
                windows.Add(new TravelWindowOption(w.Code, route.Code, w.Date, w.Capacity - w.Booked, medianCost, p80Cost));
            }
        }

        var board = await journeys.BoardAsync(caller, ct);
        var planned = board.SelectMany(j => j.Groups).ToHashSet(StringComparer.Ordinal);
        var committed = board
            .Where(j => j.Status == JourneyStatus.Planned && j.Window is { } w && perPerson.ContainsKey(w))
            .Sum(j => j.People.Count * perPerson[j.Window!]);
        var routesByCompartment = routes.ToLookup(r => r.Compartment, r => r.Code, StringComparer.Ordinal);
        var waiting = await cases.WaitingListAsync(caller, new CaseFilter(Limit: 5000), withReasons: false, ct);
        var groups = waiting
            .Where(g => !planned.Contains(g.Code))
            .Select(g => new WaitingGroup(g.Code, g.Members.Count, g.Score, [.. routesByCompartment[g.Compartment]],
                g.Deadline is { } d && d < start ? start : g.Deadline))
            .ToList();

        var balance = (await ledger.FundBalancesAsync(ct)).FirstOrDefault(f => f.Id == options.Fund)?.Balances
            .FirstOrDefault(b => b.Currency == currency) is { } money ? Floor(money.ToDecimal()) : 0m;
        var income = (await recurring.ExpectedAsync(options.Fund, currency, start, end, ct))
            .Select(e => new PlannedIncome(e.Date, Floor(e.Amount.ToDecimal())))
            .Where(e => e.Amount > 0);

        var instance = PlanningInstance.Create(start, basis, Math.Max(0, balance - committed), income, planRoutes, windows, groups);
        return new LivePlanningInstance(instance, currency.Code, new LiveInstanceNotes(otherCurrency, withoutEstimate, full, waiting.Count(g => planned.Contains(g.Code)), committed));
    }

    /// <summary>Costs are rounded up and cash down to the format's cents, so a plan never spends money it rounded into being.</summary>
    private static decimal Cost(long minor, Currency currency) => Math.Ceiling(new Money(minor, currency).ToDecimal() * 100) / 100;

    private static decimal Floor(decimal amount) => Math.Floor(amount * 100) / 100;
}
