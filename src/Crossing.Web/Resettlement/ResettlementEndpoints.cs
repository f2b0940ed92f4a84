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
        cases.MapPost("/{code}/relatives", AddRelativeAsync).WithName("AddRelative")
            .WithSummary("Records a relative the person hopes to find (sealed in the vault). A surname alone is refused. May raise reunification alerts, which name only case codes.");
        cases.MapPost("/{code}/consent", GrantConsentAsync).WithName("GrantConsent")
            .WithSummary("Records what the person agreed to for one scope (contact, storytelling, partners, photos), dated, until a date or revoked.");
        cases.MapPost("/{code}/consent/revoke", RevokeConsentAsync).WithName("RevokeConsent")
            .WithSummary("Revokes the scope's consent at once.");
        cases.MapGet("/{code}/consent", ConsentHistoryAsync).WithName("ConsentHistory")
            .WithSummary("Every consent of the person with its dates, newest first; pseudonyms stay sealed.");

        var alerts = app.MapGroup("/api/reunification").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, AlertNotFound).WithTags("Resettlement");
        alerts.MapGet("/alerts", ListAlertsAsync).WithName("ReunificationAlerts")
            .WithSummary("Open reunification alerts: the seeker's code, the candidate's code, the relation and a score. For resettlement staff of the seeker's compartment and field managers of the candidate's.");
        alerts.MapPost("/alerts/{id:guid}/confirm", (Guid id, CallerAccessor c, FamilyLinks f, CancellationToken ct) => DecideAsync(id, ReunificationDecision.Confirmed, c, f, ct))
            .WithName("ConfirmReunificationAlert").WithSummary("Records that the two people are family (an audit event on both codes).");
        alerts.MapPost("/alerts/{id:guid}/dismiss", (Guid id, CallerAccessor c, FamilyLinks f, CancellationToken ct) => DecideAsync(id, ReunificationDecision.Dismissed, c, f, ct))
            .WithName("DismissReunificationAlert").WithSummary("Records that the two people are not family (an audit event on both codes).");
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
            return Invalid(e, "The relative was not recorded: correct the fields named below.");
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
            return Invalid(e, "The consent was not recorded: correct the fields named below.");
        }
    }

    private static async Task<IResult> RevokeConsentAsync(string code, HttpRequest http, CallerAccessor callers, ConsentRegistry consents, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RevokeRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        if (!ConsentScopes.TryParse(body!.Scope, out var scope))
            return Invalid(new ResettlementInputException("scope", ConsentScopes.Problem), "Nothing was revoked: correct the fields named below.");
        var revoked = await consents.RevokeAsync(callers.Current, code, scope, ct);
        return revoked is null ? CaseEndpoints.NotFound() : TypedResults.NoContent();
    }

    private static async Task<IResult> ConsentHistoryAsync(string code, CallerAccessor callers, ConsentRegistry consents, CancellationToken ct)
    {
        var history = await consents.HistoryAsync(callers.Current, code, ct);
        return history is null ? CaseEndpoints.NotFound() : TypedResults.Ok(new ConsentListResponse(history));
    }

    private static async Task<IResult> ListAlertsAsync(CallerAccessor callers, FamilyLinks links, CancellationToken ct)
    {
        var alerts = await links.OpenAlertsAsync(callers.Current, ct);
        return TypedResults.Ok(new AlertListResponse([.. alerts.Select(a => new AlertResponse(a.Id, a.Seeker, a.Candidate, a.Relation, a.Score))]));
    }

    private static async Task<IResult> DecideAsync(Guid id, ReunificationDecision decision, CallerAccessor callers, FamilyLinks links, CancellationToken ct) =>
        await links.DecideAsync(callers.Current, id, decision, ct) ? TypedResults.NoContent() : AlertNotFound();

    internal static IResult AlertNotFound() => Results.Text(AlertNotFoundBody, "application/problem+json", statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem Invalid(ResettlementInputException e, string title) =>
        TypedResults.ValidationProblem(
            e.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
            title: title,
            detail: "Invalid: " + string.Join(", ", e.Problems.Select(p => p.Field).Distinct()));
}
