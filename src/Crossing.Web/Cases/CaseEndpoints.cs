using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crossing.Web.Cases;

/// <summary>
/// The cases API. The caller comes from the token or cookie, never from the body. A case the caller may not see
/// gets exactly the same 404 (same bytes) as a code that does not exist; roles without case access get it for
/// every case route.
/// </summary>
public static class CaseEndpoints
{
    /// <summary>Intake bodies are small: 10,000-character notes are refused by validation, a megabyte never read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public sealed record MatchRequest(string? FullName, string? BirthDate)
    {
        public override string ToString() => "[match request]";
    }

    public sealed record StatusRequest(string? Status);

    public sealed record CreatedResponse(string Code);

    public sealed record MatchResponse(IReadOnlyList<MatchCandidate> Candidates);

    /// <param name="PossibleDuplicateElsewhere">Known only once the case exists: the field managers of both compartments were alerted.</param>
    public sealed record RecordedResponse(string Code, bool PossibleDuplicateElsewhere);

    public sealed record UrgencyResponse(int Score, DateOnly? Deadline, bool CloseToDeadline, IReadOnlyList<string> Reasons);

    public sealed record IdentityResponse(string FullName, string? BirthDate, string Sex, string? Hometown, string? Location, string? Contact, string? Notes);

    public sealed record CaseResponse(
        string Code, string Compartment, string Status, string FamilyGroup, UrgencyResponse Urgency, DateOnly WaitingSince, DateTimeOffset CreatedAt,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IdentityResponse? Identity);

    public sealed record CaseListResponse(IReadOnlyList<CaseResponse> Cases);

