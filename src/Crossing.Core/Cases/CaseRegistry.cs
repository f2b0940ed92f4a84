using System.Globalization;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Cases;

/// <summary>What any case viewer sees: no identity. Reasons are present where they were asked for.</summary>
public sealed record CaseSummary(
    string Code,
    string Compartment,
    CaseStatus Status,
    string FamilyGroup,
    int Score,
    DateOnly? Deadline,
    bool CloseToDeadline,
    DateOnly WaitingSince,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TriageReason>? Reasons);

/// <summary>A family group on the waiting list: planned as one unit, as urgent as its most urgent member.</summary>
public sealed record WaitingGroup(string Code, string Compartment, int Score, DateOnly? Deadline, bool CloseToDeadline, IReadOnlyList<CaseSummary> Members);

/// <summary>An open duplicate alert as a field manager sees it: codes only.</summary>
public sealed record DuplicateAlertView(Guid Id, string CaseCode, string OtherCaseCode, string RaisedBy, DateTimeOffset RaisedAt);

/// <summary>A family group as other capabilities see it: its code, compartment and members' case codes.</summary>
public sealed record FamilyGroupMembers(string Code, string Compartment, IReadOnlyList<string> CaseCodes);

public sealed record CaseFilter(string? Compartment = null, CaseStatus? Status = null, int Limit = 500);

/// <summary>
/// Cases: intake, reading, lists. Every read goes through <see cref="AccessPolicy"/>; a case the caller may not see
/// is answered exactly as one that does not exist (null). Identity reads are audited one by one.
/// </summary>
/// <param name="Case">The recorded case.</param>
/// <param name="PossibleDuplicateElsewhere">
/// A likely duplicate exists in a compartment the recording person may not see; the field managers of both
/// compartments have been alerted with both codes. Known only once the case exists, so probing costs a real record.
/// </param>
public sealed record RecordedCase(Case Case, bool PossibleDuplicateElsewhere)
{
    public string Code => Case.Code;
}

