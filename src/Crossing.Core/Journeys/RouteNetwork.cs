using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Journeys;

public sealed record LegView(int Order, string From, string To, IReadOnlyList<string> Partners);

public sealed record RouteStatusView(RouteStatus From, RouteStatus To, string Reason, DateTimeOffset At);

public sealed record RouteView(string Code, string Compartment, string Name, RouteStatus Status, IReadOnlyList<LegView> Legs, IReadOnlyList<RouteStatusView> History);

public sealed record WindowView(
    string Code, string Route, DateOnly Date, int Capacity, int Booked, WindowStatus Status, string Currency,
    long? MedianPerPersonMinor, long? P80PerPersonMinor, EstimateBasis Basis, string? Reason, int Samples);

/// <summary>A partner or safe house working a route: its code, role (partners only) and whether it is compromised. No identity.</summary>
public sealed record RouteMemberView(string Code, PartnerRole? Role, bool Compromised)
{
    public bool IsPartner => Code.StartsWith("P-", StringComparison.Ordinal);
}

/// <summary>What a compromise touches, by code, each list in code order.</summary>
public sealed record CompromiseResult(string Subject, IReadOnlyList<string> Routes, IReadOnlyList<string> Windows, IReadOnlyList<string> Journeys, IReadOnlyList<string> Groups);

