using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Resettlement;

public sealed record ProgrammeRequest(string? Kind, string? Title, string? StartsOn, string? EndsOn, int? Capacity)
{
    public override string ToString() => "[programme request]";
}

/// <summary>A programme as anyone who may see programmes sees it: counts only, never who.</summary>
public sealed record ProgrammeView(Guid Id, string Kind, string Title, DateOnly StartsOn, DateOnly? EndsOn, int Capacity, int PlacesTaken, int PlacesLeft, int Waiting);

/// <summary>One registration the caller may see (a person in one of their compartments).</summary>
public sealed record RegistrationView(string Case, string Status, int Attended, DateOnly? LastAttendedOn);

/// <summary>
/// What registering did: a place, or a place in the queue (with its number then), and a sentence saying so in the
/// reader's language (Resettlement/ProgrammeOutcomeText.resx and its .ko twin, said as <see cref="ProblemText"/> says).
/// The sentence names the case code and the programme's catalogue title, never who the person is.
/// </summary>
public sealed record RegistrationOutcome(string Case, string Status, int? WaitingPosition, string Message)
{
    public static readonly ProblemText Text = new("Crossing.Core.Resettlement.ProgrammeOutcomeText", "Programme.Outcome.");

    public static RegistrationOutcome Registered(string code, string programme) =>
        new(code, RegistrationStatus.Registered.Slug(), null, Text["Registered", code, programme]);

    public static RegistrationOutcome Waiting(string code, string programme, int capacity, int position) =>
        new(code, RegistrationStatus.Waiting.Slug(), position, Text["Waiting", code, programme, capacity, position]);
}

