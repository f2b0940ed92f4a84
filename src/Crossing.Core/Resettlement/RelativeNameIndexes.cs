using System.Globalization;
using Crossing.Core.Cases;
using Crossing.Core.Cases.Names;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Resettlement;

/// <summary>
/// Relatives are indexed with the same name keys as cases (<see cref="CaseNameIndexes"/>: surname with given name,
/// given name with birth year; never a surname alone), under indexes of their own: the per-index keys differ, so
/// someone holding the database cannot join a relative's entries to a case's. Matching computes both values
/// in memory instead.
/// </summary>
public static class RelativeNameIndexes
{
    public static readonly BlindIndexDefinition SurnameGiven = new(
        "relative-name", CaseNameIndexes.ExpectedCases,
        new IndexedField("surname-key", FieldEntropy.Low),
        new IndexedField("given-key", FieldEntropy.High));

    public static readonly BlindIndexDefinition GivenBirthYear = new(
        "relative-given-year", CaseNameIndexes.ExpectedCases,
        new IndexedField("given-key", FieldEntropy.High),
        new IndexedField("birth-year", FieldEntropy.Low));

    public static BirthDate? YearOnly(int? year) =>
        year is { } y ? BirthDate.FromStored(y.ToString(CultureInfo.InvariantCulture)) : null;

    public static async Task WriteAsync(BlindIndexStore store, RelativeId id, RelativeInput input, CancellationToken ct)
    {
        var keys = KoreanNames.Keys(input.FullName);
        await store.ReplaceAsync(SurnameGiven, Relative.EntityType, id.RecordId, CaseNameIndexes.SurnameGivenValues(keys), ct);
        await store.ReplaceAsync(GivenBirthYear, Relative.EntityType, id.RecordId, CaseNameIndexes.GivenBirthYearValues(keys, YearOnly(input.BirthYear)), ct);
    }

    /// <summary>
    /// Why a relative's name cannot be indexed, or null. A surname alone ("Kim", "김") would be an index on a
    /// low-entropy field, so it is refused with a reason the person can act on.
    /// </summary>
    public static string? Problem(string fullName, int? birthYear)
    {
        if (KoreanNames.Problem(fullName) is { } problem)
            return problem;
        var keys = KoreanNames.Keys(fullName);
        if (keys.Count == 0)
            return CaseProblem.Text(CaseProblem.NameUnreadable);
        if (keys.All(k => k.Given.Length == 0))
            return CaseProblem.Text(CaseProblem.NameSurnameOnly);
        if (!CaseNameIndexes.SurnameGivenValues(keys).Any() && !CaseNameIndexes.GivenBirthYearValues(keys, YearOnly(birthYear)).Any())
            return CaseProblem.Text(CaseProblem.NameGivenOnly);
        return null;
    }
}
