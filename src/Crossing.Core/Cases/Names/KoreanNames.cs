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

    /// <summary>
    /// All plausible (surname, given) readings of a name written in Hangul or any romanisation, either order
    /// ("Kim Ji-hyun", "Jihyun Kim", "KIM JI HYUN", "김지현"), each folded to canonical phonetic keys.
    /// </summary>
    /// <remarks>Never throws; input that holds no Hangul or Latin letters has no readings.</remarks>
    public static IReadOnlyList<NameKey> Keys(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        var words = NameText.Words(fullName);
        var readings = new List<NameKey>();
        void Add(string surname, IEnumerable<NameWord> given)
        {
            var key = new NameKey(surname, PhoneticFold.Fold(string.Concat(given.Select(w => w.Latin))));
            if (!readings.Contains(key)) readings.Add(key);
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

    private static string? Known(NameWord word) => KoreanSurnames.Known(word.Text);

    private static string? Known(NameWord first, NameWord second) =>
        first.IsHangul == second.IsHangul ? KoreanSurnames.Known(first.Text + second.Text) : null;

    // Hangul names are written surname first without a space: 김지현, 남궁민수.
    private static void ReadHangulWord(string syllables, List<NameKey> readings)
    {
        readings.Add(new NameKey(KoreanSurnames.KeyOf(syllables[..1]), PhoneticFold.Fold(Hangul.Romanise(syllables[1..]))));
        if (syllables.Length >= KoreanSurnames.MaxHangulLength
            && KoreanSurnames.Known(syllables[..KoreanSurnames.MaxHangulLength]) is { } compound)
        {
            var key = new NameKey(compound, PhoneticFold.Fold(Hangul.Romanise(syllables[KoreanSurnames.MaxHangulLength..])));
            if (!readings.Contains(key)) readings.Add(key);
        }
    }

    // One Latin word: a surname alone, or a name run together ("Kimjihyun"), or a given name alone.
    private static void ReadLatinWord(string letters, List<NameKey> readings)
    {
        if (KoreanSurnames.Known(letters) is { } surname)
        {
            readings.Add(new NameKey(surname, ""));
            return;
        }
        readings.Add(new NameKey("", PhoneticFold.Fold(letters)));
        foreach (var spelling in KoreanSurnames.LatinSpellings)
        {
            if (letters.Length < spelling.Length + 2 || !letters.StartsWith(spelling, StringComparison.Ordinal)) continue;
            var key = new NameKey(KoreanSurnames.Known(spelling)!, PhoneticFold.Fold(letters[spelling.Length..]));
            if (!readings.Contains(key)) readings.Add(key);
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
        var best = 0.0;
        foreach (var x in Keys(a))
        {
            foreach (var y in Keys(b))
            {
                best = Math.Max(best, Similarity(x, y));
                if (best >= 1.0) return 1.0;
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
