using System.Globalization;
using Crossing.Core.Cases.Names;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Cases;

/// <summary>
/// The blind indexes that find a person under any spelling. Both combine a name key with something else: an
/// index on a surname alone (a third of Koreans are Kim, Lee or Park) or on sex would split people into a few
/// large, recognisable groups, and <see cref="BlindIndexDefinition"/> refuses it.
/// </summary>
public static class CaseNameIndexes
{
    public const int ExpectedCases = 100_000;

    public static readonly BlindIndexDefinition SurnameGiven = new(
        "case-name", ExpectedCases,
        new IndexedField("surname-key", FieldEntropy.Low),
        new IndexedField("given-key", FieldEntropy.High));

    /// <summary>Finds the same person when the surname was written or heard differently (or not at all).</summary>
    public static readonly BlindIndexDefinition GivenBirthYear = new(
        "case-given-year", ExpectedCases,
        new IndexedField("given-key", FieldEntropy.High),
        new IndexedField("birth-year", FieldEntropy.Low));

    // A reading with an empty part (a lone surname, a lone given name) would put a low-entropy value in the
    // index: a surname-only bucket says "all the Kims". Such readings are never indexed or looked up.
    // Records are indexed under their readings only; the heard and typo variants a search also tries
    // (KoreanNames.Forms) are computed at query time and never stored (docs/blind-indexes.md).
    public static IEnumerable<string[]> SurnameGivenValues(IReadOnlyList<NameKey> keys) =>
        keys.Where(k => k.Surname.Length > 0 && k.Given.Length > 0).Select(k => new[] { k.Surname, k.Given });

    public static IEnumerable<string[]> GivenBirthYearValues(IReadOnlyList<NameKey> keys, BirthDate? birth) =>
        birth is { } b
            ? keys.Select(k => k.Given).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Select(g => new[] { g, b.Year.ToString(CultureInfo.InvariantCulture) })
            : [];

    public static async Task WriteAsync(BlindIndexStore store, CaseId id, CaseIdentity identity, CancellationToken ct)
    {
        var keys = KoreanNames.Keys(identity.FullName);
        await store.ReplaceAsync(SurnameGiven, Case.EntityType, id.RecordId, SurnameGivenValues(keys), ct);
        await store.ReplaceAsync(GivenBirthYear, Case.EntityType, id.RecordId, GivenBirthYearValues(keys, identity.BirthDate), ct);
    }
}

/// <summary>Thresholds for calling two records the same person. Bound from <c>Crossing:Matching</c>.</summary>
public sealed class MatchOptions
{
    public const string Section = "Crossing:Matching";

    /// <summary>
    /// A candidate at or above this score is reported as a likely duplicate. A name heard differently scores
    /// <see cref="KoreanNames.HeardScore"/> and one typed with a slip <see cref="KoreanNames.TypoScore"/>: a
    /// threshold above those would report them without calling them likely.
    /// </summary>
    public double LikelyAt { get; set; } = 0.8;

    /// <summary>Candidates below this score are not reported at all.</summary>
    public double ReportAt { get; set; } = 0.5;

    /// <summary>Both birth years known and different: the name score is multiplied by this (a different person, most likely).</summary>
    public double DifferentBirthYearFactor { get; set; } = 0.5;

    /// <summary>Both birth months known and different (same year): a smaller penalty, months are often guessed.</summary>
    public double DifferentBirthMonthFactor { get; set; } = 0.9;

    public int MaxCandidates { get; set; } = 20;
}

public sealed record MatchCandidate(string Code, double Score, bool Likely);

/// <summary>Candidates the caller may see, best first. Nothing about cases the caller may not see.</summary>
public sealed record MatchResult(IReadOnlyList<MatchCandidate> Candidates)
{
    public bool AnyLikely => Candidates.Any(c => c.Likely);
}

