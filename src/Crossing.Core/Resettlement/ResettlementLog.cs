using System.Globalization;
using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Resettlement;

public sealed record ServiceRequest(string? Kind, string? Status, string? Responsible, string? StartedOn, string? EndedOn, string? Outcome)
{
    public override string ToString() => "[service request]";
}

public sealed record DueFollowUp(string Case, DateOnly DueOn, string Label, bool Overdue, string Responsible);

/// <summary>One line of a person's timeline: when, what kind, and codes or vocabulary only.</summary>
public sealed record TimelineEntry(DateOnly On, string Kind, string What, string? Status, string? Staff);

/// <summary>
/// The years after arrival: services, the follow-up schedule, contact attempts, reopening a closed case. Every
/// call needs a case the caller may see (answered as unknown otherwise) and is an audit event when it writes.
/// Never touches route, partner or journey data.
/// </summary>
public sealed class ResettlementLog(
    CrossingDbContext db, CaseRegistry cases, IAuditLog audit, AccessPolicy access, CallerScope scope, ResettlementOptions options, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Starts resettlement: schedules the follow-ups from <paramref name="arrivedOn"/>. Null when the case is not visible.</summary>
    /// <exception cref="ResettlementInputException">The case already has a follow-up schedule (reopen it instead), or a date is wrong.</exception>
    public async Task<IReadOnlyList<DueFollowUp>?> StartAsync(StaffCaller caller, string code, string? arrivedOn, string? responsible, CancellationToken ct = default)
    {
        var person = await WritableAsync(caller, code, ct);
        if (person is null)
            return null;
        using var acting = scope.Use(caller);
        var start = ParseDate("arrivedOn", arrivedOn) ?? Today;
        var staff = await ResponsibleAsync(responsible, caller, ct);
        if (await db.Set<FollowUp>().AnyAsync(f => f.CaseId == person.Id, ct))
            throw new ResettlementInputException("arrivedOn", ResettlementProblem.Text["AlreadyScheduled"]);
        var scheduled = Schedule(person, start, staff);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "resettlement.start", person.Code), ct);
        await cases.ChangeStatusAsync(caller, person.Code, CaseStatus.Resettling, ct);
        return [.. scheduled.Select(f => View(f))];
    }

    /// <summary>Reopens a closed case with its history: status resettling, a new schedule from today. Null when the case is not visible.</summary>
    public async Task<IReadOnlyList<DueFollowUp>?> ReopenAsync(StaffCaller caller, string code, string? responsible, CancellationToken ct = default)
    {
        var person = await WritableAsync(caller, code, ct);
        if (person is null)
            return null;
        if (person.Status != CaseStatus.Closed)
            throw new ResettlementInputException("status", ResettlementProblem.Text["ReopenClosedOnly"]);
        using var acting = scope.Use(caller);
        var staff = await ResponsibleAsync(responsible, caller, ct);
        var existing = await db.Set<FollowUp>().Where(f => f.CaseId == person.Id).Select(f => f.DueOn).ToListAsync(ct);
        var scheduled = Schedule(person, Today, staff, existing.ToHashSet());
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "resettlement.reopen", person.Code), ct);
        await cases.ChangeStatusAsync(caller, person.Code, CaseStatus.Resettling, ct);
        return [.. scheduled.Select(f => View(f))];
    }

    public async Task<ResettlementService?> LogServiceAsync(StaffCaller caller, string code, ServiceRequest request, CancellationToken ct = default)
    {
        var person = await WritableAsync(caller, code, ct);
        if (person is null)
            return null;
        var problems = new List<(string, string)>();
        if (!ResettlementVocabulary.TryParse<ServiceKind>(request.Kind, out var kind))
            problems.Add(("kind", ResettlementVocabulary.Problem<ServiceKind>("serviceKind")));
        var status = ServiceStatus.Active;
        if (request.Status is not null && !ResettlementVocabulary.TryParse(request.Status, out status))
            problems.Add(("status", ResettlementVocabulary.Problem<ServiceStatus>("status")));
        var outcome = ServiceOutcome.None;
        if (request.Outcome is not null && !ResettlementVocabulary.TryParse(request.Outcome, out outcome))
            problems.Add(("outcome", ResettlementVocabulary.Problem<ServiceOutcome>("outcome")));
        DateOnly? started = null, ended = null;
        try { started = ParseDate("startedOn", request.StartedOn); } catch (ResettlementInputException e) { problems.AddRange(e.Problems); }
        try { ended = ParseDate("endedOn", request.EndedOn); } catch (ResettlementInputException e) { problems.AddRange(e.Problems); }
        if (problems.Count > 0)
            throw new ResettlementInputException(problems);
        using var acting = scope.Use(caller);
        var staff = await ResponsibleAsync(request.Responsible, caller, ct);
        var service = ResettlementService.Log(person, kind, status, staff, started ?? Today, ended, outcome, time.GetUtcNow());
        db.Set<ResettlementService>().Add(service);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "resettlement.service:" + kind.Slug(), person.Code), ct);
        return service;
    }

    public async Task<ContactAttempt?> LogContactAsync(StaffCaller caller, string code, string? channel, bool reached, CancellationToken ct = default)
    {
        var person = await WritableAsync(caller, code, ct);
        if (person is null)
            return null;
        if (!ResettlementVocabulary.TryParse<ContactChannel>(channel, out var parsed))
            throw new ResettlementInputException("channel", ResettlementVocabulary.Problem<ContactChannel>("channel"));
        using var acting = scope.Use(caller);
        var attempt = ContactAttempt.Log(person, parsed, reached, caller.Code, time.GetUtcNow());
        db.Set<ContactAttempt>().Add(attempt);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "resettlement.contact", person.Code, reached ? "reached" : "not-reached"), ct);
        return attempt;
    }

    /// <summary>Marks the follow-up due on that date done. Null when the case is not visible; false when it has no follow-up that day.</summary>
    public async Task<bool?> CompleteFollowUpAsync(StaffCaller caller, string code, DateOnly dueOn, CancellationToken ct = default)
    {
        var person = await WritableAsync(caller, code, ct);
        if (person is null)
            return null;
        using var acting = scope.Use(caller);
        var followUp = await db.Set<FollowUp>().SingleOrDefaultAsync(f => f.CaseId == person.Id && f.DueOn == dueOn, ct);
        if (followUp is null)
            return false;
        followUp.MarkDone(Today);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "resettlement.follow-up.done", person.Code), ct);
        return true;
    }

    /// <summary>Follow-ups the caller is responsible for that are due by the end of this week (today and six days on), overdue ones included.</summary>
    public async Task<IReadOnlyList<DueFollowUp>> DueThisWeekAsync(StaffCaller caller, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var until = Today.AddDays(6);
        var rows = await access.Visible(db.Set<FollowUp>().AsNoTracking(), caller, Permission.ViewCases)
            .Where(f => f.ResponsibleStaff == caller.Code && f.DoneOn == null && f.DueOn <= until)
            .OrderBy(f => f.DueOn).ThenBy(f => f.CaseCode)
            .ToListAsync(ct);
        return [.. rows.Select(f => View(f))];
    }

    /// <summary>A person's timeline, newest first: services, follow-ups and contact attempts. Null when the case is not visible.</summary>
    public async Task<IReadOnlyList<TimelineEntry>?> TimelineAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var person = await cases.FindAsync(caller, code, ct);
        if (person is null)
            return null;
        using var acting = scope.Use(caller);
        var services = await access.Visible(db.Set<ResettlementService>().AsNoTracking(), caller, Permission.ViewCases).Where(s => s.CaseId == person.Id).ToListAsync(ct);
        var followUps = await access.Visible(db.Set<FollowUp>().AsNoTracking(), caller, Permission.ViewCases).Where(f => f.CaseId == person.Id).ToListAsync(ct);
        var contacts = await access.Visible(db.Set<ContactAttempt>().AsNoTracking(), caller, Permission.ViewCases).Where(c => c.CaseId == person.Id).ToListAsync(ct);
        var today = Today;
        var entries = services.Select(s => new TimelineEntry(s.StartedOn, "service", s.Kind.Slug(), s.EndedOn is { } e
                ? $"{s.Status.Slug()} ({e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {s.Outcome.Slug()})" : s.Status.Slug(), s.ResponsibleStaff))
            .Concat(followUps.Select(f => new TimelineEntry(f.DueOn, "follow-up", f.Label, f.DoneOn is not null ? "done" : f.DueOn < today ? "overdue" : "due", f.ResponsibleStaff)))
            .Concat(contacts.Select(c => new TimelineEntry(DateOnly.FromDateTime(c.At.UtcDateTime), "contact", c.Channel.Slug(), c.Reached ? "reached" : "not-reached", c.StaffCode)));
        return [.. entries.OrderByDescending(e => e.On).ThenBy(e => e.Kind, StringComparer.Ordinal)];
    }

    private List<FollowUp> Schedule(Case person, DateOnly start, string staff, IReadOnlySet<DateOnly>? taken = null)
    {
        var now = time.GetUtcNow();
        var scheduled = options.DueDates(start)
            .Where(d => taken is null || !taken.Contains(d.DueOn))
            .Select(d => FollowUp.Schedule(person, d.DueOn, d.Label, staff, now))
            .ToList();
        db.Set<FollowUp>().AddRange(scheduled);
        return scheduled;
    }

    private async Task<Case?> WritableAsync(StaffCaller caller, string code, CancellationToken ct)
    {
        var person = await cases.FindAsync(caller, code, ct);
        return person is not null && access.CanSee(person, caller, Permission.EditCases) ? person : null;
    }

    private async Task<string> ResponsibleAsync(string? responsible, StaffCaller caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(responsible))
            return caller.Code;
        var wanted = responsible.Trim().ToUpperInvariant();
        if (!PseudonymousCode.IsWellFormed(wanted, 'S') || !await db.Users.AnyAsync(u => u.Code == wanted, ct))
            throw new ResettlementInputException("responsible", ResettlementProblem.Text["Responsible"]);
        return wanted;
    }

    internal static DateOnly? ParseDate(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new ResettlementInputException(field, ResettlementProblem.Text["DateFormat"]);
        return date;
    }

    private DueFollowUp View(FollowUp f) => new(f.CaseCode, f.DueOn, f.Label, f.DueOn < Today, f.ResponsibleStaff);
}

