namespace Crossing.Core.Cases.Names;

/// <summary>One possible reading of a full name: canonical phonetic keys of surname and given name.</summary>
public readonly record struct NameKey(string Surname, string Given);

/// <summary>Normalises Korean names written in Hangul or any romanisation so the same person is found under any spelling.</summary>
/// <remarks>How the keys are built and how coarse they are: docs/name-matching.md.</remarks>
public static class KoreanNames
{
    /// <summary>Longest name <see cref="Problem"/> accepts, in UTF-16 characters.</summary>
    public const int MaxLength = 200;

    // Distances are computed on at most this many key letters, so a pathological input stays cheap.
    private const int MaxComparedLength = 64;

    /// <summary>Score of a reading that equals the other name once a sound change across syllables is allowed for.</summary>
    public const double HeardScore = 0.92;

    /// <summary>Score of a reading that equals the other name once one typo is undone.</summary>
    public const double TypoScore = 0.9;

    /// <summary>
    /// All plausible (surname, given) readings of a name written in Hangul or any romanisation, either order
    /// ("Kim Ji-hyun", "Jihyun Kim", "KIM JI HYUN", "김지현"), each folded to canonical phonetic keys.
    /// </summary>
    /// <remarks>Never throws; input that holds no Hangul or Latin letters has no readings.</remarks>
    public static IReadOnlyList<NameKey> Keys(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        return DistinctKeys(Readings(NameText.Words(fullName)));
    }

    private static List<NameKey> DistinctKeys(List<Reading> readings)
    {
        var keys = new List<NameKey>(readings.Count);
        foreach (var reading in readings)
        {
            if (!keys.Contains(reading.Key)) keys.Add(reading.Key);
        }
        return keys;
    }

    /// <summary>
    /// The readings of a name together with the ways it may also have been heard or mistyped, and the keys a
    /// query looks up (<see cref="NameForms.LookupKeys"/>). Variants exist only here, at query time: records
    /// are indexed under <see cref="Keys"/> alone.
    /// </summary>
    public static NameForms Forms(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        var words = NameText.Words(fullName);
        var readings = Readings(words);
        var keys = DistinctKeys(readings);
        var variants = new Dictionary<NameKey, double>();
        var probes = new List<NameKey>();
        void Variant(NameKey key, double score)
        {
            if (!keys.Contains(key) && variants.GetValueOrDefault(key) < score) variants[key] = score;
        }
        foreach (var reading in readings)
        {
            var (surname, given) = reading.Key;
            if (given.Length == 0) continue;
            foreach (var heard in NameVariants.HeardAs(given))
                Variant(new NameKey(surname, heard), HeardScore);
            if (reading.TypedGiven is not { } typed) continue;
            foreach (var corrected in NameVariants.Corrections(typed))
                Variant(new NameKey(surname, PhoneticFold.Fold(corrected)), TypoScore);
        }
        // Probes cost look-ups (each brings its bucket of unrelated records to decrypt), so only the preferred
        // reading gets them: the first one with both parts, which is the surname-first reading when there is one.
        if (readings.FirstOrDefault(r => r.Key.Surname.Length > 0 && r.Key.Given.Length > 0) is { TypedGiven: { } first } preferred)
        {
            foreach (var mistyped in NameVariants.TypedWithOneTypo(first))
            {
                var probe = preferred.Key with { Given = PhoneticFold.Fold(mistyped) };
                if (probe.Given.Length > 0 && !keys.Contains(probe) && !probes.Contains(probe)) probes.Add(probe);
            }
        }
        foreach (var corrected in SurnameCorrections(words))
            Variant(corrected, TypoScore);
        return new NameForms(keys, [.. variants.Select(v => new NameVariant(v.Key, v.Value))], probes);
    }

    private readonly record struct Reading(NameKey Key, string? TypedGiven);