/// <summary>
/// Finds cases that may be the same person: the blind indexes narrow 100,000 records to a handful, and only
/// those few are decrypted (through <see cref="SealedReader"/>, audited per look-up) to be scored with
/// <see cref="KoreanNames.Similarity"/>. Names never leave this class.
/// <para>
/// A look-up only ever considers cases the caller may see (the compartment filter removes the others before
/// anything is decrypted), so its answer about a name held elsewhere is the same as about a name nobody holds:
/// it is not an oracle. The one cross-compartment comparison happens after a case is really recorded
/// (<see cref="AlertAcrossCompartmentsAsync"/>): a named, audited bypass whose result goes to the field managers.
/// </para>
/// </summary>
public sealed class CaseMatcher(
    CrossingDbContext db, SealedReader reader, CompartmentBypass bypass, CaseIndexerCache indexers, IAuditLog audit,
    CallerScope scope, MatchOptions options, TimeProvider time)
{
    private static readonly IReadOnlySet<string> MatchFields = new HashSet<string>(StringComparer.Ordinal) { Case.Fields.FullName, Case.Fields.BirthDate };

    public async Task<MatchResult> MatchAsync(StaffCaller caller, string fullName, BirthDate? birth, CaseId? exclude = null, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ViewCases) || caller.Compartments.Count == 0)
            return new MatchResult([]);
        using var acting = scope.Use(caller);
        var scored = await ScoreAsync(db.Cases, caller.AuditActor, fullName, birth, exclude, null, ct);
        var visible = scored
            .Where(s => s.Score >= options.ReportAt)
            .Select(s => new MatchCandidate(s.Case.Code, Math.Round(s.Score, 2), s.Score >= options.LikelyAt))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Take(options.MaxCandidates)
            .ToList();
        return new MatchResult(visible);
    }

    /// <summary>
    /// After <paramref name="recorded"/> was saved: compares it with cases in every compartment (the audited bypass
    /// <see cref="BypassReason.DuplicateCheckAfterIntake"/>). For each likely duplicate the caller may not see, the
    /// field managers of both compartments get an alert naming both codes, and each alert is an audit event.
    /// Returns whether any such alert was raised; the caller learns nothing else.
    /// </summary>
    public async Task<bool> AlertAcrossCompartmentsAsync(StaffCaller caller, Case recorded, CaseIdentity identity, CancellationToken ct = default)
    {
        if (caller.Compartments.Count == 0)
            return false;
        var everyCase = await bypass.AcrossCompartmentsAsync<Case>(BypassReason.DuplicateCheckAfterIntake, caller.AuditActor, recorded.Code, ct);
        var scored = await ScoreAsync(everyCase, caller.AuditActor, identity.FullName, identity.BirthDate, recorded.Id, recorded.Code, ct);
        var hidden = scored.Where(s => s.Score >= options.LikelyAt && !caller.Holds(s.Case.CompartmentId)).ToList();
        var now = time.GetUtcNow();
        foreach (var h in hidden)
        {
            db.DuplicateAlerts.Add(DuplicateAlert.Raise(h.Case, recorded.Code, caller.Code, now));
            db.DuplicateAlerts.Add(DuplicateAlert.Raise(recorded, h.Case.Code, caller.Code, now));
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, "case.duplicate-alert", h.Case.Code), ct);
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, "case.duplicate-alert", recorded.Code), ct);
        }
        return hidden.Count > 0;
    }

    private sealed record ScoredCase(Case Case, double Score);

    private async Task<List<ScoredCase>> ScoreAsync(
        IQueryable<Case> source, string actor, string fullName, BirthDate? birth, CaseId? exclude, string? code, CancellationToken ct)
    {
        if (KoreanNames.Problem(fullName) is not null)
            return [];
        var forms = KoreanNames.Forms(fullName);
        var ids = forms.Keys.Count == 0 ? [] : await CandidateIdsAsync(forms, birth, ct);
        if (exclude is { } ex)
            ids.Remove(ex.RecordId);
        var caseIds = ids.Select(i => new CaseId(Guid.ParseExact(i, "N"))).ToList();
        // Only candidates the source lets through are decrypted: for a caller's look-up, cases in other
        // compartments are never opened, so neither the answer nor the work done depends on them.
        var cases = caseIds.Count == 0 ? [] : await source.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);
        // Every look-up is audited, also one that found nothing: repeated probing leaves a trace.
        var opened = await reader.OpenForMatchingAsync(actor, Case.EntityType, [.. cases.Select(c => c.Id.RecordId)], MatchFields, code, ct);
        var result = new List<ScoredCase>(cases.Count);
        try
        {
            foreach (var c in cases)
            {
                if (!opened.TryGetValue(c.Id.RecordId, out var key))
                    continue; // shredded: nothing left to match
                var name = key.Open(Case.Fields.FullName, c.FullName);
                var storedBirth = key.OpenOptional(Case.Fields.BirthDate, c.BirthDate);
                var score = KoreanNames.Similarity(forms, KoreanNames.Forms(name)) * BirthFactor(birth, storedBirth is null ? null : BirthDate.FromStored(storedBirth));
                result.Add(new ScoredCase(c, score));
            }
        }
        finally
        {
            opened.DisposeAll();
        }
        return result;
    }

    /// <summary>
    /// Both indexes in one query: record ids whose entries match any reading of the name. The surname index is
    /// also asked for the name's heard, typo-corrected and probe keys (computed here, never stored), because a
    /// likely match needs the same surname anyway; the given-name index, which exists for a surname written
    /// differently or not at all, is asked for the readings only.
    /// </summary>
    private async Task<HashSet<string>> CandidateIdsAsync(NameForms forms, BirthDate? birth, CancellationToken ct)
    {
        var indexer = await indexers.GetAsync(ct);
        var keys = forms.Keys;
        var byName = CaseNameIndexes.SurnameGivenValues(forms.LookupKeys).Select(v => indexer.Compute(CaseNameIndexes.SurnameGiven, v)).Distinct().ToList();
        var byYear = CaseNameIndexes.GivenBirthYearValues(keys, birth).Select(v => indexer.Compute(CaseNameIndexes.GivenBirthYear, v)).Distinct().ToList();
        var nameIndex = CaseNameIndexes.SurnameGiven.Name;
        var yearIndex = CaseNameIndexes.GivenBirthYear.Name;
        var ids = await db.BlindIndexEntries.AsNoTracking()
            .Where(e => e.EntityType == Case.EntityType
                && ((e.IndexName == nameIndex && byName.Contains(e.Value)) || (e.IndexName == yearIndex && byYear.Contains(e.Value))))
            .Select(e => e.RecordId)
            .Distinct()
            .ToListAsync(ct);
        return new HashSet<string>(ids, StringComparer.Ordinal);
    }

    private double BirthFactor(BirthDate? a, BirthDate? b)
    {
        if (a is not { } x || b is not { } y)
            return 1.0;
        if (x.Year != y.Year)
            return options.DifferentBirthYearFactor;
        if (x.Month is { } mx && y.Month is { } my && mx != my)
            return options.DifferentBirthMonthFactor;
        return 1.0;
    }
}