/// <summary>
/// Makes reminders for follow-ups due soon (and overdue ones never reminded). Runs with no caller (a scheduled job
/// or `crossing resettlement remind`), so it reads across compartments through the audited bypass
/// <see cref="BypassReason.FollowUpReminders"/>; it reads codes, dates and staff codes only. Idempotent: one reminder
/// per case and due date (a unique key), however often or concurrently it runs.
/// </summary>
public sealed class FollowUpReminders(CrossingDbContext db, CompartmentBypass bypass, ResettlementOptions options, TimeProvider time)
{
    public sealed record Run(int Created, int AlreadyReminded);

    public async Task<Run> RunAsync(string actor, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var until = today.AddDays(options.RemindDaysAhead);
        var session = await bypass.OpenAsync(BypassReason.FollowUpReminders, actor, null, ct);
        var due = await session.Set<FollowUp>().AsNoTracking().Where(f => f.DoneOn == null && f.DueOn <= until).ToListAsync(ct);
        var dueCases = due.Select(f => f.CaseId).Distinct().ToList();
        var reminded = (await session.Set<FollowUpReminder>().AsNoTracking().Where(r => dueCases.Contains(r.CaseId)).Select(r => new { r.CaseId, r.DueOn }).ToListAsync(ct))
            .Select(r => (r.CaseId, r.DueOn)).ToHashSet();
        var created = 0;
        var now = time.GetUtcNow();
        foreach (var f in due.Where(f => !reminded.Contains((f.CaseId, f.DueOn))))
        {
            var reminder = FollowUpReminder.For(f, now);
            db.Set<FollowUpReminder>().Add(reminder);
            try
            {
                await db.SaveChangesAsync(ct);
                created++;
            }
            catch (DbUpdateException)
            {
                // Another run made it first: the unique key (case, due date) held. Nothing lost, nothing doubled.
                db.Entry(reminder).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            }
        }
        return new Run(created, due.Count - created);
    }
}