    private static List<Reading> Readings(List<NameWord> words)
    {
        var readings = new List<Reading>();
        void Add(string surname, IEnumerable<NameWord> given)
        {
            var givenWords = given.ToList();
            var typed = givenWords.Any(w => w.IsHangul) ? null : string.Concat(givenWords.Select(w => w.Text));
            var reading = new Reading(new NameKey(surname, PhoneticFold.Fold(string.Concat(givenWords.Select(w => w.Latin)))), typed);
            if (!readings.Contains(reading)) readings.Add(reading);
        }

        switch (words.Count)
        {
            case 0:
                break;
            case 1 when words[0].IsHangul:
                ReadHangulWord(words[0].Text, readings);
                break;
            case 1:
                ReadLatinWord(words[0].Text, readings);
                break;
            default:
                var first = Known(words[0]);
                var last = Known(words[^1]);
                if (first is not null || last is null) Add(first ?? KoreanSurnames.KeyOf(words[0].Text), words.Skip(1));
                if (words.Count >= 3 && Known(words[0], words[1]) is { } firstTwo) Add(firstTwo, words.Skip(2));
                if (last is not null) Add(last, words.Take(words.Count - 1));
                if (words.Count >= 3 && Known(words[^2], words[^1]) is { } lastTwo) Add(lastTwo, words.Take(words.Count - 2));
                break;
        }
        return readings;
    }

    // A surname typed with one typo ("Kmi", "Pakr", "Kimm"): read as the known surname it is one edit from.
    // The first word is tried (names are mostly written surname first); the last only when the first word
    // neither is a surname nor is one typo away from one ("Ji-hyun Kmi").
    private static List<NameKey> SurnameCorrections(List<NameWord> words)
    {
        var corrections = new List<NameKey>();
        if (words.Count < 2 || Known(words[0]) is not null) return corrections;
        foreach (var (surname, rest) in new[] { (words[0], words.Skip(1)), (words[^1], words.Take(words.Count - 1)) })
        {
            if (surname.IsHangul || surname.Text.Length is < 2 or > NameVariants.MaxLength || Known(surname) is not null) break;
            var given = PhoneticFold.Fold(string.Concat(rest.Select(w => w.Latin)));
            if (given.Length == 0) break;
            foreach (var corrected in NameVariants.OneEditAway(surname.Text, withInsertions: true))
            {
                if (KoreanSurnames.Known(corrected) is { } key && !corrections.Contains(new NameKey(key, given)))
                    corrections.Add(new NameKey(key, given));
            }
            if (corrections.Count > 0) break;
        }
        return corrections;
    }

    private static string? Known(NameWord word) => KoreanSurnames.Known(word.Text);

    private static string? Known(NameWord first, NameWord second) =>
        first.IsHangul == second.IsHangul ? KoreanSurnames.Known(first.Text + second.Text) : null;

    // Hangul names are written surname first without a space: 김지현, 남궁민수.
    private static void ReadHangulWord(string syllables, List<Reading> readings)
    {
        readings.Add(new Reading(new NameKey(KoreanSurnames.KeyOf(syllables[..1]), PhoneticFold.Fold(Hangul.Romanise(syllables[1..]))), null));
        if (syllables.Length >= KoreanSurnames.MaxHangulLength
            && KoreanSurnames.Known(syllables[..KoreanSurnames.MaxHangulLength]) is { } compound)
        {
            var reading = new Reading(new NameKey(compound, PhoneticFold.Fold(Hangul.Romanise(syllables[KoreanSurnames.MaxHangulLength..]))), null);
            if (!readings.Contains(reading)) readings.Add(reading);
        }
    }

    // One Latin word: a surname alone, or a name run together ("Kimjihyun"), or a given name alone.
    private static void ReadLatinWord(string letters, List<Reading> readings)
    {
        if (KoreanSurnames.Known(letters) is { } surname)
        {
            readings.Add(new Reading(new NameKey(surname, ""), null));
            return;
        }
        readings.Add(new Reading(new NameKey("", PhoneticFold.Fold(letters)), letters));
        foreach (var spelling in KoreanSurnames.LatinSpellings)
        {
            if (letters.Length < spelling.Length + 2 || !letters.StartsWith(spelling, StringComparison.Ordinal)) continue;
            var given = letters[spelling.Length..];
            var reading = new Reading(new NameKey(KoreanSurnames.Known(spelling)!, PhoneticFold.Fold(given)), given);
            if (!readings.Contains(reading)) readings.Add(reading);
        }
    }

