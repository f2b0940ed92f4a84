using Crossing.Core.Cases;
using Crossing.Core.Cases.Names;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Resettlement;

/// <summary>
/// Compares sought relatives with cases in every compartment, both ways: a new relative with every case, a new case
/// (<see cref="ICaseRecordedHandler"/>) with every sought relative. The blind indexes narrow the candidates; only
/// those are read, through the audited bypass <see cref="BypassReason.ReunificationCheck"/>, and decrypted through
/// <see cref="SealedReader.OpenForMatchingAsync"/> to be scored. The result is an alert naming only the two
/// codes, the relation and the score; the person recording learns nothing.
/// </summary>
public sealed class ReunificationMatcher(
    CrossingDbContext db, SealedReader reader, CompartmentBypass bypass, CaseIndexerCache indexers, IAuditLog audit,
    MatchOptions options, TimeProvider time) : ICaseRecordedHandler
{
    private static readonly IReadOnlySet<string> CaseFields = new HashSet<string>(StringComparer.Ordinal) { Case.Fields.FullName, Case.Fields.BirthDate };
    private static readonly IReadOnlySet<string> RelativeFields = new HashSet<string>(StringComparer.Ordinal) { Relative.Fields.FullName, Relative.Fields.BirthYear };

    /// <summary>A relative was just recorded: is any known person (in any compartment) likely the one sought?</summary>
    public async Task<int> MatchNewRelativeAsync(StaffCaller caller, Relative sought, RelativeInput input, CancellationToken ct)
    {
        var keys = KoreanNames.Keys(input.FullName);
        var birth = RelativeNameIndexes.YearOnly(input.BirthYear);
        var ids = await CandidatesAsync(Case.EntityType, CaseNameIndexes.SurnameGiven, CaseNameIndexes.GivenBirthYear, keys, birth, ct);
        ids.Remove(sought.SeekerCaseId.Value.ToString("N"));
        if (ids.Count == 0)
            return 0;
        var caseIds = ids.Select(i => new CaseId(Guid.ParseExact(i, "N"))).ToList();
        var everyCase = await bypass.AcrossCompartmentsAsync<Case>(BypassReason.ReunificationCheck, caller.AuditActor, sought.SeekerCode, ct);
        var cases = await everyCase.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);
        var opened = await reader.OpenForMatchingAsync(caller.AuditActor, Case.EntityType, [.. cases.Select(c => c.Id.RecordId)], CaseFields, sought.SeekerCode, ct);
        var raised = 0;
        try
        {
            foreach (var c in cases)
            {
                if (!opened.TryGetValue(c.Id.RecordId, out var key))
                    continue;
                var name = key.Open(Case.Fields.FullName, c.FullName);
                var stored = key.OpenOptional(Case.Fields.BirthDate, c.BirthDate);
                var score = KoreanNames.Similarity(input.FullName, name) * BirthFactor(input.BirthYear, stored is null ? null : BirthDate.FromStored(stored).Year);
                if (score >= options.LikelyAt && await RaiseAsync(caller, sought, c, score, ct))
                    raised++;
            }
        }
        finally
        {
            opened.DisposeAll();
        }
        return raised;
    }

    /// <summary>A case was just recorded: is the new person someone a person known to us is looking for?</summary>
    public async Task OnCaseRecordedAsync(StaffCaller caller, Case recorded, CaseIdentity identity, CancellationToken ct)
    {
        if (KoreanNames.Problem(identity.FullName) is not null)
            return;
        var keys = KoreanNames.Keys(identity.FullName);
        var ids = await CandidatesAsync(Relative.EntityType, RelativeNameIndexes.SurnameGiven, RelativeNameIndexes.GivenBirthYear, keys,
            identity.BirthDate is { } b ? RelativeNameIndexes.YearOnly(b.Year) : null, ct);
        if (ids.Count == 0)
            return;
        var relativeIds = ids.Select(i => new RelativeId(Guid.ParseExact(i, "N"))).ToList();
        var everyRelative = await bypass.AcrossCompartmentsAsync<Relative>(BypassReason.ReunificationCheck, caller.AuditActor, recorded.Code, ct);
        var relatives = await everyRelative.AsNoTracking().Where(r => relativeIds.Contains(r.Id) && r.SeekerCaseId != recorded.Id).ToListAsync(ct);
        var opened = await reader.OpenForMatchingAsync(caller.AuditActor, Relative.EntityType, [.. relatives.Select(r => r.Id.RecordId)], RelativeFields, recorded.Code, ct);
        try
        {
            foreach (var r in relatives)
            {
                if (!opened.TryGetValue(r.Id.RecordId, out var key))
                    continue;
                var name = key.Open(Relative.Fields.FullName, r.FullName);
                var year = key.OpenOptional(Relative.Fields.BirthYear, r.BirthYear);
                var score = KoreanNames.Similarity(name, identity.FullName) * BirthFactor(year is null ? null : int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), identity.BirthDate?.Year);
                if (score >= options.LikelyAt)
                    await RaiseAsync(caller, r, recorded, score, ct);
            }
        }
        finally
        {
            opened.DisposeAll();
        }
    }

    private async Task<bool> RaiseAsync(StaffCaller caller, Relative sought, Case candidate, double score, CancellationToken ct)
    {
        if (await db.Set<ReunificationAlert>().AnyAsync(a => a.RelativeId == sought.Id && a.CandidateCaseId == candidate.Id, ct))
            return false;
        db.Set<ReunificationAlert>().Add(ReunificationAlert.Raise(sought, candidate, score, time.GetUtcNow()));
        // Two events, one per compartment's record, so each side's audit trail shows the alert (saved with it).
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "reunification.alert", sought.SeekerCode), ct);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "reunification.alert", candidate.Code), ct);
        return true;
    }

    private async Task<HashSet<string>> CandidatesAsync(
        string entityType, BlindIndexDefinition byNameIndex, BlindIndexDefinition byYearIndex, IReadOnlyList<NameKey> keys, BirthDate? birth, CancellationToken ct)
    {
        var indexer = await indexers.GetAsync(ct);
        var byName = CaseNameIndexes.SurnameGivenValues(keys).Select(v => indexer.Compute(byNameIndex, v)).Distinct().ToList();
        var byYear = CaseNameIndexes.GivenBirthYearValues(keys, birth).Select(v => indexer.Compute(byYearIndex, v)).Distinct().ToList();
        if (byName.Count == 0 && byYear.Count == 0)
            return [];
        var nameIndex = byNameIndex.Name;
        var yearIndex = byYearIndex.Name;
        var ids = await db.BlindIndexEntries.AsNoTracking()
            .Where(e => e.EntityType == entityType
                && ((e.IndexName == nameIndex && byName.Contains(e.Value)) || (e.IndexName == yearIndex && byYear.Contains(e.Value))))
            .Select(e => e.RecordId)
            .Distinct()
            .ToListAsync(ct);
        return new HashSet<string>(ids, StringComparer.Ordinal);
    }

    private double BirthFactor(int? a, int? b) => a is { } x && b is { } y && x != y ? options.DifferentBirthYearFactor : 1.0;
}
