using Crossing.Core.Cases;
using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Journeys;

public sealed record CheckInView(int Leg, CheckInStatus Status, IncidentKind? Incident, IncidentSeverity? Severity, string By, DateTimeOffset At);

public sealed record NeedView(string Person, NeedKind Need, bool Ticked);

public sealed record CostView(int? Leg, long AmountMinor, string Currency, DateTimeOffset At);

/// <summary>A journey as the coordinator and the field manager see it: codes, coded statuses, amounts; no identity.</summary>
public sealed record JourneyView(
    string Code, string Compartment, string? Route, string? Window, DateOnly Date, JourneyStatus Status, int LegCount, int CurrentLeg,
    bool CurrentLegDeparted, string Coordinator, IReadOnlyList<string> Groups, IReadOnlyList<string> People, IReadOnlyList<CheckInView> CheckIns,
    IReadOnlyList<NeedView> Needs, IReadOnlyList<CostView> Costs, bool Purged)
{
    public CheckInView? LastCheckIn => CheckIns.Count == 0 ? null : CheckIns[^1];

    /// <summary>Totals per currency, in minor units: what accounting keeps after retention.</summary>
    public IReadOnlyDictionary<string, long> TotalCost => Costs.GroupBy(c => c.Currency).ToDictionary(g => g.Key, g => g.Sum(c => c.AmountMinor));
}

public sealed record JourneyAlertView(AlertKind Kind, string Subject, string Summary, DateTimeOffset RaisedAt, Guid Id);

