using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Web.Cases;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crossing.Web.Resettlement;

/// <summary>
/// Family links, reunification alerts and consent. Case routes answer a case the caller may not see with the cases
/// API's own 404 (same bytes); an alert the caller may not see is answered as one that does not exist.
/// </summary>
public static class ResettlementEndpoints
{
    public const int MaxBodyBytes = 16 * 1024;

    public sealed record RelativeCreatedResponse(Guid Id, string Seeker, string Relation);

    public sealed record AlertResponse(Guid Id, string Seeker, string Candidate, string Relation, double Score);

    public sealed record AlertListResponse(IReadOnlyList<AlertResponse> Alerts);

    public sealed record RevokeRequest(string? Scope);

    public sealed record ConsentListResponse(IReadOnlyList<ConsentView> Consents);

    internal const string AlertNotFoundBody = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not found","status":404,"detail":"There is no alert with that id that you may see."}""";

    public static IEndpointRouteBuilder MapResettlementEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, CaseEndpoints.NotFound).WithTags("Resettlement");
        cases.MapPost("/{code}/relatives", AddRelativeAsync).Describe<ResettlementText>("AddRelative", request: new RelativeRequest("김순옥", "sister", 1990, "Hyesan"), response: new RelativeCreatedResponse(new Guid("3f2b8c1e-0d4a-4c55-9a1e-6b7d2c9e1f00"), "C-7K3Q", "sister"), status: StatusCodes.Status201Created);
        cases.MapPost("/{code}/consent", GrantConsentAsync).Describe<ResettlementText>("GrantConsent", request: new ConsentRequest("storytelling", "Spring", false, "2030-12-31"));
        cases.MapPost("/{code}/consent/revoke", RevokeConsentAsync).Describe<ResettlementText>("RevokeConsent", request: new RevokeRequest("storytelling"));
        cases.MapGet("/{code}/consent", ConsentHistoryAsync).Describe<ResettlementText>("ConsentHistory");

        cases.MapPost("/{code}/resettlement/start", StartAsync).Describe<ResettlementText>("StartResettlement", request: new StartRequest("2026-11-23", "S-4F2K"));
        cases.MapPost("/{code}/resettlement/reopen", ReopenAsync).Describe<ResettlementText>("ReopenResettlement", request: new StartRequest("2026-11-23", "S-4F2K"));
        cases.MapPost("/{code}/services", LogServiceAsync).Describe<ResettlementText>("LogResettlementService", request: new ServiceRequest("housing", "active", "S-4F2K", "2026-11-24", null, null));
        cases.MapPost("/{code}/contact-attempts", LogContactAsync).Describe<ResettlementText>("LogContactAttempt", request: new ContactRequest("phone", true));
        cases.MapPost("/{code}/follow-ups/{dueOn}/done", CompleteFollowUpAsync).Describe<ResettlementText>("CompleteFollowUp");
        cases.MapGet("/{code}/timeline", TimelineAsync).Describe<ResettlementText>("ResettlementTimeline");
        app.MapGet("/api/resettlement/due-this-week", DueThisWeekAsync).RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, CaseEndpoints.NotFound)
            .WithTags("Resettlement").Describe<ResettlementText>("FollowUpsDueThisWeek");
        app.MapGet("/api/resettlement/outcomes", async (CallerAccessor callers, OutcomeReport report, CancellationToken ct) =>
                TypedResults.Ok(new OutcomeResponse(OutcomeReport.SmallestShown, await report.BuildAsync(callers.Current, ct))))
            .RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, CaseEndpoints.NotFound)
            .WithTags("Resettlement").Describe<ResettlementText>("ResettlementOutcomes");

        var alerts = app.MapGroup("/api/reunification").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, AlertNotFound).WithTags("Resettlement");
        alerts.MapGet("/alerts", ListAlertsAsync).Describe<ResettlementText>("ReunificationAlerts");
        alerts.MapPost("/alerts/{id:guid}/confirm", (Guid id, CallerAccessor c, FamilyLinks f, CancellationToken ct) => DecideAsync(id, ReunificationDecision.Confirmed, c, f, ct))
            .Describe<ResettlementText>("ConfirmReunificationAlert");
        alerts.MapPost("/alerts/{id:guid}/dismiss", (Guid id, CallerAccessor c, FamilyLinks f, CancellationToken ct) => DecideAsync(id, ReunificationDecision.Dismissed, c, f, ct))
            .Describe<ResettlementText>("DismissReunificationAlert");
        return app;
    }

    private static async Task<IResult> AddRelativeAsync(string code, HttpRequest http, CallerAccessor callers, FamilyLinks links, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RelativeRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        try
        {
            var relative = await links.AddRelativeAsync(callers.Current, code, body!, ct);
            if (relative is null)
                return CaseEndpoints.NotFound();
            return TypedResults.Created($"/api/cases/{relative.SeekerCode}/relatives", new RelativeCreatedResponse(relative.Id.Value, relative.SeekerCode, relative.Relation));
        }
        catch (ResettlementInputException e)
        {
            return Invalid(e, ResettlementProblem.Text["RelativeNotRecorded"]);
        }
    }

    private static async Task<IResult> GrantConsentAsync(string code, HttpRequest http, CallerAccessor callers, ConsentRegistry consents, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ConsentRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        try
        {
            var view = await consents.GrantAsync(callers.Current, code, body!, ct);
            return view is null ? CaseEndpoints.NotFound() : TypedResults.Created($"/api/cases/{code.Trim().ToUpperInvariant()}/consent", view);
        }
        catch (ResettlementInputException e)
        {
            return Invalid(e, ResettlementProblem.Text["ConsentNotRecorded"]);
        }
    }

    private static async Task<IResult> RevokeConsentAsync(string code, HttpRequest http, CallerAccessor callers, ConsentRegistry consents, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RevokeRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        if (!ConsentScopes.TryParse(body!.Scope, out var scope))
            return Invalid(new ResettlementInputException("scope", ConsentScopes.Problem), ResettlementProblem.Text["NotRevoked"]);
        var revoked = await consents.RevokeAsync(callers.Current, code, scope, ct);
        return revoked is null ? CaseEndpoints.NotFound() : TypedResults.NoContent();
    }

    private static async Task<IResult> ConsentHistoryAsync(string code, CallerAccessor callers, ConsentRegistry consents, CancellationToken ct)
    {
        var history = await consents.HistoryAsync(callers.Current, code, ct);
        return history is null ? CaseEndpoints.NotFound() : TypedResults.Ok(new ConsentListResponse(history));
    }

    public sealed record OutcomeResponse(int SuppressedBelow, IReadOnlyList<OutcomeCell> Cells);

    public sealed record StartRequest(string? ArrivedOn, string? Responsible);

    public sealed record ContactRequest(string? Channel, bool? Reached);

    public sealed record FollowUpListResponse(IReadOnlyList<DueFollowUp> FollowUps);

    public sealed record TimelineResponse(IReadOnlyList<TimelineEntry> Entries);

    public sealed record ServiceCreatedResponse(Guid Id, string Case, string Kind, string Status, string Responsible);

    private static async Task<IResult> StartAsync(string code, HttpRequest http, CallerAccessor callers, ResettlementLog log, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<StartRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        return await Attempt(async () => await log.StartAsync(callers.Current, code, body!.ArrivedOn, body.Responsible, ct) is { } scheduled
            ? TypedResults.Created($"/api/cases/{code.Trim().ToUpperInvariant()}/timeline", new FollowUpListResponse(scheduled))
            : CaseEndpoints.NotFound(), ResettlementProblem.Text["NotStarted"]);
    }

    private static async Task<IResult> ReopenAsync(string code, HttpRequest http, CallerAccessor callers, ResettlementLog log, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<StartRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        return await Attempt(async () => await log.ReopenAsync(callers.Current, code, body!.Responsible, ct) is { } scheduled
            ? TypedResults.Ok(new FollowUpListResponse(scheduled))
            : CaseEndpoints.NotFound(), ResettlementProblem.Text["NotReopened"]);
    }

    private static async Task<IResult> LogServiceAsync(string code, HttpRequest http, CallerAccessor callers, ResettlementLog log, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ServiceRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        return await Attempt(async () => await log.LogServiceAsync(callers.Current, code, body!, ct) is { } s
            ? TypedResults.Created($"/api/cases/{s.CaseCode}/timeline", new ServiceCreatedResponse(s.Id, s.CaseCode, s.Kind.Slug(), s.Status.Slug(), s.ResponsibleStaff))
            : CaseEndpoints.NotFound(), ResettlementProblem.Text["ServiceNotRecorded"]);
    }

    private static async Task<IResult> LogContactAsync(string code, HttpRequest http, CallerAccessor callers, ResettlementLog log, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ContactRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        return await Attempt(async () => await log.LogContactAsync(callers.Current, code, body!.Channel, body.Reached ?? false, ct) is { } a
            ? TypedResults.Created($"/api/cases/{a.CaseCode}/timeline", new { id = a.Id })
            : CaseEndpoints.NotFound(), ResettlementProblem.Text["ContactNotRecorded"]);
    }

    private static async Task<IResult> CompleteFollowUpAsync(string code, string dueOn, CallerAccessor callers, ResettlementLog log, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(dueOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            return Invalid(new ResettlementInputException("dueOn", ResettlementProblem.Text["DueDateFormat"]), ResettlementProblem.Text["NotMarkedDone"]);
        return await log.CompleteFollowUpAsync(callers.Current, code, date, ct) switch
        {
            null => CaseEndpoints.NotFound(),
            false => Invalid(new ResettlementInputException("dueOn", ResettlementProblem.Text["NoFollowUpDue"]), ResettlementProblem.Text["NotMarkedDone"]),
            true => TypedResults.NoContent(),
        };
    }

    private static async Task<IResult> TimelineAsync(string code, CallerAccessor callers, ResettlementLog log, CancellationToken ct) =>
        await log.TimelineAsync(callers.Current, code, ct) is { } entries ? TypedResults.Ok(new TimelineResponse(entries)) : CaseEndpoints.NotFound();

    private static async Task<IResult> DueThisWeekAsync(CallerAccessor callers, ResettlementLog log, CancellationToken ct) =>
        TypedResults.Ok(new FollowUpListResponse(await log.DueThisWeekAsync(callers.Current, ct)));

    private static async Task<IResult> Attempt(Func<Task<IResult>> work, string title)
    {
        try
        {
            return await work();
        }
        catch (ResettlementInputException e)
        {
            return Invalid(e, title);
        }
    }

    private static async Task<IResult> ListAlertsAsync(CallerAccessor callers, FamilyLinks links, CancellationToken ct)
    {
        var alerts = await links.OpenAlertsAsync(callers.Current, ct);
        return TypedResults.Ok(new AlertListResponse([.. alerts.Select(a => new AlertResponse(a.Id, a.Seeker, a.Candidate, a.Relation, a.Score))]));
    }

    private static async Task<IResult> DecideAsync(Guid id, ReunificationDecision decision, CallerAccessor callers, FamilyLinks links, CancellationToken ct) =>
        await links.DecideAsync(callers.Current, id, decision, ct) ? TypedResults.NoContent() : AlertNotFound();

    internal static IResult AlertNotFound() => Results.Text(AlertNotFoundBody, "application/problem+json", statusCode: StatusCodes.Status404NotFound);

    internal static ValidationProblem Invalid(ResettlementInputException e, string title) =>
        TypedResults.ValidationProblem(
            e.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
            title: title,
            detail: ResettlementProblem.Text["InvalidFields", string.Join(", ", e.Problems.Select(p => p.Field).Distinct())]);
}