    /// <summary>
    /// Similarity in [0,1] of two full names after normalisation (best over readings); same surname with a
    /// different given name scores low.
    /// </summary>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Similarity(Forms(a), Forms(b));
    }

    /// <summary>
    /// Similarity of two names already analysed: 1 when two readings are equal, <see cref="HeardScore"/> or
    /// <see cref="TypoScore"/> when a reading of one equals a heard or typo-corrected variant of the other,
    /// else the edit-distance score of the closest readings. Symmetric.
    /// </summary>
    public static double Similarity(NameForms a, NameForms b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var best = 0.0;
        foreach (var x in a.Keys)
        {
            foreach (var y in b.Keys)
            {
                best = Math.Max(best, Similarity(x, y));
                if (best >= 1.0) return 1.0;
            }
        }
        foreach (var (variants, keys) in new[] { (a.Variants, b.Keys), (b.Variants, a.Keys) })
        {
            foreach (var variant in variants)
            {
                if (variant.Score > best && keys.Contains(variant.Key)) best = variant.Score;
            }
        }
        return best;
    }

    /// <summary>Similarity of two readings: the given name carries the identity, the surname only confirms it.</summary>
    internal static double Similarity(NameKey x, NameKey y)
    {
        if (x == y) return 1.0;
        var surname = x.Surname.Length == 0 || y.Surname.Length == 0
            ? 0.5
            : Closeness(x.Surname, y.Surname);
        return (0.5 + 0.5 * surname) * Closeness(x.Given, y.Given);
    }

    // Variant spellings already fold to equal keys, so a letter that still differs is most often a
    // different syllable (지현/지훈): the score falls with the cube of the share of letters that agree,
    // one letter off in a six-letter key is 0.58, a different syllable in a two-syllable name below 0.2.
    private static double Closeness(string a, string b)
    {
        if (a == b) return 1.0;
        a = a.Length > MaxComparedLength ? a[..MaxComparedLength] : a;
        b = b.Length > MaxComparedLength ? b[..MaxComparedLength] : b;
        var longest = Math.Max(a.Length, b.Length);
        var agreeing = 1.0 - (double)EditDistance(a, b) / longest;
        return agreeing * agreeing * agreeing;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// Validates a name: returns null if acceptable, else a human-readable reason (empty, too long, control
    /// characters, no letters, mixed scripts that can't be a name...). The reason never quotes the name.
    /// </summary>
    public static string? Problem(string fullName) => NameProblems.Find(fullName);
}

/// <summary>A reading of a name as it may have been heard or mistyped, and how likely that makes it the same name.</summary>
public readonly record struct NameVariant(NameKey Key, double Score);

/// <summary>A name analysed for matching: its readings, its heard and typo-corrected variants, and probe keys.</summary>
/// <param name="Keys">The readings, as indexed for a record (<see cref="KoreanNames.Keys"/>).</param>
/// <param name="Variants">Readings the name may stand for if it was heard or typed with one slip; scored below 1.</param>
/// <param name="Probes">
/// Keys a record would hold if it had been typed with a letter dropped, doubled or swapped: looked up to find
/// such a record, never scored (the record's own spelling decides, through its <paramref name="Variants"/>).
/// </param>
public sealed record NameForms(IReadOnlyList<NameKey> Keys, IReadOnlyList<NameVariant> Variants, IReadOnlyList<NameKey> Probes)
{
    /// <summary>Every key a query looks up: readings, variants and probes, each once.</summary>
    public IReadOnlyList<NameKey> LookupKeys { get; } = [.. Keys.Concat(Variants.Select(v => v.Key)).Concat(Probes).Distinct()];
}