/// <summary>
/// Partners, safe houses, routes and their travel windows, and compromise. Everything is read through
/// <see cref="AccessPolicy"/> with <see cref="Permission.ViewRoutes"/>; a record of another compartment is
/// answered exactly as an unknown one (null). Identity reads are audited one by one through <see cref="SealedReader"/>.
/// </summary>
public sealed class RouteNetwork(
    CrossingDbContext db, Vault vault, SealedReader reader, CompartmentBypass bypass, CallerScope scope, IAuditLog audit,
    AccessPolicy access, TimeProvider time, JourneyOptions options)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Partner> RecordPartnerAsync(StaffCaller caller, PartnerInput input, CancellationToken ct = default)
    {
        var (compartmentName, role, identity) = input.Validate();
        using var acting = scope.Use(caller);
        var compartment = await WritableCompartmentAsync(caller, compartmentName, ct);
        var everywhere = await bypass.OpenAsync(BypassReason.CodeUniqueness, caller.AuditActor, null, ct);
        var code = await PseudonymousCode.NewUniqueAsync('P', c => everywhere.Set<Partner>().AnyAsync(x => x.Code == c, ct));
        var id = PartnerId.New();
        using var key = vault.CreateRecordKey(Partner.EntityType, id.RecordId);
        var partner = Partner.Record(id, code, compartment, role, identity, key, time.GetUtcNow());
        db.Add(partner);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "partner.create", code), ct);
        return partner;
    }

    public async Task<SafeHouse> RecordSafeHouseAsync(StaffCaller caller, SafeHouseInput input, CancellationToken ct = default)
    {
        var (compartmentName, identity) = input.Validate();
        using var acting = scope.Use(caller);
        var compartment = await WritableCompartmentAsync(caller, compartmentName, ct);
        var everywhere = await bypass.OpenAsync(BypassReason.CodeUniqueness, caller.AuditActor, null, ct);
        var code = await PseudonymousCode.NewUniqueAsync('H', c => everywhere.Set<SafeHouse>().AnyAsync(x => x.Code == c, ct));
        var id = SafeHouseId.New();
        using var key = vault.CreateRecordKey(SafeHouse.EntityType, id.RecordId);
        var house = SafeHouse.Record(id, code, compartment, identity, key, time.GetUtcNow());
        db.Add(house);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "safe-house.create", code), ct);
        return house;
    }

    public async Task<Partner?> FindPartnerAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var normalised = code.Trim().ToUpperInvariant();
        if (!PseudonymousCode.IsWellFormed(normalised, 'P'))
            return null;
        using var acting = scope.Use(caller);
        return await access.Visible(db.Set<Partner>(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(p => p.Code == normalised, ct);
    }

    public async Task<SafeHouse?> FindSafeHouseAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var normalised = code.Trim().ToUpperInvariant();
        if (!PseudonymousCode.IsWellFormed(normalised, 'H'))
            return null;
        using var acting = scope.Use(caller);
        return await access.Visible(db.Set<SafeHouse>(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(p => p.Code == normalised, ct);
    }

    /// <summary>Opens who the partner is; every call is an audit event <c>partner.identity.read</c>.</summary>
    public async Task<PartnerIdentity?> ReadIdentityAsync(StaffCaller caller, Partner partner, CancellationToken ct = default)
    {
        if (!access.CanSee(partner, caller, Permission.ViewRoutes))
            return null;
        using var key = await reader.OpenIdentityAsync(caller, Partner.EntityType, partner.Id.RecordId, partner.Code, ct);
        return partner.OpenIdentity(key);
    }

    /// <summary>Opens the safe house's name, address and contact; every call is an audit event <c>safe-house.identity.read</c>.</summary>
    public async Task<SafeHouseIdentity?> ReadIdentityAsync(StaffCaller caller, SafeHouse house, CancellationToken ct = default)
    {
        if (!access.CanSee(house, caller, Permission.ViewRoutes))
            return null;
        using var key = await reader.OpenIdentityAsync(caller, SafeHouse.EntityType, house.Id.RecordId, house.Code, ct);
        return house.OpenIdentity(key);
    }

    public async Task<string> CompartmentNameAsync(CompartmentId id, CancellationToken ct = default) =>
        await db.Compartments.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).SingleAsync(ct);

    /// <summary>Opens a route of safe houses and partners of its own compartment; every code is checked before anything is written.</summary>
    public async Task<Route> OpenRouteAsync(StaffCaller caller, RouteInput input, CancellationToken ct = default)
    {
        var (compartmentName, name, legs) = input.Validate();
        using var acting = scope.Use(caller);
        var compartment = await WritableCompartmentAsync(caller, compartmentName, ct);
        var houseCodes = legs.SelectMany(l => new[] { l.From, l.To }).Distinct().ToList();
        var partnerCodes = legs.SelectMany(l => l.Partners).Distinct().ToList();
        var houses = await access.Visible(db.Set<SafeHouse>(), caller, Permission.ViewRoutes)
            .Where(h => houseCodes.Contains(h.Code) && h.CompartmentId == compartment).ToDictionaryAsync(h => h.Code, ct);
        var partners = await access.Visible(db.Set<Partner>(), caller, Permission.ViewRoutes)
            .Where(p => partnerCodes.Contains(p.Code) && p.CompartmentId == compartment).ToDictionaryAsync(p => p.Code, ct);
        var problems = new Problems();
        for (var i = 0; i < legs.Count; i++)
        {
            if (!houses.ContainsKey(legs[i].From))
                problems.Add(($"legs[{i}].from", JourneyProblem.Text["NoSafeHouse", legs[i].From, compartmentName]));
            if (!houses.ContainsKey(legs[i].To))
                problems.Add(($"legs[{i}].to", JourneyProblem.Text["NoSafeHouse", legs[i].To, compartmentName]));
            foreach (var (code, j) in legs[i].Partners.Select((c, j) => (c, j)))
            {
                if (!partners.TryGetValue(code, out var partner))
                    problems.Add(($"legs[{i}].partners[{j}]", JourneyProblem.Text["NoPartner", code, compartmentName]));
                else if (partner.CompromisedAt is not null)
                    problems.Add(($"legs[{i}].partners[{j}]", JourneyProblem.Text["PartnerCompromised", code]));
            }
            foreach (var house in new[] { legs[i].From, legs[i].To })
                if (houses.TryGetValue(house, out var h) && h.CompromisedAt is not null)
                    problems.Add(($"legs[{i}]", JourneyProblem.Text["SafeHouseCompromised", house]));
        }
        problems.ThrowIfAny();

        var everywhere = await bypass.OpenAsync(BypassReason.CodeUniqueness, caller.AuditActor, null, ct);
        var routeCode = await PseudonymousCode.NewUniqueAsync('R', c => everywhere.Set<Route>().AnyAsync(x => x.Code == c, ct));
        var route = Route.Open(routeCode, compartment, name, time.GetUtcNow());
        db.Add(route);
        for (var i = 0; i < legs.Count; i++)
        {
            var leg = RouteLeg.Between(route, i + 1, houses[legs[i].From], houses[legs[i].To]);
            db.Add(leg);
            foreach (var partner in legs[i].Partners)
                db.Add(RouteLegPartner.On(leg, partners[partner]));
        }
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "route.open", routeCode), ct);
        return route;
    }

    public async Task<Route?> FindRouteAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var normalised = code.Trim().ToUpperInvariant();
        if (!PseudonymousCode.IsWellFormed(normalised, 'R'))
            return null;
        using var acting = scope.Use(caller);
        return await access.Visible(db.Set<Route>(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(r => r.Code == normalised, ct);
    }

    public async Task<RouteView?> RouteAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var route = await FindRouteAsync(caller, code, ct);
        if (route is null)
            return null;
        using var acting = scope.Use(caller);
        return (await DescribeAsync(caller, [route], ct)).Single();
    }

    /// <summary>Every route the caller may see, by compartment and code.</summary>
    public async Task<IReadOnlyList<RouteView>> RoutesAsync(StaffCaller caller, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var routes = await access.Visible(db.Set<Route>().AsNoTracking(), caller, Permission.ViewRoutes).ToListAsync(ct);
        return [.. (await DescribeAsync(caller, routes, ct)).OrderBy(r => r.Compartment, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }

    private async Task<List<RouteView>> DescribeAsync(StaffCaller caller, IReadOnlyList<Route> routes, CancellationToken ct)
    {
        var ids = routes.Select(r => r.Id).ToList();
        var legs = await access.Visible(db.Set<RouteLeg>().AsNoTracking(), caller, Permission.ViewRoutes).Where(l => ids.Contains(l.RouteId)).ToListAsync(ct);
        var legPartners = await access.Visible(db.Set<RouteLegPartner>().AsNoTracking(), caller, Permission.ViewRoutes).Where(l => ids.Contains(l.RouteId)).ToListAsync(ct);
        var houseIds = legs.SelectMany(l => new[] { l.FromSafeHouseId, l.ToSafeHouseId }).Distinct().ToList();
        var houses = await access.Visible(db.Set<SafeHouse>().AsNoTracking(), caller, Permission.ViewRoutes).Where(h => houseIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Code, ct);
        var partnerIds = legPartners.Select(p => p.PartnerId).Distinct().ToList();
        var partners = await access.Visible(db.Set<Partner>().AsNoTracking(), caller, Permission.ViewRoutes).Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var history = await access.Visible(db.Set<RouteStatusChange>().AsNoTracking(), caller, Permission.ViewRoutes).Where(h => ids.Contains(h.RouteId)).ToListAsync(ct);
        var compartments = await db.Compartments.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return [.. routes.Select(r => new RouteView(
            r.Code, compartments[r.CompartmentId], r.Name, r.Status,
            [.. legs.Where(l => l.RouteId == r.Id).OrderBy(l => l.Order).Select(l => new LegView(
                l.Order, houses[l.FromSafeHouseId], houses[l.ToSafeHouseId],
                [.. legPartners.Where(p => p.LegId == l.Id).Select(p => partners[p.PartnerId]).Order(StringComparer.Ordinal)]))],
            [.. history.Where(h => h.RouteId == r.Id).OrderBy(h => h.At).Select(h => new RouteStatusView(h.From, h.To, h.Reason, h.At))]))];
    }

    /// <summary>
    /// Changes a visible route's status by hand with a reason kept in its history (null when the route is not
    /// visible). A route using a compromised partner or safe house cannot be opened again.
    /// </summary>
    public async Task<RouteView?> ChangeRouteStatusAsync(StaffCaller caller, string code, RouteStatusInput input, CancellationToken ct = default)
    {
        var route = await FindRouteAsync(caller, code, ct);
        if (route is null)
            return null;
        var (status, reason) = input.Validate();
        using var acting = scope.Use(caller);
        if (status == route.Status)
            throw new JourneyInputException("status", JourneyProblem.Text["RouteAlready", route.Code, status.Slug()]);
        if (status == RouteStatus.Open)
        {
            var compromised = (await MembersAsync(caller, route, ct)).Where(m => m.Compromised).Select(m => m.Code).ToList();
            if (compromised.Count > 0)
                throw new JourneyInputException("status", JourneyProblem.Text["RouteCompromised", route.Code, string.Join(", ", compromised)]);
        }
        var from = route.Status;
        db.Add(route.ChangeStatus(status, caller.AuditActor, reason, time.GetUtcNow())!);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "route.status", route.Code, $"{from.Slug()} to {status.Slug()}"), ct);
        return await RouteAsync(caller, route.Code, ct);
    }

    /// <summary>The partners and safe houses a visible route uses, partners first, each in code order (null when the route is not visible).</summary>
    public async Task<IReadOnlyList<RouteMemberView>?> MembersAsync(StaffCaller caller, string routeCode, CancellationToken ct = default)
    {
        var route = await FindRouteAsync(caller, routeCode, ct);
        if (route is null)
            return null;
        using var acting = scope.Use(caller);
        return await MembersAsync(caller, route, ct);
    }

    private async Task<IReadOnlyList<RouteMemberView>> MembersAsync(StaffCaller caller, Route route, CancellationToken ct)
    {
        var partners = await (from lp in access.Visible(db.Set<RouteLegPartner>().AsNoTracking(), caller, Permission.ViewRoutes)
                              join p in access.Visible(db.Set<Partner>().AsNoTracking(), caller, Permission.ViewRoutes) on lp.PartnerId equals p.Id
                              where lp.RouteId == route.Id
                              select new { p.Code, p.Role, p.CompromisedAt }).ToListAsync(ct);
        var legs = await access.Visible(db.Set<RouteLeg>().AsNoTracking(), caller, Permission.ViewRoutes).Where(l => l.RouteId == route.Id).ToListAsync(ct);
        var houseIds = legs.SelectMany(l => new[] { l.FromSafeHouseId, l.ToSafeHouseId }).Distinct().ToList();
        var houses = await access.Visible(db.Set<SafeHouse>().AsNoTracking(), caller, Permission.ViewRoutes).Where(h => houseIds.Contains(h.Id))
            .Select(h => new { h.Code, h.CompromisedAt }).ToListAsync(ct);
        return
        [
            .. partners.DistinctBy(p => p.Code).OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new RouteMemberView(p.Code, p.Role, p.CompromisedAt is not null)),
            .. houses.OrderBy(h => h.Code, StringComparer.Ordinal).Select(h => new RouteMemberView(h.Code, null, h.CompromisedAt is not null)),
        ];
    }

    /// <summary>
    /// Gives a window's per-person estimate by hand, with the reason recorded (costs swing); null when the route or
    /// the window is not visible. The audit event says <c>estimate given</c>.
    /// </summary>
    public async Task<WindowView?> GiveEstimateAsync(StaffCaller caller, string routeCode, string windowCode, EstimateInput input, CancellationToken ct = default)
    {
        var route = await FindRouteAsync(caller, routeCode, ct);
        var normalised = windowCode.Trim().ToUpperInvariant();
        if (route is null || !PseudonymousCode.IsWellFormed(normalised, 'W'))
            return null;
        using var acting = scope.Use(caller);
        var window = await access.Visible(db.Set<TravelWindow>(), caller, Permission.ViewRoutes).SingleOrDefaultAsync(w => w.Code == normalised && w.RouteId == route.Id, ct);
        if (window is null)
            return null;
        var (median, p80, reason) = input.Validate(window.Currency);
        window.GiveEstimate(median, p80, reason);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "window.estimate", window.Code, "estimate given"), ct);
        return (await WindowsAsync(caller, route.Code, ct))!.Single(w => w.Code == window.Code);
    }

    /// <summary>
    /// Adds a window to a visible route (null when the route is not visible). Without an estimate given by hand the
    /// per-person estimate is computed from the route's recent actual costs (<see cref="CostEstimate.FromSamples"/>).
    /// </summary>
    public async Task<TravelWindow?> AddWindowAsync(StaffCaller caller, string routeCode, WindowInput input, CancellationToken ct = default)
    {
        var route = await FindRouteAsync(caller, routeCode, ct);
        if (route is null)
            return null;
        var (date, capacity, currency, given) = input.Validate(Today);
        using var acting = scope.Use(caller);
        if (route.Status != RouteStatus.Open)
            throw new JourneyInputException("route", JourneyProblem.Text["WindowsOpenOnly", route.Code, route.Status.Slug()]);
        var estimate = given is { } g
            ? new CostEstimate(currency, g.Median, g.P80, EstimateBasis.Given, g.Reason, 0)
            : CostEstimate.FromSamples(currency, await PerPersonSamplesAsync(caller, route.Id, currency, ct));
        var everywhere = await bypass.OpenAsync(BypassReason.CodeUniqueness, caller.AuditActor, null, ct);
        var code = await PseudonymousCode.NewUniqueAsync('W', c => everywhere.Set<TravelWindow>().AnyAsync(x => x.Code == c, ct));
        var window = TravelWindow.Open(code, route, date, capacity, estimate, time.GetUtcNow());
        db.Add(window);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "window.open", code, estimate.Basis == EstimateBasis.Given ? "estimate given" : "ok"), ct);
        return window;
    }

    /// <summary>One sample per recent journey on the route with costs in the currency: its total divided by its people.</summary>
    private async Task<List<long>> PerPersonSamplesAsync(StaffCaller caller, RouteId route, string currency, CancellationToken ct)
    {
        var totals = await access.Visible(db.Set<JourneyCost>().AsNoTracking(), caller, Permission.ViewRoutes)
            .Where(c => c.RouteId == route && c.Currency == currency)
            .GroupBy(c => c.JourneyId)
            .Select(g => new { Journey = g.Key, Total = g.Sum(c => c.AmountMinor), Last = g.Max(c => c.At) })
            .ToListAsync(ct);
        var recent = totals.OrderByDescending(t => t.Last).Take(options.EstimateFromRecentJourneys).ToList();
        var journeyIds = recent.Select(r => r.Journey).ToList();
        var people = await access.Visible(db.Set<JourneyPerson>().AsNoTracking(), caller, Permission.ViewRoutes)
            .Where(p => journeyIds.Contains(p.JourneyId)).GroupBy(p => p.JourneyId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. recent.Select(r => (r.Total + Math.Max(1, people.GetValueOrDefault(r.Journey)) - 1) / Math.Max(1, people.GetValueOrDefault(r.Journey)))];
    }

    /// <summary>The windows of a visible route by date (null when the route is not visible).</summary>
    public async Task<IReadOnlyList<WindowView>?> WindowsAsync(StaffCaller caller, string routeCode, CancellationToken ct = default)
    {
        var route = await FindRouteAsync(caller, routeCode, ct);
        if (route is null)
            return null;
        using var acting = scope.Use(caller);
        var windows = await access.Visible(db.Set<TravelWindow>().AsNoTracking(), caller, Permission.ViewRoutes).Where(w => w.RouteId == route.Id).ToListAsync(ct);
        var ids = windows.Select(w => (WindowId?)w.Id).ToList();
        var booked = await (from j in access.Visible(db.Set<Journey>(), caller, Permission.ViewRoutes)
                            join p in access.Visible(db.Set<JourneyPerson>(), caller, Permission.ViewRoutes) on j.Id equals p.JourneyId
                            where ids.Contains(j.WindowId)
                            group p by j.WindowId into g
                            select new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return [.. windows.OrderBy(w => w.Date).ThenBy(w => w.Code, StringComparer.Ordinal).Select(w => new WindowView(
            w.Code, route.Code, w.Date, w.Capacity, booked.FirstOrDefault(b => b.Key == w.Id)?.Count ?? 0, w.Status, w.Currency,
            w.MedianPerPersonMinor, w.P80PerPersonMinor, w.Basis, w.EstimateReason, w.EstimateSamples))];
    }

    public async Task<CompromiseResult?> CompromisePartnerAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var partner = await FindPartnerAsync(caller, code, ct);
        if (partner is null)
            return null;
        using var acting = scope.Use(caller);
        partner.MarkCompromised(time.GetUtcNow());
        var routes = await access.Visible(db.Set<RouteLegPartner>(), caller, Permission.ViewRoutes)
            .Where(l => l.PartnerId == partner.Id).Select(l => l.RouteId).Distinct().ToListAsync(ct);
        return await CompromiseAsync(caller, partner.Code, partner.CompartmentId, "partner.compromise", routes, ct);
    }

    public async Task<CompromiseResult?> CompromiseSafeHouseAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var house = await FindSafeHouseAsync(caller, code, ct);
        if (house is null)
            return null;
        using var acting = scope.Use(caller);
        house.MarkCompromised(time.GetUtcNow());
        var routes = await access.Visible(db.Set<RouteLeg>(), caller, Permission.ViewRoutes)
            .Where(l => l.FromSafeHouseId == house.Id || l.ToSafeHouseId == house.Id).Select(l => l.RouteId).Distinct().ToListAsync(ct);
        return await CompromiseAsync(caller, house.Code, house.CompartmentId, "safe-house.compromise", routes, ct);
    }

    /// <summary>
    /// Lists and suspends in one unit of work: every route using the subject (open ones become suspended), every
    /// window of those routes dated today or later (open ones become suspended), every open journey on them and
    /// its family groups. One alert for the compartment's field managers, one audit event.
    /// </summary>
    private async Task<CompromiseResult> CompromiseAsync(StaffCaller caller, string subject, CompartmentId compartment, string action, List<RouteId> routeIds, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = Today;
        var routes = await access.Visible(db.Set<Route>(), caller, Permission.ViewRoutes).Where(r => routeIds.Contains(r.Id)).ToListAsync(ct);
        foreach (var route in routes.Where(r => r.Status == RouteStatus.Open))
            if (route.ChangeStatus(RouteStatus.Suspended, caller.AuditActor, "compromise:" + subject, now) is { } change)
                db.Add(change);
        var windows = await access.Visible(db.Set<TravelWindow>(), caller, Permission.ViewRoutes).Where(w => routeIds.Contains(w.RouteId) && w.Date >= today).ToListAsync(ct);
        foreach (var window in windows)
            window.Suspend();
        var nullableRoutes = routeIds.Select(r => (RouteId?)r).ToList();
        var journeys = await access.Visible(db.Set<Journey>(), caller, Permission.ViewRoutes)
            .Where(j => nullableRoutes.Contains(j.RouteId) && (j.Status == JourneyStatus.Planned || j.Status == JourneyStatus.UnderWay))
            .Select(j => new { j.Id, j.Code }).ToListAsync(ct);
        var journeyIds = journeys.Select(j => j.Id).ToList();
        var groups = await access.Visible(db.Set<JourneyGroup>(), caller, Permission.ViewRoutes).Where(g => journeyIds.Contains(g.JourneyId)).Select(g => g.GroupCode).Distinct().ToListAsync(ct);

        var result = new CompromiseResult(subject,
            [.. routes.Select(r => r.Code).Order(StringComparer.Ordinal)],
            [.. windows.Select(w => w.Code).Order(StringComparer.Ordinal)],
            [.. journeys.Select(j => j.Code).Order(StringComparer.Ordinal)],
            [.. groups.Order(StringComparer.Ordinal)]);
        var summary = $"routes {Join(result.Routes)}; windows {Join(result.Windows)}; journeys {Join(result.Journeys)}; groups {Join(result.Groups)}";
        db.Add(new JourneyAlert(compartment, AlertKind.Compromise, subject, summary.Length > 2000 ? summary[..1997] + "..." : summary, caller.AuditActor, now));
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, action, subject,
            $"routes {result.Routes.Count}, windows {result.Windows.Count}, journeys {result.Journeys.Count}, groups {result.Groups.Count}"), ct);
        return result;
    }

    private static string Join(IReadOnlyList<string> codes) => codes.Count == 0 ? "-" : string.Join(",", codes);

    private async Task<CompartmentId> WritableCompartmentAsync(StaffCaller caller, string name, CancellationToken ct)
    {
        var compartment = await db.Compartments.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, ct);
        if (compartment is null || !access.CanWriteIn(compartment.Id, caller, Permission.ViewRoutes))
            throw new JourneyAccessDeniedException();
        return compartment.Id;
    }
}
