using System.Text.Json.Serialization;
using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crossing.Web.Journeys;

/// <summary>
/// The routes and journeys API. The caller comes from the token or cookie, never from the body. A partner, safe
/// house, route, window or journey of another compartment gets exactly the same 404 (same bytes) as an unknown
/// code; roles without route access get it for every route here.
/// </summary>
public static class JourneyEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public sealed record CreatedResponse(string Code);

    public sealed record PartnerResponse(string Code, string Compartment, string Role, bool Compromised, string Name, string? Contact, string? Notes);

    public sealed record SafeHouseResponse(string Code, string Compartment, bool Compromised, string Name, string Address, string? Contact);

    public sealed record LegResponse(int Order, string From, string To, IReadOnlyList<string> Partners);

    public sealed record StatusChangeResponse(string From, string To, string Reason, DateTimeOffset At);

    public sealed record RouteResponse(string Code, string Compartment, string Name, string Status, IReadOnlyList<LegResponse> Legs, IReadOnlyList<StatusChangeResponse> History);

    public sealed record RouteListResponse(IReadOnlyList<RouteResponse> Routes);

    public sealed record EstimateResponse(string Currency, decimal? MedianPerPerson, decimal? P80PerPerson, string Basis, string? Reason, int Samples);

    public sealed record WindowResponse(string Code, string Route, DateOnly Date, int Capacity, int Booked, string Status, EstimateResponse Estimate);

    public sealed record WindowListResponse(IReadOnlyList<WindowResponse> Windows);

    public sealed record CheckInResponse(int Leg, string Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Incident,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Severity, string By, DateTimeOffset At);

    public sealed record NeedResponse(string Person, string Need, bool Ticked);

    public sealed record CostResponse(int? Leg, decimal Amount, string Currency, DateTimeOffset At);

    public sealed record JourneyResponse(
        string Code, string Compartment, string? Route, string? Window, DateOnly Date, string Status, int Legs, int CurrentLeg, bool CurrentLegDeparted,
        string Coordinator, IReadOnlyList<string> Groups, IReadOnlyList<string> People, IReadOnlyList<CheckInResponse> CheckIns,
        IReadOnlyList<NeedResponse> Needs, IReadOnlyList<CostResponse> Costs, IReadOnlyDictionary<string, decimal> TotalCost, bool Purged);

    public sealed record JourneyListResponse(IReadOnlyList<JourneyResponse> Journeys);

    public sealed record AffectedResponse(IReadOnlyList<string> Routes, IReadOnlyList<string> Windows, IReadOnlyList<string> Journeys, IReadOnlyList<string> Groups);

    public sealed record CompromiseResponse(AffectedResponse Affected);

    /// <summary>The one body for "no such record here": fixed bytes, so nothing tells an unknown code from a hidden one.</summary>
    internal const string NotFoundBody = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not found","status":404,"detail":"There is no record with that code that you may see."}""";

    public static IEndpointRouteBuilder MapJourneyEndpoints(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/partners").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewRoutes, NotFound).WithTags("Routes");
        partners.MapPost("", RecordPartnerAsync)
            .Describe<JourneyText>("CreatePartner", request: new PartnerInput { Compartment = "east", Name = "박영호", Role = "driver", Contact = "+86 139 0000 0000", Notes = "Drives at night only." }, response: new CreatedResponse("P-4T7Q"), status: StatusCodes.Status201Created);
        partners.MapGet("/{code}", GetPartnerAsync).Describe<JourneyText>("GetPartner");
        partners.MapPost("/{code}/compromise", CompromisePartnerAsync).Describe<JourneyText>("CompromisePartner", response: ApiExamples.Compromise);

        var houses = app.MapGroup("/api/safe-houses").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewRoutes, NotFound).WithTags("Routes");
        houses.MapPost("", RecordSafeHouseAsync)
            .Describe<JourneyText>("CreateSafeHouse", request: new SafeHouseInput { Compartment = "east", Name = "River house", Address = "12 Riverside Road, Shenyang", Contact = "+86 139 0000 0001" }, response: new CreatedResponse("H-8M2C"), status: StatusCodes.Status201Created);
        houses.MapGet("/{code}", GetSafeHouseAsync).Describe<JourneyText>("GetSafeHouse");
        houses.MapPost("/{code}/compromise", CompromiseSafeHouseAsync).Describe<JourneyText>("CompromiseSafeHouse", response: ApiExamples.Compromise);

        var routes = app.MapGroup("/api/routes").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewRoutes, NotFound).WithTags("Routes");
        routes.MapPost("", OpenRouteAsync)
            .Describe<JourneyText>("CreateRoute", request: new RouteInput { Compartment = "east", Name = "Northern", Legs = [new LegInput { From = "H-8M2C", To = "H-3K9V", Partners = ["P-4T7Q"] }] }, response: new CreatedResponse("R-2345"), status: StatusCodes.Status201Created);
        routes.MapGet("", ListRoutesAsync).Describe<JourneyText>("ListRoutes");
        routes.MapGet("/{code}", GetRouteAsync).Describe<JourneyText>("GetRoute");
        routes.MapPost("/{code}/windows", AddWindowAsync)
            .Describe<JourneyText>("CreateTravelWindow", request: new WindowInput { Date = "2027-01-10", Capacity = 6, Currency = "USD", MedianPerPerson = 1800m, P80PerPerson = 2400m, Reason = "Broker's quote for January." }, status: StatusCodes.Status201Created);
        routes.MapGet("/{code}/windows", ListWindowsAsync).Describe<JourneyText>("ListTravelWindows");
        routes.MapPost("/{code}/status", ChangeRouteStatusAsync)
            .Describe<JourneyText>("ChangeRouteStatus", request: new RouteStatusInput { Status = "suspended", Reason = "Checkpoint reported on leg 2." });
        routes.MapPost("/{code}/windows/{window}/estimate", GiveEstimateAsync)
            .Describe<JourneyText>("GiveTravelWindowEstimate", request: new EstimateInput { MedianPerPerson = 1900m, P80PerPerson = 2600m, Reason = "Driver raised the price after the holiday." });

        var journeys = app.MapGroup("/api/journeys").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewRoutes, NotFound).WithTags("Journeys");
        journeys.MapPost("", PlanJourneyAsync)
            .Describe<JourneyText>("CreateJourney", request: new JourneyInput { Route = "R-2345", Window = "W-6B8D", Groups = ["G-2M4P"] }, response: new CreatedResponse("J-9X4A"), status: StatusCodes.Status201Created);
        journeys.MapGet("", BoardAsync).Describe<JourneyText>("ListJourneys");
        journeys.MapGet("/{code}", GetJourneyAsync).Describe<JourneyText>("GetJourney");
        journeys.MapPost("/{code}/check-ins", CheckInAsync).Describe<JourneyText>("CheckIn", request: new CheckInInput { Leg = 1, Status = "incident", Incident = "partner-no-show", Severity = "high" });
        journeys.MapPost("/{code}/costs", RecordCostAsync)
            .Describe<JourneyText>("RecordJourneyCost", request: new CostInput { Leg = 1, Amount = 350.00m, Currency = "USD" }, status: StatusCodes.Status201Created);
        journeys.MapPost("/{code}/needs", (string code, HttpRequest http, CallerAccessor callers, JourneyLog log, CancellationToken ct) => NeedAsync(code, http, callers, log, false, ct))
            .Describe<JourneyText>("AddJourneyNeed", request: new NeedInput { Person = "C-7K3Q", Need = "medicine" });
        journeys.MapPost("/{code}/needs/tick", (string code, HttpRequest http, CallerAccessor callers, JourneyLog log, CancellationToken ct) => NeedAsync(code, http, callers, log, true, ct))
            .Describe<JourneyText>("TickJourneyNeed", request: new NeedInput { Person = "C-7K3Q", Need = "medicine" });
        journeys.MapPost("/{code}/hand-over", HandOverAsync).Describe<JourneyText>("HandOverJourney");
        return app;
    }

    /// <summary>Example bodies for the API reference (made-up codes).</summary>
    private static class ApiExamples
    {
        public static readonly CompromiseResponse Compromise = new(new AffectedResponse(["R-2345"], ["W-6B8D"], ["J-9X4A"], ["G-2M4P"]));
    }

    private static async Task<IResult> RecordPartnerAsync(HttpRequest http, CallerAccessor callers, RouteNetwork network, CancellationToken ct) =>
        await WithBodyAsync<PartnerInput>(http, async body =>
        {
            var partner = await network.RecordPartnerAsync(callers.Current, body, ct);
            return TypedResults.Created($"/api/partners/{partner.Code}", new CreatedResponse(partner.Code));
        }, ct);

    private static async Task<IResult> GetPartnerAsync(string code, CallerAccessor callers, RouteNetwork network, CancellationToken ct)
    {
        var partner = await network.FindPartnerAsync(callers.Current, code, ct);
        var identity = partner is null ? null : await network.ReadIdentityAsync(callers.Current, partner, ct);
        if (partner is null || identity is null)
            return NotFound();
        return TypedResults.Ok(new PartnerResponse(partner.Code, await network.CompartmentNameAsync(partner.CompartmentId, ct), partner.Role.Slug(),
            partner.CompromisedAt is not null, identity.Name, identity.Contact, identity.Notes));
    }

    private static async Task<IResult> RecordSafeHouseAsync(HttpRequest http, CallerAccessor callers, RouteNetwork network, CancellationToken ct) =>
        await WithBodyAsync<SafeHouseInput>(http, async body =>
        {
            var house = await network.RecordSafeHouseAsync(callers.Current, body, ct);
            return TypedResults.Created($"/api/safe-houses/{house.Code}", new CreatedResponse(house.Code));
        }, ct);

    private static async Task<IResult> GetSafeHouseAsync(string code, CallerAccessor callers, RouteNetwork network, CancellationToken ct)
    {
        var house = await network.FindSafeHouseAsync(callers.Current, code, ct);
        var identity = house is null ? null : await network.ReadIdentityAsync(callers.Current, house, ct);
        if (house is null || identity is null)
            return NotFound();
        return TypedResults.Ok(new SafeHouseResponse(house.Code, await network.CompartmentNameAsync(house.CompartmentId, ct),
            house.CompromisedAt is not null, identity.Name, identity.Address, identity.Contact));
    }

    private static async Task<IResult> CompromisePartnerAsync(string code, CallerAccessor callers, RouteNetwork network, CancellationToken ct) =>
        Compromised(await network.CompromisePartnerAsync(callers.Current, code, ct));

    private static async Task<IResult> CompromiseSafeHouseAsync(string code, CallerAccessor callers, RouteNetwork network, CancellationToken ct) =>
        Compromised(await network.CompromiseSafeHouseAsync(callers.Current, code, ct));

    private static IResult Compromised(CompromiseResult? result) =>
        result is null ? NotFound() : TypedResults.Ok(new CompromiseResponse(new AffectedResponse(result.Routes, result.Windows, result.Journeys, result.Groups)));

    private static async Task<IResult> OpenRouteAsync(HttpRequest http, CallerAccessor callers, RouteNetwork network, CancellationToken ct) =>
        await WithBodyAsync<RouteInput>(http, async body =>
        {
            var route = await network.OpenRouteAsync(callers.Current, body, ct);
            return TypedResults.Created($"/api/routes/{route.Code}", new CreatedResponse(route.Code));
        }, ct);

    private static async Task<IResult> ListRoutesAsync(CallerAccessor callers, RouteNetwork network, CancellationToken ct) =>
        TypedResults.Ok(new RouteListResponse([.. (await network.RoutesAsync(callers.Current, ct)).Select(ToResponse)]));

    private static async Task<IResult> GetRouteAsync(string code, CallerAccessor callers, RouteNetwork network, CancellationToken ct) =>
        await network.RouteAsync(callers.Current, code, ct) is { } route ? TypedResults.Ok(ToResponse(route)) : NotFound();

    private static async Task<IResult> AddWindowAsync(string code, HttpRequest http, CallerAccessor callers, RouteNetwork network, CancellationToken ct)
    {
        if (await network.FindRouteAsync(callers.Current, code, ct) is null)
            return NotFound();
        return await WithBodyAsync<WindowInput>(http, async body =>
        {
            var window = await network.AddWindowAsync(callers.Current, code, body, ct);
            if (window is null)
                return NotFound();
            var view = (await network.WindowsAsync(callers.Current, code, ct))!.Single(w => w.Code == window.Code);
            return TypedResults.Created($"/api/routes/{view.Route}/windows", ToResponse(view));
        }, ct);
    }

    private static async Task<IResult> ListWindowsAsync(string code, CallerAccessor callers, RouteNetwork network, CancellationToken ct) =>
        await network.WindowsAsync(callers.Current, code, ct) is { } windows ? TypedResults.Ok(new WindowListResponse([.. windows.Select(ToResponse)])) : NotFound();

    private static async Task<IResult> ChangeRouteStatusAsync(string code, HttpRequest http, CallerAccessor callers, RouteNetwork network, CancellationToken ct)
    {
        if (await network.FindRouteAsync(callers.Current, code, ct) is null)
            return NotFound();
        return await WithBodyAsync<RouteStatusInput>(http, async body =>
            await network.ChangeRouteStatusAsync(callers.Current, code, body, ct) is { } route ? TypedResults.Ok(ToResponse(route)) : NotFound(), ct);
    }

    private static async Task<IResult> GiveEstimateAsync(string code, string window, HttpRequest http, CallerAccessor callers, RouteNetwork network, CancellationToken ct)
    {
        if (await network.WindowsAsync(callers.Current, code, ct) is not { } windows || !windows.Any(w => w.Code == window.Trim().ToUpperInvariant()))
            return NotFound();
        return await WithBodyAsync<EstimateInput>(http, async body =>
            await network.GiveEstimateAsync(callers.Current, code, window, body, ct) is { } view ? TypedResults.Ok(ToResponse(view)) : NotFound(), ct);
    }

    private static async Task<IResult> PlanJourneyAsync(HttpRequest http, CallerAccessor callers, JourneyLog log, CancellationToken ct) =>
        await WithBodyAsync<JourneyInput>(http, async body =>
        {
            var journey = await log.PlanAsync(callers.Current, body, ct);
            return TypedResults.Created($"/api/journeys/{journey.Code}", new CreatedResponse(journey.Code));
        }, ct);

    private static async Task<IResult> BoardAsync(CallerAccessor callers, JourneyLog log, CancellationToken ct) =>
        TypedResults.Ok(new JourneyListResponse([.. (await log.BoardAsync(callers.Current, ct)).Select(ToResponse)]));

    private static async Task<IResult> GetJourneyAsync(string code, CallerAccessor callers, JourneyLog log, CancellationToken ct) =>
        await log.ViewAsync(callers.Current, code, ct) is { } journey ? TypedResults.Ok(ToResponse(journey)) : NotFound();

    private static async Task<IResult> CheckInAsync(string code, HttpRequest http, CallerAccessor callers, JourneyLog log, CancellationToken ct)
    {
        if (await log.FindAsync(callers.Current, code, ct) is null)
            return NotFound();
        return await WithBodyAsync<CheckInInput>(http, async body =>
            await log.CheckInAsync(callers.Current, code, body, ct) is { } journey ? TypedResults.Ok(ToResponse(journey)) : NotFound(), ct);
    }

    private static async Task<IResult> RecordCostAsync(string code, HttpRequest http, CallerAccessor callers, JourneyLog log, CancellationToken ct)
    {
        if (await log.FindAsync(callers.Current, code, ct) is null)
            return NotFound();
        return await WithBodyAsync<CostInput>(http, async body =>
        {
            var header = http.Headers[IdempotencyKeyHeader].ToString();
            if (header.Length > 0 && body.Key is not null && body.Key != header)
                throw new JourneyInputException("key", JourneyProblem.Text["KeyDiffers", IdempotencyKeyHeader]);
            if (header.Length > 0)
                body.Key = header;
            return await log.RecordCostAsync(callers.Current, code, body, ct) is { } cost
                ? TypedResults.Created($"/api/journeys/{code}", new CostResponse(cost.Leg, Currencies.FromMinor(cost.AmountMinor, cost.Currency), cost.Currency, cost.At))
                : NotFound();
        }, ct);
    }

    private static async Task<IResult> NeedAsync(string code, HttpRequest http, CallerAccessor callers, JourneyLog log, bool tick, CancellationToken ct)
    {
        if (await log.FindAsync(callers.Current, code, ct) is null)
            return NotFound();
        return await WithBodyAsync<NeedInput>(http, async body =>
            await log.NeedAsync(callers.Current, code, body, tick, ct) is { } journey ? TypedResults.Ok(ToResponse(journey)) : NotFound(), ct);
    }

    private static async Task<IResult> HandOverAsync(string code, CallerAccessor callers, JourneyLog log, CancellationToken ct)
    {
        try
        {
            return await log.HandOverAsync(callers.Current, code, ct) is { } journey ? TypedResults.Ok(ToResponse(journey)) : NotFound();
        }
        catch (JourneyInputException e)
        {
            return Invalid(e);
        }
    }

    /// <summary>Reads the body, runs the action, and turns this module's input and access errors into their answers.</summary>
    private static async Task<IResult> WithBodyAsync<T>(HttpRequest http, Func<T, Task<IResult>> action, CancellationToken ct) where T : class
    {
        var (body, problem) = await JsonBody.ReadAsync<T>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        try
        {
            return await action(body!);
        }
        catch (JourneyInputException e)
        {
            return Invalid(e);
        }
        catch (RescueFundTooLowException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: e.Title, detail: e.Detail,
                extensions: new Dictionary<string, object?>
                {
                    ["fund"] = e.Fund, ["currency"] = e.Currency,
                    ["held"] = Currencies.FromMinor(e.HeldMinor, e.Currency), ["shortfall"] = Currencies.FromMinor(e.ShortfallMinor, e.Currency),
                });
        }
        catch (JourneyAccessDeniedException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your compartment",
                detail: "You may not record routes in that compartment.");
        }
    }

    private static RouteResponse ToResponse(RouteView r) => new(
        r.Code, r.Compartment, r.Name, r.Status.Slug(),
        [.. r.Legs.Select(l => new LegResponse(l.Order, l.From, l.To, l.Partners))],
        [.. r.History.Select(h => new StatusChangeResponse(h.From.Slug(), h.To.Slug(), h.Reason, h.At))]);

    private static WindowResponse ToResponse(WindowView w) => new(
        w.Code, w.Route, w.Date, w.Capacity, w.Booked, w.Status.Slug(),
        new EstimateResponse(w.Currency,
            w.MedianPerPersonMinor is { } m ? Currencies.FromMinor(m, w.Currency) : null,
            w.P80PerPersonMinor is { } p ? Currencies.FromMinor(p, w.Currency) : null,
            w.Basis.Slug(), w.Reason, w.Samples));

    private static JourneyResponse ToResponse(JourneyView j) => new(
        j.Code, j.Compartment, j.Route, j.Window, j.Date, j.Status.Slug(), j.LegCount, j.CurrentLeg, j.CurrentLegDeparted, j.Coordinator, j.Groups, j.People,
        [.. j.CheckIns.Select(c => new CheckInResponse(c.Leg, c.Status.Slug(), c.Incident?.Slug(), c.Severity?.Slug(), c.By, c.At))],
        [.. j.Needs.Select(n => new NeedResponse(n.Person, n.Need.Slug(), n.Ticked))],
        [.. j.Costs.Select(c => new CostResponse(c.Leg, Currencies.FromMinor(c.AmountMinor, c.Currency), c.Currency, c.At))],
        j.TotalCost.ToDictionary(t => t.Key, t => Currencies.FromMinor(t.Value, t.Key)),
        j.Purged);

    internal static IResult NotFound() => Results.Text(NotFoundBody, "application/problem+json", statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem Invalid(JourneyInputException e) =>
        TypedResults.ValidationProblem(
            e.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
            title: JourneyProblem.Text["NothingChanged"],
            detail: JourneyProblem.Text["InvalidFields", string.Join(", ", e.Problems.Select(p => p.Field).Distinct())]);
}
