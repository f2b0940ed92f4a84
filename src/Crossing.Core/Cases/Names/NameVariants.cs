using System.Text;

namespace Crossing.Core.Cases.Names;

/// <summary>
/// Ways a name recalled from memory or heard rather than read may differ from how it was recorded: sound
/// changes across syllables (on folded keys) and one-letter typos (on the letters as typed). Only ever
/// computed at query time; nothing here is stored or indexed. See docs/name-matching.md.
/// </summary>
internal static class NameVariants
{
    /// <summary>Longer keys or typed names get no variants: names are short, and this keeps junk input cheap.</summary>
    public const int MaxLength = 24;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// Given-name keys as the name may have been heard: ㅎ weakened between voiced sounds (정희 heard as
    /// Jeong-i, and back), ㅖ heard as ㅐ/ㅔ (혜진 as Hae-jin, and back). ㅓ/ㅗ and ㅕ/ㅛ need nothing:
    /// <see cref="PhoneticFold"/> already gives them one key.
    /// </summary>
    public static IEnumerable<string> HeardAs(string key)
    {
        if (key.Length > MaxLength) yield break;
        for (var i = 1; i < key.Length; i++)
        {
            if (key[i] == 'h' && i + 1 < key.Length && StartsVowel(key[i + 1]) && AfterVoicedSound(key, i))
                yield return key.Remove(i, 1);
            if (StartsVowel(key[i]) && AfterVoicedSound(key, i))
                yield return key.Insert(i, "h");
        }
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != 'e') continue;
            if (i > 0 && key[i - 1] == 'y') yield return key.Remove(i - 1, 1);
            else if (i == 0 || key[i - 1] != 'w') yield return key.Insert(i, "y");
        }
    }

    // Key letters: vowels a e i o, glides y w (always before a vowel), consonants.
    private static bool StartsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'y' or 'w';

    // A vowel, or a final n, m, l or ng (one that follows a vowel), just before position i.
    private static bool AfterVoicedSound(string key, int i) =>
        IsVowel(key[i - 1])
        || (key[i - 1] is 'n' or 'm' or 'l' && i >= 2 && IsVowel(key[i - 2]))
        || (key[i - 1] == 'g' && i >= 3 && key[i - 2] == 'n' && IsVowel(key[i - 3]));

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o';

    /// <summary>
    /// Readings of typed letters with one typo undone: when the letters cannot be read as syllables common in
    /// given names ("Jihyn", "Jihyen", "Minnwon"), every spelling one dropped, doubled, extra or swapped letter
    /// away that can. A doubled a, i, u, y or w is undone even when the rest still reads ("Jiihyun"), because
    /// no romanisation writes those twice.
    /// </summary>
    public static IEnumerable<string> Corrections(string typed)
    {
        if (typed.Length is 0 or > MaxLength) yield break;
        for (var i = 1; i < typed.Length; i++)
        {
            if (typed[i] == typed[i - 1] && typed[i] is 'a' or 'i' or 'u' or 'y' or 'w')
                yield return typed.Remove(i, 1);
        }
        if (RomanisedSyllables.ReadsAsCommonNameSyllables(typed)) yield break;
        foreach (var candidate in OneEditAway(typed, withInsertions: true))
        {
            if (RomanisedSyllables.ReadsAsCommonNameSyllables(candidate)) yield return candidate;
        }
    }

    /// <summary>
    /// Spellings a record may hold if it was typed with one typo and the query was typed right: a letter
    /// dropped, doubled or swapped. Used only to find candidates, which are then scored (and a candidate is
    /// likely only when its own spelling cannot be read, see <see cref="Corrections"/>).
    /// </summary>
    public static IEnumerable<string> TypedWithOneTypo(string typed)
    {
        if (typed.Length is 0 or > MaxLength) yield break;
        var builder = new StringBuilder(typed.Length + 1);
        for (var i = 0; i < typed.Length; i++)
        {
            yield return typed.Remove(i, 1);
            yield return typed.Insert(i, typed[i].ToString());
            if (i + 1 < typed.Length && typed[i] != typed[i + 1]) yield return Swap(typed, i, builder);
        }
    }

    /// <summary>Spellings one deleted, swapped or (if asked) inserted letter away.</summary>
    public static IEnumerable<string> OneEditAway(string typed, bool withInsertions)
    {
        var builder = new StringBuilder(typed.Length + 1);
        for (var i = 0; i < typed.Length; i++)
        {
            yield return typed.Remove(i, 1);
            if (i + 1 < typed.Length && typed[i] != typed[i + 1]) yield return Swap(typed, i, builder);
        }
        if (!withInsertions) yield break;
        for (var i = 0; i <= typed.Length; i++)
        {
            foreach (var letter in Alphabet)
                yield return typed.Insert(i, letter.ToString());
        }
    }

    private static string Swap(string typed, int i, StringBuilder builder)
    {
        builder.Clear().Append(typed);
        (builder[i], builder[i + 1]) = (builder[i + 1], builder[i]);
        return builder.ToString();
    }
}