/// <summary>
/// Journeys: planning one on a route's window with family groups, check-ins leg by leg (in order), incidents that
/// alert the field manager, needs per person, costs per leg, arrival and hand-over (the people's case status moves
/// through <see cref="CaseRegistry"/>). Every read goes through <see cref="AccessPolicy"/>: a journey of another
/// compartment is answered exactly as an unknown one (null).
/// </summary>
public sealed class JourneyLog(
    CrossingDbContext db, Vault vault, CompartmentBypass bypass, CallerScope scope, IAuditLog audit, AccessPolicy access,
    CaseRegistry cases, Ledger ledger, TimeProvider time)
{
    public async Task<Journey> PlanAsync(StaffCaller caller, JourneyInput input, CancellationToken ct = default)
    {
        var (routeCode, windowCode, groupCodes) = input.Validate();
        using var acting = scope.Use(caller);
        var problems = new Problems();
        var route = await access.Visible(db.Set<Route>(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(r => r.Code == routeCode, ct);
        if (route is null)
            throw new JourneyInputException("route", JourneyProblem.Text["NoRoute", routeCode]);
        if (route.Status != RouteStatus.Open)
            problems.Add(("route", JourneyProblem.Text["RouteNotOpen", route.Code, route.Status.Slug()]));
        var window = await access.Visible(db.Set<TravelWindow>(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(w => w.Code == windowCode && w.RouteId == route.Id, ct);
        if (window is null)
            problems.Add(("window", JourneyProblem.Text["NoWindow", route.Code, windowCode]));
        else if (window.Status != WindowStatus.Open)
            problems.Add(("window", JourneyProblem.Text["WindowSuspended", window.Code]));
        var compartment = await db.Compartments.AsNoTracking().Where(c => c.Id == route.CompartmentId).Select(c => c.Name).SingleAsync(ct);
        var groups = new List<FamilyGroupMembers>();
        foreach (var (code, i) in groupCodes.Select((c, i) => (c, i)))
        {
            var group = await cases.FamilyGroupAsync(caller, code, ct);
            if (group is null || group.Compartment != compartment)
                problems.Add(($"groups[{i}]", JourneyProblem.Text["NoGroup", code, compartment]));
            else
                groups.Add(group);
        }
        var people = groups.Sum(g => g.CaseCodes.Count);
        if (window is not null && problems.Count == 0)
        {
            var booked = await (from j in access.Visible(db.Set<Journey>(), caller, Permission.ViewRoutes)
                                join p in access.Visible(db.Set<JourneyPerson>(), caller, Permission.ViewRoutes) on j.Id equals p.JourneyId
                                where j.WindowId == window.Id
                                select p).CountAsync(ct);
            if (booked + people > window.Capacity)
                problems.Add(("groups", JourneyProblem.Text["WindowFull", window.Code, window.Capacity, booked, people]));
        }
        problems.ThrowIfAny();

        var legs = await access.Visible(db.Set<RouteLeg>(), caller, Permission.ViewRoutes).Where(l => l.RouteId == route.Id).OrderBy(l => l.Order).ToListAsync(ct);
        var itinerary = await ItineraryAsync(caller, legs, ct);
        var everywhere = await bypass.OpenAsync(BypassReason.CodeUniqueness, caller.AuditActor, null, ct);
        var journeyCode = await PseudonymousCode.NewUniqueAsync('J', c => everywhere.Set<Journey>().AnyAsync(x => x.Code == c, ct));
        var id = JourneyId.New();
        using var key = vault.CreateRecordKey(Journey.EntityType, id.RecordId);
        var journey = Journey.Plan(id, journeyCode, route, window!, legs.Count, itinerary, caller, key, time.GetUtcNow());
        db.Add(journey);
        foreach (var group in groups)
        {
            db.Add(new JourneyGroup(journey, group.Code));
            foreach (var person in group.CaseCodes)
                db.Add(new JourneyPerson(journey, group.Code, person));
        }
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "journey.plan", journeyCode), ct);
        return journey;
    }

    private async Task<string> ItineraryAsync(StaffCaller caller, List<RouteLeg> legs, CancellationToken ct)
    {
        var legIds = legs.Select(l => l.Id).ToList();
        var houseIds = legs.SelectMany(l => new[] { l.FromSafeHouseId, l.ToSafeHouseId }).ToList();
        var houses = await access.Visible(db.Set<SafeHouse>().AsNoTracking(), caller, Permission.ViewRoutes).Where(h => houseIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Code, ct);
        var partners = await (from lp in access.Visible(db.Set<RouteLegPartner>(), caller, Permission.ViewRoutes)
                              join p in access.Visible(db.Set<Partner>(), caller, Permission.ViewRoutes) on lp.PartnerId equals p.Id
                              where legIds.Contains(lp.LegId)
                              select new { lp.LegId, p.Code }).ToListAsync(ct);
        return string.Join('\n', legs.Select(l =>
            $"{l.Order} {houses[l.FromSafeHouseId]}>{houses[l.ToSafeHouseId]} {string.Join(",", partners.Where(p => p.LegId == l.Id).Select(p => p.Code).Order(StringComparer.Ordinal))}".TrimEnd()));
    }

    public async Task<Journey?> FindAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var normalised = code.Trim().ToUpperInvariant();
        if (!PseudonymousCode.IsWellFormed(normalised, 'J'))
            return null;
        using var acting = scope.Use(caller);
        return await access.Visible(db.Set<Journey>(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(j => j.Code == normalised, ct);
    }

    public async Task<JourneyView?> ViewAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var journey = await FindAsync(caller, code, ct);
        if (journey is null)
            return null;
        return (await DescribeAsync(caller, [journey], ct)).Single();
    }

    /// <summary>
    /// Takes a check-in on the current leg (null when the journey is not visible). The first departure makes its
    /// people travelling; the last arrival makes them arrived. An incident alerts the field managers.
    /// </summary>
    public async Task<JourneyView?> CheckInAsync(StaffCaller caller, string code, CheckInInput input, CancellationToken ct = default)
    {
        var journey = await FindAsync(caller, code, ct);
        if (journey is null)
            return null;
        var (leg, status, incident, severity) = input.Validate();
        if (journey.CheckInProblem(leg, status) is { } problem)
            throw new JourneyInputException(problem.Field, problem.Problem);
        using var acting = scope.Use(caller);
        var now = time.GetUtcNow();
        var firstDeparture = journey.Status == JourneyStatus.Planned && status == CheckInStatus.Departed;
        var arrived = journey.Apply(status, now);
        db.Add(new JourneyCheckIn(journey, leg, status, incident, severity, null, caller.Code, now));
        if (status == CheckInStatus.Incident)
        {
            db.Add(new JourneyAlert(journey.CompartmentId, AlertKind.Incident, journey.Code,
                $"leg {leg}: {incident!.Value.Slug()}, severity {severity!.Value.Slug()}", caller.AuditActor, now));
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, "journey.incident", journey.Code, $"{incident.Value.Slug()} {severity.Value.Slug()}"), ct);
        }
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "journey.check-in:" + status.Slug(), journey.Code, $"leg {leg}"), ct);
        if (firstDeparture || arrived)
            await MovePeopleAsync(caller, journey, arrived ? CaseStatus.Arrived : CaseStatus.Travelling, ct);
        return await ViewAsync(caller, journey.Code, ct);
    }

    /// <summary>Hands an arrived journey's people over to resettlement: their cases become resettling.</summary>
    public async Task<JourneyView?> HandOverAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var journey = await FindAsync(caller, code, ct);
        if (journey is null)
            return null;
        using var acting = scope.Use(caller);
        if (!journey.HandOver(time.GetUtcNow()))
            throw new JourneyInputException("status", JourneyProblem.Text["HandOverArrivedOnly"]);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "journey.hand-over", journey.Code), ct);
        await MovePeopleAsync(caller, journey, CaseStatus.Resettling, ct);
        return await ViewAsync(caller, journey.Code, ct);
    }

    private async Task MovePeopleAsync(StaffCaller caller, Journey journey, CaseStatus status, CancellationToken ct)
    {
        foreach (var person in await PeopleAsync(caller, journey, ct))
            await cases.ChangeStatusAsync(caller, person, status, ct);
    }

    private async Task<List<string>> PeopleAsync(StaffCaller caller, Journey journey, CancellationToken ct)
    {
        using var acting = scope.Use(caller);
        return await access.Visible(db.Set<JourneyPerson>(), caller, Permission.ViewRoutes).Where(p => p.JourneyId == journey.Id).OrderBy(p => p.CaseCode).Select(p => p.CaseCode).ToListAsync(ct);
    }

    /// <summary>Adds an item to a person's checklist (or ticks it when <paramref name="tick"/>); null when the journey is not visible.</summary>
    public async Task<JourneyView?> NeedAsync(StaffCaller caller, string code, NeedInput input, bool tick, CancellationToken ct = default)
    {
        var journey = await FindAsync(caller, code, ct);
        if (journey is null)
            return null;
        var (person, need) = input.Validate();
        using var acting = scope.Use(caller);
        if (!(await PeopleAsync(caller, journey, ct)).Contains(person))
            throw new JourneyInputException("person", JourneyProblem.Text["NotTravelling", person, journey.Code]);
        var existing = await access.Visible(db.Set<JourneyNeed>(), caller, Permission.ViewRoutes)
            .SingleOrDefaultAsync(n => n.JourneyId == journey.Id && n.CaseCode == person && n.Need == need, ct);
        if (existing is null)
        {
            existing = new JourneyNeed(journey, person, need);
            db.Add(existing);
        }
        if (tick)
            existing.Tick(time.GetUtcNow());
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, tick ? "journey.need.tick" : "journey.need.add", journey.Code, need.Slug()), ct);
        return await ViewAsync(caller, journey.Code, ct);
    }

    /// <summary>
    /// Records an actual cost of a leg in its currency and pays it from the restricted rescue fund, in one ledger
    /// transaction (null when the journey is not visible): the cost row, the spend transfer from <c>fund:rescue</c> to
    /// <c>expense:journeys</c> and the audit event commit together or not at all. A cost that would take the fund below
    /// zero in that currency throws <see cref="RescueFundTooLowException"/> and records nothing. The same
    /// <see cref="CostInput.Key"/> again answers the cost recorded the first time, posted once.
    /// </summary>
    public async Task<JourneyCost?> RecordCostAsync(StaffCaller caller, string code, CostInput input, CancellationToken ct = default)
    {
        var journey = await FindAsync(caller, code, ct);
        if (journey is null)
            return null;
        var (leg, amount, currency) = input.Validate();
        if (leg < 1 || leg > journey.LegCount)
            throw new JourneyInputException("leg", JourneyProblem.Text["JourneyLegRange", journey.LegCount]);
        var transferKey = $"journey-cost:{journey.Code}:{input.Key ?? Guid.NewGuid().ToString("N")}";
        using var acting = scope.Use(caller);
        if (await PostedCostAsync(caller, transferKey, ct) is { } replayed)
            return replayed;
        if (journey.PurgedAt is not null)
            throw new JourneyInputException("leg", JourneyProblem.Text["LegsPurged"]);
        var money = new Money(amount, Currency.Get(currency));
        return await ledger.WriteAsync(async c =>
        {
            var cost = new JourneyCost(journey, leg, amount, currency, caller.Code, time.GetUtcNow());
            db.Add(cost);
            switch (await ledger.SpendAsync(LedgerAccounts.Rescue, LedgerAccounts.JourneyExpenses, money, transferKey, CostReference(cost.Id), c))
            {
                case PostOutcome.Posted:
                    break;
                case PostOutcome.RestrictedFundWouldGoNegative:
                    var held = (await ledger.FundBalancesAsync(c)).Single(f => f.Id == LedgerAccounts.Rescue).Balances
                        .FirstOrDefault(b => b.Currency.Code == currency).Minor;
                    throw new RescueFundTooLowException(LedgerAccounts.Rescue, currency, held, amount);
                default:
                    throw new InvalidOperationException($"The ledger refused the cost of {journey.Code}: its rescue fund or journey expense account is missing.");
            }
            // The ledger saves only inserts until its final save; the audit chain's head is an update, so let it be seen.
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, "journey.cost", journey.Code, $"leg {leg} {Currencies.Format(amount, currency)}"), c);
            return cost;
        }, ct);
    }

    private static string CostReference(Guid costId) => "journey-cost:" + costId.ToString("N");

    /// <summary>The cost a transfer key was posted for, when a retry brings the same key again.</summary>
    private async Task<JourneyCost?> PostedCostAsync(StaffCaller caller, string transferKey, CancellationToken ct)
    {
        var reference = await db.Set<LedgerTransfer>().AsNoTracking().Where(t => t.Key == "spend:" + transferKey).Select(t => t.Reference).SingleOrDefaultAsync(ct);
        if (reference is null || !Guid.TryParseExact(reference["journey-cost:".Length..], "N", out var costId))
            return null;
        return await access.Visible(db.Set<JourneyCost>().AsNoTracking(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(c => c.Id == costId, ct);
    }

    /// <summary>The caller's own journeys not yet handed over (the coordinator's "today").</summary>
    public async Task<IReadOnlyList<JourneyView>> MineAsync(StaffCaller caller, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var journeys = await access.Visible(db.Set<Journey>(), caller, Permission.ViewRoutes)
            .Where(j => j.CoordinatorId == caller.StaffId && j.Status != JourneyStatus.HandedOver)
            .ToListAsync(ct);
        return [.. (await DescribeAsync(caller, journeys, ct)).OrderBy(j => j.Date).ThenBy(j => j.Code, StringComparer.Ordinal)];
    }

    /// <summary>Every journey the caller may see that is not handed over, open ones first.</summary>
    public async Task<IReadOnlyList<JourneyView>> BoardAsync(StaffCaller caller, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var journeys = await access.Visible(db.Set<Journey>(), caller, Permission.ViewRoutes)
            .Where(j => j.Status != JourneyStatus.HandedOver).ToListAsync(ct);
        return [.. (await DescribeAsync(caller, journeys, ct)).OrderBy(j => j.Status == JourneyStatus.Arrived).ThenBy(j => j.Date).ThenBy(j => j.Code, StringComparer.Ordinal)];
    }

    /// <summary>Open compromise and incident alerts in the caller's compartments, newest first.</summary>
    public async Task<IReadOnlyList<JourneyAlertView>> OpenAlertsAsync(StaffCaller caller, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var alerts = await access.Visible(db.Set<JourneyAlert>().AsNoTracking(), caller, Permission.ViewRoutes)
            .Where(a => a.ResolvedAt == null).ToListAsync(ct);
        return [.. alerts.OrderByDescending(a => a.RaisedAt).Select(a => new JourneyAlertView(a.Kind, a.Subject, a.Summary, a.RaisedAt, a.Id))];
    }

    /// <summary>
    /// A field manager resolves an open alert of a compartment she holds (an audit event naming its subject). False
    /// when the caller is not a field manager, or the alert is unknown, hidden or already resolved: nothing changes.
    /// </summary>
    public async Task<bool> ResolveAlertAsync(StaffCaller caller, Guid id, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ManagePlan))
            return false;
        using var acting = scope.Use(caller);
        var alert = await access.Visible(db.Set<JourneyAlert>(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null || !alert.Resolve(time.GetUtcNow()))
            return false;
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "journey.alert.resolve", alert.Subject, alert.Kind.Slug()), ct);
        return true;
    }

    private async Task<List<JourneyView>> DescribeAsync(StaffCaller caller, IReadOnlyList<Journey> journeys, CancellationToken ct)
    {
        if (journeys.Count == 0)
            return [];
        using var acting = scope.Use(caller);
        var ids = journeys.Select(j => j.Id).ToList();
        var routeIds = journeys.Select(j => j.RouteId).ToList();
        var windowIds = journeys.Select(j => j.WindowId).ToList();
        var routes = await access.Visible(db.Set<Route>().AsNoTracking(), caller, Permission.ViewRoutes).Where(r => routeIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Code, ct);
        var windows = await access.Visible(db.Set<TravelWindow>().AsNoTracking(), caller, Permission.ViewRoutes).Where(w => windowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Code, ct);
        var groups = await access.Visible(db.Set<JourneyGroup>().AsNoTracking(), caller, Permission.ViewRoutes).Where(g => ids.Contains(g.JourneyId)).ToListAsync(ct);
        var people = await access.Visible(db.Set<JourneyPerson>().AsNoTracking(), caller, Permission.ViewRoutes).Where(g => ids.Contains(g.JourneyId)).ToListAsync(ct);
        var checkIns = await access.Visible(db.Set<JourneyCheckIn>().AsNoTracking(), caller, Permission.ViewRoutes).Where(g => ids.Contains(g.JourneyId)).ToListAsync(ct);
        var needs = await access.Visible(db.Set<JourneyNeed>().AsNoTracking(), caller, Permission.ViewRoutes).Where(g => ids.Contains(g.JourneyId)).ToListAsync(ct);
        var costs = await access.Visible(db.Set<JourneyCost>().AsNoTracking(), caller, Permission.ViewRoutes).Where(g => ids.Contains(g.JourneyId)).ToListAsync(ct);
        var compartments = await db.Compartments.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return [.. journeys.Select(j => new JourneyView(
            j.Code, compartments[j.CompartmentId],
            j.RouteId is { } r ? routes.GetValueOrDefault(r) : null,
            j.WindowId is { } w ? windows.GetValueOrDefault(w) : null,
            j.Date, j.Status, j.LegCount, j.CurrentLeg, j.CurrentLegDeparted, j.CoordinatorCode,
            [.. groups.Where(g => g.JourneyId == j.Id).Select(g => g.GroupCode).Order(StringComparer.Ordinal)],
            [.. people.Where(p => p.JourneyId == j.Id).Select(p => p.CaseCode).Order(StringComparer.Ordinal)],
            [.. checkIns.Where(c => c.JourneyId == j.Id).OrderBy(c => c.At).Select(c => new CheckInView(c.Leg, c.Status, c.Incident, c.Severity, c.By, c.At))],
            [.. needs.Where(n => n.JourneyId == j.Id).OrderBy(n => n.CaseCode, StringComparer.Ordinal).ThenBy(n => n.Need).Select(n => new NeedView(n.CaseCode, n.Need, n.TickedAt is not null))],
            [.. costs.Where(c => c.JourneyId == j.Id).OrderBy(c => c.At).Select(c => new CostView(c.Leg, c.AmountMinor, c.Currency, c.At))],
            j.PurgedAt is not null))];
    }
}
