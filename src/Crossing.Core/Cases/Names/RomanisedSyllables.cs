namespace Crossing.Core.Cases.Names;

/// <summary>
/// Whether lower-case Latin letters can be read as a run of Korean syllables in any romanisation in use
/// (Revised Romanization, McCune–Reischauer without breves and apostrophes, everyday spellings such as oo,
/// ee, ou). A name that cannot be read this way ("Jihyn", "Minnsu", "Jiyhun") holds a typo; one that can
/// ("Jihun") is taken as the name it spells (지훈), never as a typo of another (지현).
/// </summary>
internal static class RomanisedSyllables
{
    private static readonly string[] Onsets =
    [
        "tch", "kk", "gg", "tt", "dd", "pp", "bb", "ss", "jj", "ch", "sh",
        "g", "k", "n", "d", "t", "r", "l", "m", "b", "p", "f", "s", "j", "z", "h",
    ];

    private static readonly string[] Vowels =
    [
        "a", "ae", "ai", "ya", "yae", "yai", "eo", "e", "yeo", "ye", "o", "oo", "ou", "wa", "wae", "oe", "oi",
        "yo", "yoo", "you", "u", "wo", "weo", "woo", "wu", "we", "wi", "wee", "yu", "eu", "ui", "eui", "i", "ee",
    ];

    // 의 written "Yi" stands alone; after a consonant "yi" is not a spelling of anything.
    private static readonly string[] VowelsWithoutOnset = ["yi"];

    private static readonly string[] Codas = ["ng", "k", "g", "n", "t", "d", "l", "r", "m", "p", "b", "h"];

    /// <summary>True when the letters split into syllables (onset, vowel, final), each with exactly one vowel.</summary>
    public static bool CanRead(string letters)
    {
        if (letters.Length == 0) return false;
        var reachable = new bool[letters.Length + 1];
        reachable[0] = true;
        for (var start = 0; start < letters.Length; start++)
        {
            if (!reachable[start]) continue;
            MarkSyllableEnds(letters, start, reachable);
            if (reachable[letters.Length]) return true;
        }
        return reachable[letters.Length];
    }

    private static void MarkSyllableEnds(string letters, int start, bool[] reachable)
    {
        MarkAfterOnset(letters, start, withOnset: false, reachable);
        foreach (var onset in Onsets)
        {
            if (At(letters, start, onset)) MarkAfterOnset(letters, start + onset.Length, withOnset: true, reachable);
        }
    }

    private static void MarkAfterOnset(string letters, int at, bool withOnset, bool[] reachable)
    {
        foreach (var vowel in withOnset ? Vowels : Vowels.Concat(VowelsWithoutOnset))
        {
            if (!At(letters, at, vowel)) continue;
            var end = at + vowel.Length;
            reachable[end] = true;
            foreach (var coda in Codas)
            {
                if (At(letters, end, coda)) reachable[end + coda.Length] = true;
            }
        }
    }

    private static bool At(string letters, int at, string part) =>
        at + part.Length <= letters.Length && string.CompareOrdinal(letters, at, part, 0, part.Length) == 0;
}
