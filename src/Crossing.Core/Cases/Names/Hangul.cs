using System.Text;

namespace Crossing.Core.Cases.Names;

/// <summary>Hangul syllables decomposed into jamo and written in Revised Romanization.</summary>
/// <remarks>
/// Each syllable is romanised on its own, as Korean personal names are in practice ("Ji-hyeon",
/// not the sound-changed "Jiyeon"); sound changes between syllables would make the same name
/// romanise differently depending on where a hyphen is.
/// </remarks>
public static class Hangul
{
    private const int FirstSyllable = 0xAC00;
    private const int LastSyllable = 0xD7A3;
    private const int VowelCount = 21;
    private const int FinalCount = 28;

    private static readonly string[] Initials =
        ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];

    private static readonly string[] Vowels =
    [
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
        "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i",
    ];

    // Final consonants as pronounced before a pause, the way RR writes them at the end of a syllable.
    private static readonly string[] Finals =
    [
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
        "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
    ];

    public static bool IsSyllable(char c) => c >= FirstSyllable && c <= LastSyllable;

    /// <summary>True for Hangul letters that are not complete syllables (conjoining or compatibility jamo).</summary>
    public static bool IsJamo(char c) =>
        c is (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F')
            or (>= '\uA960' and <= '\uA97F') or (>= '\uD7B0' and <= '\uD7FF') or (>= '\uFFA0' and <= '\uFFDC');

    /// <summary>Revised Romanization of one syllable, lower case ("현" → "hyeon").</summary>
    public static string Romanise(char syllable)
    {
        if (!IsSyllable(syllable)) throw new ArgumentOutOfRangeException(nameof(syllable), "Not a Hangul syllable.");
        var index = syllable - FirstSyllable;
        var initial = index / (VowelCount * FinalCount);
        var vowel = index % (VowelCount * FinalCount) / FinalCount;
        var final = index % FinalCount;
        return Initials[initial] + Vowels[vowel] + Finals[final];
    }

    /// <summary>Revised Romanization of a run of text, syllable by syllable; other characters are kept as they are.</summary>
    public static string Romanise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length * 3);
        foreach (var c in text)
        {
            if (IsSyllable(c)) builder.Append(Romanise(c));
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
