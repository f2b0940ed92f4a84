using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Web.Cases;
using Crossing.Web.Security;
using Crossing.Web.Shell;

namespace Crossing.Web.Resettlement;

/// <summary>
/// Programmes and events: the catalogue (counts only), registrations, attendance, withdrawals and the waiting list.
/// A programme, person or registration the caller may not see is answered with one fixed 404, byte-identical to an
/// unknown one; a caller sees only registrations of people in their compartments.
/// </summary>
public static class ProgrammeEndpoints
{
    public sealed record ProgrammeListResponse(IReadOnlyList<ProgrammeView> Programmes);

    public sealed record ProgrammeDetailResponse(ProgrammeView Programme, IReadOnlyList<RegistrationView> Registrations);

    public sealed record RegisterRequest(string? Case);

    public sealed record AttendanceRequest(string? AttendedOn);

    public sealed record PersonProgramme(ProgrammeView Programme, RegistrationView Registration);

    public sealed record PersonProgrammesResponse(IReadOnlyList<PersonProgramme> Programmes);

    internal const string NotFoundBody = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not found","status":404,"detail":"There is no programme, person or registration with that id or code that you may see."}""";

    internal static IResult NotFound() => Results.Text(NotFoundBody, "application/problem+json", statusCode: StatusCodes.Status404NotFound);

    public static IEndpointRouteBuilder MapProgrammeEndpoints(this IEndpointRouteBuilder app)
    {
        var programmes = app.MapGroup("/api/programmes").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, NotFound).WithTags("Programmes");
        programmes.MapGet("", async (CallerAccessor callers, ProgrammeBook book, CancellationToken ct) => TypedResults.Ok(new ProgrammeListResponse(await book.ListAsync(callers.Current, ct))))
            .WithName("ListProgrammes")
            .WithSummary("Scholarships, mentoring, leadership programmes and summits, soonest first, with capacity, places taken and how many wait; never who.");
        programmes.MapPost("", CreateAsync).WithName("CreateProgramme").RequirePermission(Permission.EditCases, NotFound)
            .Accepts<ProgrammeRequest>("application/json").Produces<ProgrammeView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Creates a programme or event: kind (scholarship, mentoring, leadership, summit), title, startsOn, endsOn, capacity.");
        programmes.MapGet("/{id:guid}", GetAsync).WithName("GetProgramme")
            .Produces<ProgrammeDetailResponse>()
            .WithSummary("One programme and the registrations of people in the caller's compartments only (code, status, attendance).");
        programmes.MapPost("/{id:guid}/registrations", RegisterAsync).WithName("RegisterForProgramme").RequirePermission(Permission.EditCases, NotFound)
            .Accepts<RegisterRequest>("application/json").Produces<RegistrationOutcome>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Registers a person by case code: a place while one is left, otherwise the waiting list (status waiting, its position and a message saying so).");
        programmes.MapPost("/{id:guid}/registrations/{code}/attendance", AttendanceAsync).WithName("RecordProgrammeAttendance").RequirePermission(Permission.EditCases, NotFound)
            .Accepts<AttendanceRequest>("application/json").Produces<RegistrationView>().ProducesValidationProblem()
            .WithSummary("Records that a registered person attended (attendedOn, yyyy-MM-dd, today when left out); once per day.");
        programmes.MapPost("/{id:guid}/registrations/{code}/withdraw", WithdrawAsync).WithName("WithdrawFromProgramme").RequirePermission(Permission.EditCases, NotFound)
            .Produces<RegistrationView>().ProducesValidationProblem()
            .WithSummary("Withdraws a person. A freed place goes to the first person on the waiting list, whoever's compartment they are in; the caller is not told who.");
        app.MapGet("/api/cases/{code}/programmes", PersonAsync).RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, CaseEndpoints.NotFound)
            .WithTags("Programmes").WithName("PersonProgrammes").Produces<PersonProgrammesResponse>()
            .WithSummary("The programmes of one person and their own registration in each; nothing about other participants.");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest http, CallerAccessor callers, ProgrammeBook book, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ProgrammeRequest>(http, ResettlementEndpoints.MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        try
        {
            var created = await book.CreateAsync(callers.Current, body!, ct);
            return TypedResults.Created($"/api/programmes/{created.Id}", created);
        }
        catch (ResettlementInputException e)
        {
            return ResettlementEndpoints.Invalid(e, "The programme was not created: correct the fields named below.");
        }
    }

    private static async Task<IResult> GetAsync(Guid id, CallerAccessor callers, ProgrammeBook book, CancellationToken ct)
    {
        var programme = await book.FindAsync(callers.Current, id, ct);
        var registrations = await book.RegistrationsAsync(callers.Current, id, ct);
        return programme is null || registrations is null ? NotFound() : TypedResults.Ok(new ProgrammeDetailResponse(programme, registrations));
    }

    private static async Task<IResult> RegisterAsync(Guid id, HttpRequest http, CallerAccessor callers, ProgrammeBook book, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RegisterRequest>(http, ResettlementEndpoints.MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        if (string.IsNullOrWhiteSpace(body!.Case))
            return ResettlementEndpoints.Invalid(new ResettlementInputException("case", "Give the person's case code, such as C-7K2M."), "Nobody was registered: correct the fields named below.");
        try
        {
            return await book.RegisterAsync(callers.Current, id, body.Case, ct) is { } outcome
                ? TypedResults.Created($"/api/programmes/{id}", outcome)
                : NotFound();
        }
        catch (ResettlementInputException e)
        {
            return ResettlementEndpoints.Invalid(e, "Nobody was registered: correct the fields named below.");
        }
    }

    private static async Task<IResult> AttendanceAsync(Guid id, string code, HttpRequest http, CallerAccessor callers, ProgrammeBook book, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AttendanceRequest>(http, ResettlementEndpoints.MaxBodyBytes, ct);
        if (problem is not null)
            return problem;
        try
        {
            return await book.RecordAttendanceAsync(callers.Current, id, code, body!.AttendedOn, ct) is { } view ? TypedResults.Ok(view) : NotFound();
        }
        catch (ResettlementInputException e)
        {
            return ResettlementEndpoints.Invalid(e, "No attendance was recorded: correct the fields named below.");
        }
    }

    private static async Task<IResult> WithdrawAsync(Guid id, string code, CallerAccessor callers, ProgrammeBook book, CancellationToken ct)
    {
        try
        {
            return await book.WithdrawAsync(callers.Current, id, code, ct) is { } view ? TypedResults.Ok(view) : NotFound();
        }
        catch (ResettlementInputException e)
        {
            return ResettlementEndpoints.Invalid(e, "Nothing was withdrawn: correct the fields named below.");
        }
    }

    private static async Task<IResult> PersonAsync(string code, CallerAccessor callers, ProgrammeBook book, CancellationToken ct) =>
        await book.OfPersonAsync(callers.Current, code, ct) is { } rows
            ? TypedResults.Ok(new PersonProgrammesResponse([.. rows.Select(r => new PersonProgramme(r.Programme, r.Registration))]))
            : CaseEndpoints.NotFound();
}
