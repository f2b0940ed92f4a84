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

/// <summary>
/// Candidates the caller may see, best first; and whether a likely match exists somewhere the caller may not
/// see (then a field manager of that compartment has been alerted; the caller learns nothing more).
/// </summary>
public sealed record MatchResult(IReadOnlyList<MatchCandidate> Candidates, bool LikelyElsewhere)
{
    public bool AnyLikely => LikelyElsewhere || Candidates.Any(c => c.Likely);
}

/// <summary>
/// Finds cases that may be the same person: the blind indexes narrow 100,000 records to a handful, and only
/// those few are decrypted to be scored with <see cref="KoreanNames.Similarity"/>. Names never leave this class.
/// </summary>
public sealed class CaseMatcher(CrossingDbContext db, Vault vault, CaseIndexerCache indexers, IAuditLog audit, AccessPolicy access, MatchOptions options, TimeProvider time)
{
    public async Task<MatchResult> MatchAsync(StaffCaller caller, string fullName, BirthDate? birth, CaseId? exclude = null, bool alertElsewhere = true, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ViewCases))
            return new MatchResult([], false);
        var scored = await ScoreAsync(fullName, birth, exclude, ct);
        var visible = new List<MatchCandidate>();
        var hiddenLikely = new List<ScoredCase>();
        foreach (var s in scored.Where(s => s.Score >= options.ReportAt))
        {
            var likely = s.Score >= options.LikelyAt;
            if (access.CanSee(s.Case, caller, Permission.ViewCases))
                visible.Add(new MatchCandidate(s.Case.Code, Math.Round(s.Score, 2), likely));
            else if (likely)
                hiddenLikely.Add(s);
        }
        if (alertElsewhere && hiddenLikely.Count > 0)
            await AlertAsync(caller, hiddenLikely, ct);
        var best = visible.OrderByDescending(c => c.Score).ThenBy(c => c.Code, StringComparer.Ordinal).Take(options.MaxCandidates).ToList();
        return new MatchResult(best, hiddenLikely.Count > 0);
    }

    private sealed record ScoredCase(Case Case, double Score);

    private async Task<List<ScoredCase>> ScoreAsync(string fullName, BirthDate? birth, CaseId? exclude, CancellationToken ct)
    {
        if (KoreanNames.Problem(fullName) is not null)
            return [];
        var forms = KoreanNames.Forms(fullName);
        if (forms.Keys.Count == 0)
            return [];
        var ids = await CandidateIdsAsync(forms, birth, ct);
        if (exclude is { } ex)
            ids.Remove(ex.RecordId);
        if (ids.Count == 0)
            return [];
        var caseIds = ids.Select(i => new CaseId(Guid.ParseExact(i, "N"))).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);
        var keysById = await vault.OpenRecordKeysAsync(Case.EntityType, ids, ct);
        var result = new List<ScoredCase>(cases.Count);
        try
        {
            foreach (var c in cases)
            {
                if (!keysById.TryGetValue(c.Id.RecordId, out var key))
                    continue; // shredded: nothing left to match
                var name = key.Open(Case.Fields.FullName, c.FullName);
                var storedBirth = key.OpenOptional(Case.Fields.BirthDate, c.BirthDate);
                var score = KoreanNames.Similarity(forms, KoreanNames.Forms(name)) * BirthFactor(birth, storedBirth is null ? null : BirthDate.FromStored(storedBirth));
                result.Add(new ScoredCase(c, score));
            }
        }
        finally
        {
            foreach (var key in keysById.Values)
                key.Dispose();
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

    /// <summary>One alert per existing case and caller per day, so repeated searches do not flood the manager.</summary>
    private async Task AlertAsync(StaffCaller caller, List<ScoredCase> hidden, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-1);
        var ids = hidden.Select(h => h.Case.Id).ToList();
        var recent = await db.DuplicateAlerts
            .Where(a => ids.Contains(a.ExistingCaseId) && a.RaisedBy == caller.Code && a.RaisedAt > since)
            .Select(a => a.ExistingCaseId)
            .ToListAsync(ct);
        foreach (var h in hidden.Where(h => !recent.Contains(h.Case.Id)))
        {
            db.DuplicateAlerts.Add(DuplicateAlert.Raise(h.Case, caller.Code, now));
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, "case.duplicate-alert", h.Case.Code), ct);
        }
    }
}
