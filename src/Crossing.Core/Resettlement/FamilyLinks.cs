using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Resettlement;

/// <summary>A reunification alert as staff see it: two codes, a relation, a score. Never a name.</summary>
public sealed record ReunificationAlertView(Guid Id, string Seeker, string Candidate, string Relation, double Score, DateTimeOffset RaisedAt);

/// <summary>A relative's details as typed, before validation (field names as in the API).</summary>
public sealed record RelativeRequest(string? FullName, string? Relation, int? BirthYear, string? LastKnownPlace)
{
    public const int MaxPlaceLength = 200;

    public override string ToString() => "[relative request]";

    public RelativeInput Validate(DateOnly today)
    {
        var problems = new List<(string, string)>();
        if (RelativeNameIndexes.Problem(FullName ?? "", BirthYear) is { } nameProblem)
            problems.Add(("fullName", nameProblem));
        if (!Relations.TryParse(Relation, out var relation))
            problems.Add(("relation", Relations.Problem));
        if (BirthYear is { } y && (y < BirthDate.EarliestYear || y > today.Year))
            problems.Add(("birthYear", ResettlementProblem.Text["BirthYear", BirthDate.EarliestYear, today.Year]));
        var place = string.IsNullOrWhiteSpace(LastKnownPlace) ? null : LastKnownPlace.Trim();
        if (place is { Length: > MaxPlaceLength })
            problems.Add(("lastKnownPlace", ResettlementProblem.Text["PlaceTooLong", MaxPlaceLength]));
        if (problems.Count > 0)
            throw new ResettlementInputException(problems);
        return new RelativeInput(FullName!.Trim(), relation, BirthYear, place);
    }
}

/// <summary>
/// Family links: the relatives a person hopes to find, and the alerts when one may be a person we know.
/// <para>
/// Who sees an alert (held here, explicitly, because an alert straddles two compartments): resettlement staff who
/// hold the seeker's compartment, and field managers who hold the candidate's compartment. Nobody else, not even a
/// field manager of the seeker's compartment or resettlement staff of the candidate's: to everyone else an alert
/// does not exist (empty list, 404 on a decision).
/// </para>
/// </summary>
public sealed class FamilyLinks(
    CrossingDbContext db, Vault vault, CaseRegistry cases, BlindIndexStore indexes, ReunificationMatcher matcher, IAuditLog audit,
    AccessPolicy access, CallerScope scope, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Records a sought relative of a case the caller may change; null (as for an unknown code) otherwise.</summary>
    /// <exception cref="ResettlementInputException">The details are not usable (a surname alone, an unknown relation).</exception>
    public async Task<Relative?> AddRelativeAsync(StaffCaller caller, string caseCode, RelativeRequest request, CancellationToken ct = default)
    {
        var seeker = await cases.FindAsync(caller, caseCode, ct);
        if (seeker is null || !access.CanSee(seeker, caller, Permission.EditCases))
            return null;
        var input = request.Validate(Today);
        using var acting = scope.Use(caller);
        var id = RelativeId.New();
        Relative relative;
        using (var key = vault.CreateRecordKey(Relative.EntityType, id.RecordId))
            relative = Relative.Record(id, seeker, input, key, caller.Code, time.GetUtcNow());
        db.Set<Relative>().Add(relative);
        await RelativeNameIndexes.WriteAsync(indexes, id, input, ct);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "relative.add", seeker.Code), ct);
        await matcher.MatchNewRelativeAsync(caller, relative, input, ct);
        return relative;
    }

    /// <summary>How many relatives the case's seeker looks for, by relation (no names), if the caller may see the case.</summary>
    public async Task<IReadOnlyList<string>?> RelationsSoughtAsync(StaffCaller caller, string caseCode, CancellationToken ct = default)
    {
        var seeker = await cases.FindAsync(caller, caseCode, ct);
        if (seeker is null)
            return null;
        using var acting = scope.Use(caller);
        return await access.Visible(db.Set<Relative>().AsNoTracking(), caller, Permission.ViewCases)
            .Where(r => r.SeekerCaseId == seeker.Id).OrderBy(r => r.RecordedAt).Select(r => r.Relation).ToListAsync(ct);
    }

    /// <summary>Open alerts the caller may see, newest first.</summary>
    public async Task<IReadOnlyList<ReunificationAlertView>> OpenAlertsAsync(StaffCaller caller, CancellationToken ct = default)
    {
        var rows = await VisibleAlerts(caller).AsNoTracking().Where(a => a.Decision == ReunificationDecision.Open).ToListAsync(ct);
        return [.. rows.OrderByDescending(a => a.RaisedAt).ThenBy(a => a.SeekerCode, StringComparer.Ordinal)
            .Select(a => new ReunificationAlertView(a.Id, a.SeekerCode, a.CandidateCode, a.Relation, a.Score, a.RaisedAt))];
    }

    /// <summary>
    /// Confirms or dismisses an alert the caller may see: an audit event on each side's code. False (answered as
    /// "no such alert") when the caller may not see it. Deciding again changes nothing.
    /// </summary>
    public async Task<bool> DecideAsync(StaffCaller caller, Guid alertId, ReunificationDecision decision, CancellationToken ct = default)
    {
        var alert = await VisibleAlerts(caller).SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
            return false;
        if (alert.Decide(decision, caller.Code, time.GetUtcNow()))
        {
            var action = decision == ReunificationDecision.Confirmed ? "reunification.confirm" : "reunification.dismiss";
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, action, alert.SeekerCode), ct);
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, action, alert.CandidateCode), ct);
        }
        return true;
    }

    private IQueryable<ReunificationAlert> VisibleAlerts(StaffCaller caller)
    {
        var held = caller.Compartments.ToList();
        var alerts = db.Set<ReunificationAlert>();
        return caller.Role switch
        {
            StaffRole.Resettlement when caller.Has(Permission.ViewCases) => alerts.Where(a => held.Contains(a.SeekerCompartmentId)),
            StaffRole.FieldManager when caller.Has(Permission.ViewCases) => alerts.Where(a => held.Contains(a.CandidateCompartmentId)),
            _ => alerts.Where(_ => false),
        };
    }
}