/// <summary>
/// Scholarships, mentoring, leadership programmes and summits: registrations, attendance, capacity and waiting lists.
/// A person is registered only by staff who may change their case (unknown otherwise); a caller sees only the
/// registrations of people in their compartments, so no participant is shown another. When a place frees up, the
/// first person waiting (in any compartment) takes it, read through the audited bypass
/// <see cref="BypassReason.ProgrammeWaitingList"/>; the caller is not told who.
/// </summary>
public sealed class ProgrammeBook(
    CrossingDbContext db, CaseRegistry cases, IAuditLog audit, AccessPolicy access, CallerScope scope, CompartmentBypass bypass, TimeProvider time)
{
    private const int Attempts = 20;

    public async Task<ProgrammeView> CreateAsync(StaffCaller caller, ProgrammeRequest request, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.EditCases))
            throw new UnauthorizedAccessException("Only staff who may change cases create programmes.");
        var problems = new List<(string, string)>();
        if (!ResettlementVocabulary.TryParse<ProgrammeKind>(request.Kind, out var kind))
            problems.Add(("kind", ResettlementVocabulary.Problem<ProgrammeKind>("programmeKind")));
        DateOnly? starts = null, ends = null;
        if (string.IsNullOrWhiteSpace(request.StartsOn))
            problems.Add(("startsOn", ResettlementProblem.Text["StartMissing"]));
        Collect(problems, () => starts = ResettlementLog.ParseDate("startsOn", request.StartsOn));
        Collect(problems, () => ends = ResettlementLog.ParseDate("endsOn", request.EndsOn));
        Programme? programme = null;
        Collect(problems, () => programme = Programme.Create(kind, (request.Title ?? "").Trim(), starts ?? DateOnly.MinValue, ends, request.Capacity ?? 0, caller.Code, time.GetUtcNow()));
        if (problems.Count > 0 || programme is null)
            throw new ResettlementInputException(problems);
        db.Set<Programme>().Add(programme);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "programme.create", programme.Id.ToString()), ct);
        return View(programme);
    }

    public async Task<IReadOnlyList<ProgrammeView>> ListAsync(StaffCaller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ViewCases))
            return [];
        var all = await db.Set<Programme>().AsNoTracking().OrderBy(p => p.StartsOn).ThenBy(p => p.Title).ToListAsync(ct);
        return [.. all.Select(View)];
    }

    public async Task<ProgrammeView?> FindAsync(StaffCaller caller, Guid id, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ViewCases))
            return null;
        var programme = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == new ProgrammeId(id), ct);
        return programme is null ? null : View(programme);
    }

    /// <summary>The registrations of the programme the caller may see: people in their compartments only. Null for an unknown programme.</summary>
    public async Task<IReadOnlyList<RegistrationView>?> RegistrationsAsync(StaffCaller caller, Guid id, CancellationToken ct = default)
    {
        if (await FindAsync(caller, id, ct) is null)
            return null;
        using var acting = scope.Use(caller);
        var rows = await access.Visible(db.Set<ProgrammeRegistration>().AsNoTracking(), caller, Permission.ViewCases)
            .Where(r => r.ProgrammeId == new ProgrammeId(id))
            .OrderBy(r => r.Status).ThenBy(r => r.QueueNumber).ThenBy(r => r.CaseCode)
            .ToListAsync(ct);
        return [.. rows.Select(RegistrationViewOf)];
    }

    /// <summary>One person's programmes (only theirs). Null when the case is not visible.</summary>
    public async Task<IReadOnlyList<(ProgrammeView Programme, RegistrationView Registration)>?> OfPersonAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var person = await cases.FindAsync(caller, code, ct);
        if (person is null)
            return null;
        using var acting = scope.Use(caller);
        var rows = await access.Visible(db.Set<ProgrammeRegistration>().AsNoTracking(), caller, Permission.ViewCases).Where(r => r.CaseId == person.Id).ToListAsync(ct);
        var ids = rows.Select(r => r.ProgrammeId).ToList();
        var programmes = await db.Set<Programme>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return [.. rows.Select(r => (View(programmes[r.ProgrammeId]), RegistrationViewOf(r))).OrderBy(x => x.Item1.StartsOn)];
    }

    /// <summary>
    /// Registers the person: a place when one is left, otherwise the waiting list (said plainly in the outcome).
    /// Null when the programme or the case is unknown to the caller.
    /// </summary>
    /// <exception cref="ResettlementInputException">The person is already registered or waiting.</exception>
    public async Task<RegistrationOutcome?> RegisterAsync(StaffCaller caller, Guid id, string code, CancellationToken ct = default)
    {
        var person = await WritableAsync(caller, code, ct);
        if (person is null || !caller.Has(Permission.ViewCases))
            return null;
        using var acting = scope.Use(caller);
        for (var attempt = 1; ; attempt++)
        {
            var programme = await db.Set<Programme>().SingleOrDefaultAsync(p => p.Id == new ProgrammeId(id), ct);
            if (programme is null)
                return null;
            var existing = await db.Set<ProgrammeRegistration>().SingleOrDefaultAsync(r => r.ProgrammeId == programme.Id && r.CaseId == person.Id, ct);
            var registration = existing ?? ProgrammeRegistration.For(programme, person, caller.Code, time.GetUtcNow());
            if (existing is null)
                db.Set<ProgrammeRegistration>().Add(registration);
            else
                existing.Rejoin(programme, caller.Code, time.GetUtcNow());
            if (!await TrySaveAsync(attempt, ct))
                continue;
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, "programme.register", person.Code, registration.Status.Slug()), ct);
            return registration.Status == RegistrationStatus.Registered
                ? RegistrationOutcome.Registered(person.Code, programme.Title)
                : RegistrationOutcome.Waiting(person.Code, programme.Title, programme.Capacity, programme.Waiting);
        }
    }

    /// <summary>
    /// Withdraws the person. A freed place goes to the first person waiting, in whichever compartment (the caller is not
    /// told who). Null when the programme, the case or the registration is unknown to the caller.
    /// </summary>
    public async Task<RegistrationView?> WithdrawAsync(StaffCaller caller, Guid id, string code, CancellationToken ct = default)
    {
        var person = await WritableAsync(caller, code, ct);
        if (person is null)
            return null;
        using var acting = scope.Use(caller);
        for (var attempt = 1; ; attempt++)
        {
            var programme = await db.Set<Programme>().SingleOrDefaultAsync(p => p.Id == new ProgrammeId(id), ct);
            var registration = programme is null ? null
                : await db.Set<ProgrammeRegistration>().SingleOrDefaultAsync(r => r.ProgrammeId == programme.Id && r.CaseId == person.Id, ct);
            if (programme is null || registration is null)
                return null;
            var was = registration.Withdraw();
            programme.Release(was);
            ProgrammeRegistration? promoted = null;
            if (was == RegistrationStatus.Registered && programme.Waiting > 0 && programme.PlacesTaken < programme.Capacity)
            {
                var session = await bypass.OpenAsync(BypassReason.ProgrammeWaitingList, caller.AuditActor, null, ct);
                promoted = await session.Set<ProgrammeRegistration>()
                    .Where(r => r.ProgrammeId == programme.Id && r.Status == RegistrationStatus.Waiting)
                    .OrderBy(r => r.QueueNumber)
                    .FirstOrDefaultAsync(ct);
                if (promoted is not null)
                {
                    promoted.PromoteFromWaitingList();
                    programme.Promote();
                }
            }
            if (!await TrySaveAsync(attempt, ct))
                continue;
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, "programme.withdraw", person.Code, was.Slug()), ct);
            if (promoted is not null)
                await audit.AppendAsync(new AuditEntry(caller.AuditActor, "programme.promote", promoted.CaseCode, "from-waiting-list"), ct);
            return RegistrationViewOf(registration);
        }
    }

    /// <summary>Records that a registered person attended (today unless a date is given). Null when unknown to the caller.</summary>
    public async Task<RegistrationView?> RecordAttendanceAsync(StaffCaller caller, Guid id, string code, string? attendedOn, CancellationToken ct = default)
    {
        var person = await WritableAsync(caller, code, ct);
        if (person is null)
            return null;
        var on = ResettlementLog.ParseDate("attendedOn", attendedOn) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        using var acting = scope.Use(caller);
        var registration = await db.Set<ProgrammeRegistration>().SingleOrDefaultAsync(r => r.ProgrammeId == new ProgrammeId(id) && r.CaseId == person.Id, ct);
        if (registration is null)
            return null;
        registration.RecordAttendance(on);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "programme.attendance", person.Code), ct);
        return RegistrationViewOf(registration);
    }

    private async Task<bool> TrySaveAsync(int attempt, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException) when (attempt < Attempts)
        {
            // Someone changed the programme's counters (or registered the same person) meanwhile: read again and retry.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<Case?> WritableAsync(StaffCaller caller, string code, CancellationToken ct)
    {
        var person = await cases.FindAsync(caller, code, ct);
        return person is not null && access.CanSee(person, caller, Permission.EditCases) ? person : null;
    }

    private static void Collect(List<(string, string)> problems, Action parse)
    {
        try
        {
            parse();
        }
        catch (ResettlementInputException e)
        {
            problems.AddRange(e.Problems);
        }
    }

    private static ProgrammeView View(Programme p) =>
        new(p.Id.Value, p.Kind.Slug(), p.Title, p.StartsOn, p.EndsOn, p.Capacity, p.PlacesTaken, p.PlacesLeft, p.Waiting);

    private static RegistrationView RegistrationViewOf(ProgrammeRegistration r) => new(r.CaseCode, r.Status.Slug(), r.Attended, r.LastAttendedOn);
}
