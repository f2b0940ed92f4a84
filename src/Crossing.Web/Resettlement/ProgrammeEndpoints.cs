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

    private static class Examples
    {
        public static readonly ProgrammeView Programme = new(new Guid("5b0e6f3a-2c7d-4e1b-9a8f-3d2c1b0a9e8d"), "leadership", "Future leaders 2027", new DateOnly(2027, 3, 6), new DateOnly(2027, 11, 27), 12, 12, 0, 1);
    }

    public static IEndpointRouteBuilder MapProgrammeEndpoints(this IEndpointRouteBuilder app)
    {
        var programmes = app.MapGroup("/api/programmes").RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, NotFound).WithTags("Programmes");
        programmes.MapGet("", async (CallerAccessor callers, ProgrammeBook book, CancellationToken ct) => TypedResults.Ok(new ProgrammeListResponse(await book.ListAsync(callers.Current, ct))))
            .Describe<ResettlementText>("ListProgrammes", response: new ProgrammeListResponse([Examples.Programme]));
        programmes.MapPost("", CreateAsync).RequirePermission(Permission.EditCases, NotFound).ProducesValidationProblem()
            .Describe<ResettlementText>("CreateProgramme", request: new ProgrammeRequest("leadership", "Future leaders 2027", "2027-03-06", "2027-11-27", 12), response: Examples.Programme, status: StatusCodes.Status201Created);
        programmes.MapGet("/{id:guid}", GetAsync)
            .Describe<ResettlementText>("GetProgramme", response: new ProgrammeDetailResponse(Examples.Programme, [new RegistrationView("C-7K3Q", "registered", 3, new DateOnly(2027, 4, 3))]));
        programmes.MapPost("/{id:guid}/registrations", RegisterAsync).RequirePermission(Permission.EditCases, NotFound).ProducesValidationProblem()
            .Describe<ResettlementText>("RegisterForProgramme", request: new RegisterRequest("C-7K3Q"), response: () => RegistrationOutcome.Waiting("C-7K3Q", Examples.Programme.Title, Examples.Programme.Capacity, 1), status: StatusCodes.Status201Created);
        programmes.MapPost("/{id:guid}/registrations/{code}/attendance", AttendanceAsync).RequirePermission(Permission.EditCases, NotFound).ProducesValidationProblem()
            .Describe<ResettlementText>("RecordProgrammeAttendance", request: new AttendanceRequest("2027-04-03"), response: new RegistrationView("C-7K3Q", "registered", 4, new DateOnly(2027, 4, 3)));
        programmes.MapPost("/{id:guid}/registrations/{code}/withdraw", WithdrawAsync).RequirePermission(Permission.EditCases, NotFound).ProducesValidationProblem()
            .Describe<ResettlementText>("WithdrawFromProgramme", response: new RegistrationView("C-7K3Q", "withdrawn", 4, new DateOnly(2027, 4, 3)));
        app.MapGet("/api/cases/{code}/programmes", PersonAsync).RequireAuthorization(Policies.Staff).RequirePermission(Permission.ViewCases, CaseEndpoints.NotFound)
            .WithTags("Programmes")
            .Describe<ResettlementText>("PersonProgrammes", response: new PersonProgrammesResponse([new PersonProgramme(Examples.Programme, new RegistrationView("C-7K3Q", "registered", 3, new DateOnly(2027, 4, 3)))]));
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
            return ResettlementEndpoints.Invalid(e, ResettlementProblem.Text["ProgrammeNotCreated"]);
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
            return ResettlementEndpoints.Invalid(new ResettlementInputException("case", ResettlementProblem.Text["CaseMissingExample"]), ResettlementProblem.Text["NobodyRegistered"]);
        try
        {
            return await book.RegisterAsync(callers.Current, id, body.Case, ct) is { } outcome
                ? TypedResults.Created($"/api/programmes/{id}", outcome)
                : NotFound();
        }
        catch (ResettlementInputException e)
        {
            return ResettlementEndpoints.Invalid(e, ResettlementProblem.Text["NobodyRegistered"]);
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
            return ResettlementEndpoints.Invalid(e, ResettlementProblem.Text["NoAttendance"]);
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
            return ResettlementEndpoints.Invalid(e, ResettlementProblem.Text["NotWithdrawn"]);
        }
    }

    private static async Task<IResult> PersonAsync(string code, CallerAccessor callers, ProgrammeBook book, CancellationToken ct) =>
        await book.OfPersonAsync(callers.Current, code, ct) is { } rows
            ? TypedResults.Ok(new PersonProgrammesResponse([.. rows.Select(r => new PersonProgramme(r.Programme, r.Registration))]))
            : CaseEndpoints.NotFound();
}