    /// <summary>The one body for "no such case here": fixed bytes, so nothing tells an unknown code from a hidden one.</summary>
    internal const string NotFoundBody = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not found","status":404,"detail":"There is no case with that code that you may see."}""";

    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        // Every route needs case access; without it the answer is the same 404 as for an unknown case.
        var cases = app.MapGroup("/api/cases").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, NotFound).WithTags("Cases");
        // The bodies are read by JsonBody (size-limited, no value echoed), so each route declares its body for the reference.
        cases.MapPost("", CreateAsync).ProducesValidationProblem()
            .Describe<CaseText>("CreateCase", request: ApiExamples.Intake, response: new RecordedResponse("C-7K3Q", false), status: StatusCodes.Status201Created);
        cases.MapPost("/match", MatchAsync).ProducesValidationProblem()
            .Describe<CaseText>("MatchCases", request: new MatchRequest("김지현", "1994-03"), response: ApiExamples.Matches);
        cases.MapGet("", ListAsync).Describe<CaseText>("ListCases", response: new CaseListResponse([ApiExamples.Case]));
        cases.MapGet("/{code}", GetAsync).Describe<CaseText>("GetCase", response: ApiExamples.Case);
        cases.MapPost("/{code}/status", ChangeStatusAsync).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .Describe<CaseText>("ChangeCaseStatus", request: new StatusRequest("travelling"));
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest http, CallerAccessor callers, CaseRegistry registry, TimeProvider time, Text<CaseText> l, CancellationToken ct)
    {
        var caller = callers.Current;
        var (body, problem) = await JsonBody.ReadAsync<CaseIntakeInput>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        try
        {
            var intake = body!.Validate(Today(time));
            var recorded = await registry.RecordAsync(caller, intake, ct);
            return TypedResults.Created($"/api/cases/{recorded.Code}", new RecordedResponse(recorded.Code, recorded.PossibleDuplicateElsewhere));
        }
        catch (CaseInputException e)
        {
            return Invalid(e, l);
        }
        catch (CaseAccessDeniedException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["Cases.Api.NotYourCompartment"],
                detail: l["Cases.Api.NotYourCompartment.Detail"]);
        }
    }

    private static async Task<IResult> MatchAsync(HttpRequest http, CallerAccessor callers, CaseMatcher matcher, TimeProvider time, Text<CaseText> l, CancellationToken ct)
    {
        var caller = callers.Current;
        var (body, problem) = await JsonBody.ReadAsync<MatchRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        var problems = new List<(string, string)>();
        if (Core.Cases.Names.KoreanNames.Problem(body!.FullName ?? "") is { } nameProblem)
            problems.Add(("fullName", nameProblem));
        BirthDate? birth = null;
        if (!string.IsNullOrWhiteSpace(body.BirthDate))
        {
            birth = BirthDate.Parse(body.BirthDate, Today(time), out var birthProblem);
            if (birthProblem is not null)
                problems.Add(("birthDate", birthProblem));
        }
        if (problems.Count > 0)
            return Invalid(new CaseInputException(problems), l);
        var result = await matcher.MatchAsync(caller, body.FullName!, birth, ct: ct);
        return TypedResults.Ok(new MatchResponse(result.Candidates));
    }

    private static async Task<IResult> ListAsync(string? status, string? compartment, CallerAccessor callers, CaseRegistry registry, Text<CaseText> l, CancellationToken ct)
    {
        var caller = callers.Current;
        CaseStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!CaseVocabulary.TryParseStatus(status, out var parsed))
                return Invalid(new CaseInputException("status", CaseVocabulary.StatusProblem), l);
            wanted = parsed;
        }
        var summaries = await registry.ListAsync(caller, new CaseFilter(compartment?.Trim().ToLowerInvariant(), wanted), withReasons: true, ct);
        return TypedResults.Ok(new CaseListResponse([.. summaries.Select(s => ToResponse(s, null))]));
    }

    private static async Task<IResult> GetAsync(string code, CallerAccessor callers, CaseRegistry registry, CancellationToken ct)
    {
        var caller = callers.Current;
        var found = await registry.FindAsync(caller, code, ct);
        if (found is null)
            return NotFound();
        var summary = await registry.SummaryAsync(caller, found.Code, ct);
        var identity = await registry.ReadIdentityAsync(caller, found, ct);
        return TypedResults.Ok(ToResponse(summary!, identity));
    }

    private static async Task<IResult> ChangeStatusAsync(string code, HttpRequest http, CallerAccessor callers, CaseRegistry registry, Text<CaseText> l, CancellationToken ct)
    {
        var caller = callers.Current;
        if (await registry.FindAsync(caller, code, ct) is null)
            return NotFound();
        var (body, problem) = await JsonBody.ReadAsync<StatusRequest>(http, MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        if (!CaseVocabulary.TryParseStatus(body!.Status, out var status))
            return Invalid(new CaseInputException("status", CaseVocabulary.StatusProblem), l);
        if (!await registry.ChangeStatusAsync(caller, code, status, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["Cases.Api.NotAllowed"], detail: l["Cases.Api.NotAllowed.Detail"]);
        return TypedResults.NoContent();
    }

    private static CaseResponse ToResponse(CaseSummary s, CaseIdentity? identity) => new(
        s.Code, s.Compartment, s.Status.Slug(), s.FamilyGroup,
        new UrgencyResponse(s.Score, s.Deadline, s.CloseToDeadline, [.. (s.Reasons ?? []).Select(r => TriageText.Describe(r, CultureInfo.CurrentUICulture))]),
        s.WaitingSince, s.CreatedAt,
        identity is null ? null : new IdentityResponse(identity.FullName, identity.BirthDate?.ToString(), identity.Sex.Letter(), identity.Hometown, identity.Location, identity.Contact, identity.Notes));

    public static IResult NotFound() => Results.Text(NotFoundBody, "application/problem+json", statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem Invalid(CaseInputException e, Text<CaseText> l) =>
        TypedResults.ValidationProblem(
            e.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
            title: l["Cases.Api.Invalid"],
            detail: l["Shell.Api.InvalidFields", string.Join(", ", e.Problems.Select(p => p.Field).Distinct())]);

    /// <summary>Example bodies for the API reference (made-up codes, no real person).</summary>
    private static class ApiExamples
    {
        public static readonly CaseIntakeInput Intake = new()
        {
            Compartment = "east", FullName = "김지현", BirthDate = "1994-03", Sex = "F", Hometown = "Hyesan", Location = "Shenyang",
            Status = "waiting", PregnancyWeeks = 24, PregnancyWeeksOn = "2026-11-20", DependentChildren = 1,
        };

        public static readonly MatchResponse Matches = new([new MatchCandidate("C-7K3Q", 0.93, true)]);

        public static readonly CaseResponse Case = new("C-7K3Q", "east", "waiting", "G-2M4P",
            new UrgencyResponse(62, new DateOnly(2027, 1, 15), false, []),
            new DateOnly(2026, 9, 1), new DateTimeOffset(2026, 9, 1, 8, 30, 0, TimeSpan.Zero), null);
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
