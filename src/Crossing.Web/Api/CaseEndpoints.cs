using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crossing.Web.Api;

/// <summary>
/// The cases API. The caller comes from the token or cookie, never from the body. A case the caller may not see
/// gets exactly the same 404 (same bytes) as a code that does not exist; roles without case access get it for
/// every case route.
/// </summary>
public static class CaseEndpoints
{
    /// <summary>Intake bodies are small: 10,000-character notes are refused by validation, a megabyte never read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public sealed record CaseRequest(
        string? Compartment,
        string? FullName,
        string? BirthDate,
        string? Sex,
        string? Hometown,
        string? Location,
        string? Contact,
        string? Notes,
        string? Status,
        string? FamilyGroup,
        string? WaitingSince,
        int? PregnancyWeeks,
        string? PregnancyWeeksOn,
        string? Illness,
        string? IllnessTreatmentBy,
        bool? ViolenceAtHome,
        bool? Confined,
        string? ArrestRisk,
        int? DependentChildren)
    {
        public CaseIntakeInput ToInput() => new()
        {
            Compartment = Compartment, FullName = FullName, BirthDate = BirthDate, Sex = Sex, Hometown = Hometown, Location = Location,
            Contact = Contact, Notes = Notes, Status = Status, FamilyGroup = FamilyGroup, WaitingSince = WaitingSince,
            PregnancyWeeks = PregnancyWeeks, PregnancyWeeksOn = PregnancyWeeksOn, Illness = Illness, IllnessTreatmentBy = IllnessTreatmentBy,
            ViolenceAtHome = ViolenceAtHome, Confined = Confined, ArrestRisk = ArrestRisk, DependentChildren = DependentChildren,
        };

        public override string ToString() => "[case request]";
    }

    public sealed record MatchRequest(string? FullName, string? BirthDate)
    {
        public override string ToString() => "[match request]";
    }

    public sealed record StatusRequest(string? Status);

    public sealed record CreatedResponse(string Code);

    public sealed record MatchResponse(IReadOnlyList<MatchCandidate> Candidates, bool PossibleDuplicateElsewhere, string? Message);

    public sealed record UrgencyResponse(int Score, DateOnly? Deadline, bool CloseToDeadline, IReadOnlyList<string> Reasons);

    public sealed record IdentityResponse(string FullName, string? BirthDate, string Sex, string? Hometown, string? Location, string? Contact, string? Notes);

    public sealed record CaseResponse(
        string Code, string Compartment, string Status, string FamilyGroup, UrgencyResponse Urgency, DateOnly WaitingSince, DateTimeOffset CreatedAt,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IdentityResponse? Identity);

    public sealed record CaseListResponse(IReadOnlyList<CaseResponse> Cases);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The one body for "no such case here": fixed bytes, so nothing tells an unknown code from a hidden one.</summary>
    internal const string NotFoundBody = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not found","status":404,"detail":"There is no case with that code that you may see."}""";

    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").RequireAuthorization(Policies.Staff).WithTags("Cases");
        cases.MapPost("", CreateAsync).WithName("CreateCase")
            .WithSummary("Records a case. Identity fields go straight into the vault; answers with the case's pseudonymous code.");
        cases.MapPost("/match", MatchAsync).WithName("MatchCases")
            .WithSummary("Possible duplicates among the cases the caller may see, best first. A likely duplicate elsewhere is only reported as such.");
        cases.MapGet("", ListAsync).WithName("ListCases")
            .WithSummary("Cases the caller may see, most urgent first. No identity fields.");
        cases.MapGet("/{code}", GetAsync).WithName("GetCase")
            .WithSummary("One case; identity fields only with the identity permission, and each such read is audited.");
        cases.MapPost("/{code}/status", ChangeStatusAsync).WithName("ChangeCaseStatus")
            .WithSummary("Moves a case to another status (contacted, waiting, travelling, arrived, resettling, closed).");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest http, CallerAccessor callers, CaseRegistry registry, TimeProvider time, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewCases))
            return NotFound();
        var (body, problem) = await ReadAsync<CaseRequest>(http, ct);
        if (problem is not null)
            return problem;
        try
        {
            var intake = body!.ToInput().Validate(Today(time));
            var record = await registry.RecordAsync(caller, intake, ct);
            return TypedResults.Created($"/api/cases/{record.Code}", new CreatedResponse(record.Code));
        }
        catch (CaseInputException e)
        {
            return Invalid(e);
        }
        catch (CaseAccessDeniedException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your compartment",
                detail: "You may not record cases in that compartment.");
        }
    }

    private static async Task<IResult> MatchAsync(HttpRequest http, CallerAccessor callers, CaseMatcher matcher, TimeProvider time, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewCases))
            return NotFound();
        var (body, problem) = await ReadAsync<MatchRequest>(http, ct);
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
            return Invalid(new CaseInputException(problems));
        var result = await matcher.MatchAsync(caller, body.FullName!, birth, ct: ct);
        return TypedResults.Ok(new MatchResponse(result.Candidates, result.LikelyElsewhere,
            result.LikelyElsewhere ? "A possible duplicate exists in a compartment you cannot see. Your field manager has been alerted." : null));
    }

    private static async Task<IResult> ListAsync(string? status, string? compartment, CallerAccessor callers, CaseRegistry registry, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewCases))
            return NotFound();
        CaseStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!CaseVocabulary.TryParseStatus(status, out var parsed))
                return Invalid(new CaseInputException("status", CaseVocabulary.StatusProblem));
            wanted = parsed;
        }
        var summaries = await registry.ListAsync(caller, new CaseFilter(compartment?.Trim().ToLowerInvariant(), wanted), withReasons: true, ct);
        return TypedResults.Ok(new CaseListResponse([.. summaries.Select(s => ToResponse(s, null))]));
    }

    private static async Task<IResult> GetAsync(string code, CallerAccessor callers, CaseRegistry registry, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        var found = await registry.FindAsync(caller, code, ct);
        if (found is null)
            return NotFound();
        var summary = await registry.SummaryAsync(caller, found.Code, ct);
        var identity = await registry.ReadIdentityAsync(caller, found, ct);
        return TypedResults.Ok(ToResponse(summary!, identity));
    }

    private static async Task<IResult> ChangeStatusAsync(string code, HttpRequest http, CallerAccessor callers, CaseRegistry registry, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (await registry.FindAsync(caller, code, ct) is null)
            return NotFound();
        var (body, problem) = await ReadAsync<StatusRequest>(http, ct);
        if (problem is not null)
            return problem;
        if (!CaseVocabulary.TryParseStatus(body!.Status, out var status))
            return Invalid(new CaseInputException("status", CaseVocabulary.StatusProblem));
        if (!await registry.ChangeStatusAsync(caller, code, status, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "You may not change cases.");
        return TypedResults.NoContent();
    }

    private static CaseResponse ToResponse(CaseSummary s, CaseIdentity? identity) => new(
        s.Code, s.Compartment, s.Status.Slug(), s.FamilyGroup,
        new UrgencyResponse(s.Score, s.Deadline, s.CloseToDeadline, [.. (s.Reasons ?? []).Select(r => TriageText.Describe(r, CultureInfo.CurrentUICulture))]),
        s.WaitingSince, s.CreatedAt,
        identity is null ? null : new IdentityResponse(identity.FullName, identity.BirthDate?.ToString(), identity.Sex.Letter(), identity.Hometown, identity.Location, identity.Contact, identity.Notes));

    internal static IResult NotFound() => Results.Text(NotFoundBody, "application/problem+json", statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem Invalid(CaseInputException e) =>
        TypedResults.ValidationProblem(
            e.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
            title: "The case was not recorded: correct the fields named below.",
            detail: "Invalid: " + string.Join(", ", e.Problems.Select(p => p.Field).Distinct()));

    /// <summary>Reads a JSON body ourselves so that a wrong type or unknown member is answered naming the field, never echoing the value.</summary>
    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest http, CancellationToken ct) where T : class
    {
        if (http.ContentLength > MaxBodyBytes)
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"The body is limited to {MaxBodyBytes} bytes."));
        if (!http.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "JSON expected", detail: "Send the body as application/json."));
        try
        {
            using var limited = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await http.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (limited.Length + read > MaxBodyBytes)
                    return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"The body is limited to {MaxBodyBytes} bytes."));
                limited.Write(buffer, 0, read);
            }
            limited.Position = 0;
            var body = await JsonSerializer.DeserializeAsync<T>(limited, Json, ct);
            return body is null
                ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Empty body", detail: "Send a JSON object."))
                : (body, null);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "$").TrimStart('$', '.');
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = ["This value has the wrong type or is not allowed here."] },
                title: "The body is not valid JSON for this request.",
                detail: field.Length == 0 ? "The body is not a valid JSON object." : $"Invalid: {field}"));
        }
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

public static class CaseConfiguration
{
    /// <summary>Binds Crossing:Triage and Crossing:Matching; a nonsensical triage configuration stops start-up.</summary>
    public static IServiceCollection AddCaseConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TriageOptions>(configuration.GetSection(TriageOptions.Section));
        services.Configure<MatchOptions>(configuration.GetSection(MatchOptions.Section));
        return services;
    }
}