public sealed class CaseRegistry(
    CrossingDbContext db, Vault vault, SealedReader reader, CompartmentBypass bypass, CallerScope scope, BlindIndexStore indexes,
    CaseMatcher matcher, IAuditLog audit, AccessPolicy access, Triage triage, TimeProvider time, IEnumerable<ICaseRecordedHandler> recordedHandlers)
{
    private static readonly IReadOnlySet<string> TriageFields = new HashSet<string>(StringComparer.Ordinal) { Case.Fields.Urgency };

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<RecordedCase> RecordAsync(StaffCaller caller, CaseIntake intake, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var compartment = await db.Compartments.AsNoTracking().SingleOrDefaultAsync(c => c.Name == intake.Compartment, ct);
        if (compartment is null || !access.CanWriteIn(compartment.Id, caller, Permission.EditCases))
            throw new CaseAccessDeniedException();

        var now = time.GetUtcNow();
        // Codes are unique across compartments; this is the one question asked of them, and it is audited.
        var everywhere = await bypass.OpenAsync(BypassReason.CodeUniqueness, caller.AuditActor, null, ct);
        FamilyGroup group;
        if (intake.FamilyGroupCode is { } groupCode)
        {
            group = await access.Visible(db.FamilyGroups, caller, Permission.ViewCases)
                .SingleOrDefaultAsync(g => g.Code == groupCode && g.CompartmentId == compartment.Id, ct)
                ?? throw new CaseInputException("familyGroup", $"There is no family group {groupCode} in compartment {compartment.Name}.");
        }
        else
        {
            group = FamilyGroup.Start(await NewCodeAsync('G', c => everywhere.Set<FamilyGroup>().AnyAsync(g => g.Code == c, ct)), compartment.Id, now);
            db.FamilyGroups.Add(group);
        }

        var id = CaseId.New();
        var code = await NewCodeAsync('C', c => everywhere.Set<Case>().AnyAsync(x => x.Code == c, ct));
        var assessment = triage.Assess(intake.Urgency);
        using var key = vault.CreateRecordKey(Case.EntityType, id.RecordId);
        var record = Case.Record(id, code, compartment.Id, group, intake.Status, intake.Identity, intake.Urgency, assessment,
            intake.WaitingSince ?? Today, key, now);
        db.Cases.Add(record);
        await CaseNameIndexes.WriteAsync(indexes, id, intake.Identity, ct);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "case.create", code), ct);
        var elsewhere = await matcher.AlertAcrossCompartmentsAsync(caller, record, intake.Identity, ct);
        foreach (var handler in recordedHandlers)
            await handler.OnCaseRecordedAsync(caller, record, intake.Identity, ct);
        return new RecordedCase(record, elsewhere);
    }

    /// <summary>The case if the caller may see it; null otherwise, exactly as for an unknown code.</summary>
    public async Task<Case?> FindAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var normalised = code.Trim().ToUpperInvariant();
        if (!PseudonymousCode.IsWellFormed(normalised, 'C'))
            return null;
        using var acting = scope.Use(caller);
        return await access.Visible(db.Cases, caller, Permission.ViewCases).SingleOrDefaultAsync(c => c.Code == normalised, ct);
    }

    public async Task<CaseSummary?> SummaryAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var found = await FindAsync(caller, code, ct);
        if (found is null)
            return null;
        using var acting = scope.Use(caller);
        return (await SummariseAsync([found], withReasons: true, ct)).Single();
    }

    /// <summary>Opens the identity of a visible case for a caller with <see cref="Permission.ReadIdentity"/>; every call is an audit event.</summary>
    public async Task<CaseIdentity?> ReadIdentityAsync(StaffCaller caller, Case record, CancellationToken ct = default)
    {
        if (!access.CanSee(record, caller, Permission.ReadIdentity))
            return null;
        using var key = await reader.OpenIdentityAsync(caller, Case.EntityType, record.Id.RecordId, record.Code, ct);
        return record.OpenIdentity(key);
    }

    public async Task<IReadOnlyList<CaseSummary>> ListAsync(StaffCaller caller, CaseFilter filter, bool withReasons = false, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var query = access.Visible(db.Cases.AsNoTracking(), caller, Permission.ViewCases);
        if (filter.Status is { } status)
            query = query.Where(c => c.Status == status);
        if (filter.Compartment is { } name)
        {
            var compartmentId = await db.Compartments.Where(c => c.Name == name).Select(c => (CompartmentId?)c.Id).SingleOrDefaultAsync(ct);
            if (compartmentId is null)
                return [];
            query = query.Where(c => c.CompartmentId == compartmentId.Value);
        }
        var cases = await query.OrderBy(c => c.TravelDeadline == null).ThenBy(c => c.TravelDeadline).ThenByDescending(c => c.UrgencyPoints).ThenBy(c => c.Code)
            .Take(Math.Clamp(filter.Limit, 1, 5000)).ToListAsync(ct);
        var summaries = await SummariseAsync(cases, withReasons, ct);
        return [.. summaries.OrderByDescending(s => s.Score).ThenBy(s => s.Deadline ?? DateOnly.MaxValue).ThenBy(s => s.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Family groups with someone still waiting (contacted or waiting), most urgent first, then earliest deadline.
    /// A status filter narrows which members are shown; the group's urgency is over all its waiting members.
    /// </summary>
    public async Task<IReadOnlyList<WaitingGroup>> WaitingListAsync(StaffCaller caller, CaseFilter filter, bool withReasons = true, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var statuses = filter.Status is { } s ? [s] : CaseVocabulary.StillWaiting.ToList();
        var query = access.Visible(db.Cases.AsNoTracking(), caller, Permission.ViewCases).Where(c => statuses.Contains(c.Status));
        if (filter.Compartment is { } name)
            query = query.Where(c => db.Compartments.Any(x => x.Id == c.CompartmentId && x.Name == name));
        var cases = await query.Take(Math.Clamp(filter.Limit, 1, 5000)).ToListAsync(ct);
        var summaries = await SummariseAsync(cases, withReasons, ct);
        var today = Today;
        return [.. summaries
            .GroupBy(m => m.FamilyGroup)
            .Select(g =>
            {
                var deadline = g.Min(m => m.Deadline);
                var members = g.OrderByDescending(m => m.Score).ThenBy(m => m.Code, StringComparer.Ordinal).ToList();
                return new WaitingGroup(g.Key, members[0].Compartment, members.Max(m => m.Score), deadline, triage.IsCloseToDeadline(deadline, today), members);
            })
            .OrderByDescending(g => g.Score)
            .ThenBy(g => g.Deadline ?? DateOnly.MaxValue)
            .ThenBy(g => g.Code, StringComparer.Ordinal)];
    }

    public async Task<bool> ChangeStatusAsync(StaffCaller caller, string code, CaseStatus status, CancellationToken ct = default)
    {
        var found = await FindAsync(caller, code, ct);
        if (found is null || !access.CanSee(found, caller, Permission.EditCases))
            return false;
        using var acting = scope.Use(caller);
        var tracked = await db.Cases.SingleAsync(c => c.Id == found.Id, ct);
        tracked.ChangeStatus(status, time.GetUtcNow());
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "case.status:" + status.Slug(), tracked.Code), ct);
        return true;
    }

    /// <summary>A family group the caller may see, with its members' codes; null otherwise, exactly as for an unknown code.</summary>
    public async Task<FamilyGroupMembers?> FamilyGroupAsync(StaffCaller caller, string code, CancellationToken ct = default)
    {
        var normalised = code.Trim().ToUpperInvariant();
        if (!PseudonymousCode.IsWellFormed(normalised, 'G'))
            return null;
        using var acting = scope.Use(caller);
        var group = await access.Visible(db.FamilyGroups.AsNoTracking(), caller, Permission.ViewCases).SingleOrDefaultAsync(g => g.Code == normalised, ct);
        if (group is null)
            return null;
        var members = await access.Visible(db.Cases.AsNoTracking(), caller, Permission.ViewCases)
            .Where(c => c.FamilyGroupId == group.Id).OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);
        var compartment = await db.Compartments.AsNoTracking().Where(c => c.Id == group.CompartmentId).Select(c => c.Name).SingleAsync(ct);
        return new FamilyGroupMembers(group.Code, compartment, members);
    }

    /// <summary>Names of the compartments whose cases the caller may see (the waiting list's filter).</summary>
    public async Task<IReadOnlyList<string>> VisibleCompartmentNamesAsync(StaffCaller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ViewCases))
            return [];
        var ids = caller.Compartments.ToList();
        return await db.Compartments.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
    }

    /// <summary>Names of the compartments the caller may record cases in.</summary>
    public async Task<IReadOnlyList<string>> CompartmentNamesAsync(StaffCaller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.EditCases))
            return [];
        var ids = caller.Compartments.ToList();
        return await db.Compartments.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
    }

    /// <summary>
    /// Open duplicate alerts in the caller's compartments, for field managers (who plan, and so may decide): each
    /// names the case here and the code of the case it may duplicate, perhaps in another compartment.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateAlertView>> OpenDuplicateAlertsAsync(StaffCaller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ManagePlan))
            return [];
        using var acting = scope.Use(caller);
        var rows = await access.Visible(db.DuplicateAlerts.AsNoTracking(), caller, Permission.ViewCases)
            .Where(a => a.ResolvedAt == null)
            .Select(a => new { a.Id, a.CaseCode, a.OtherCaseCode, a.RaisedBy, a.RaisedAt })
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.RaisedAt).ThenBy(r => r.CaseCode, StringComparer.Ordinal)
            .Select(r => new DuplicateAlertView(r.Id, r.CaseCode, r.OtherCaseCode, r.RaisedBy, r.RaisedAt))];
    }

    /// <summary>
    /// A field manager's decision on an open duplicate alert she may see: the same person (marked as a duplicate;
    /// merging is a later step) or different people (dismissed). Resolves the alert and its mirror in her other
    /// compartments, and is an audit event per case code. False when there is no such open alert for her.
    /// </summary>
    public async Task<bool> DecideDuplicateAsync(StaffCaller caller, Guid alertId, bool samePerson, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ManagePlan))
            return false;
        using var acting = scope.Use(caller);
        var alert = await access.Visible(db.DuplicateAlerts, caller, Permission.ViewCases).SingleOrDefaultAsync(a => a.Id == alertId && a.ResolvedAt == null, ct);
        if (alert is null)
            return false;
        var (one, other) = (alert.CaseCode, alert.OtherCaseCode);
        var pair = await access.Visible(db.DuplicateAlerts, caller, Permission.ViewCases)
            .Where(a => a.ResolvedAt == null && ((a.CaseCode == one && a.OtherCaseCode == other) || (a.CaseCode == other && a.OtherCaseCode == one)))
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var action = samePerson ? "case.duplicate.same-person" : "case.duplicate.different-people";
        foreach (var a in pair)
        {
            a.Resolve(now);
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, action, a.CaseCode), ct);
        }
        return true;
    }

    private async Task<List<CaseSummary>> SummariseAsync(IReadOnlyList<Case> cases, bool withReasons, CancellationToken ct)
    {
        if (cases.Count == 0)
            return [];
        var compartments = await db.Compartments.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var groupIds = cases.Select(c => c.FamilyGroupId).Distinct().ToList();
        var groups = await db.FamilyGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Code, ct);
        Dictionary<string, OpenedRecord> keys = withReasons
            ? await reader.OpenFieldsAsync(Case.EntityType, [.. cases.Select(c => c.Id.RecordId)], TriageFields, ct)
            : [];
        try
        {
            var today = Today;
            return [.. cases.Select(c =>
            {
                IReadOnlyList<TriageReason>? reasons = keys.TryGetValue(c.Id.RecordId, out var key)
                    ? triage.ReasonsToday(c.OpenUrgency(key), c.WaitingSince, today)
                    : null;
                return new CaseSummary(
                    c.Code,
                    compartments.GetValueOrDefault(c.CompartmentId, "?"),
                    c.Status,
                    groups.GetValueOrDefault(c.FamilyGroupId, "?"),
                    triage.ScoreToday(c.UrgencyPoints, c.TravelDeadline, c.WaitingSince, today),
                    c.TravelDeadline,
                    triage.IsCloseToDeadline(c.TravelDeadline, today),
                    c.WaitingSince,
                    c.CreatedAt,
                    reasons);
            })];
        }
        finally
        {
            keys.DisposeAll();
        }
    }

    private static async Task<string> NewCodeAsync(char kind, Func<string, Task<bool>> taken)
    {
        // 30^4 = 810,000 codes; lengthen after repeated collisions rather than loop forever as the space fills.
        for (var attempt = 0; ; attempt++)
        {
            var code = PseudonymousCode.New(kind, attempt < 8 ? 4 : 6);
            if (!await taken(code))
                return code;
        }
    }

    internal static string FormatDeadline(DateOnly? deadline) => deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
