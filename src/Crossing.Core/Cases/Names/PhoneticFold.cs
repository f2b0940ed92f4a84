using System.Text;

namespace Crossing.Core.Cases.Names;

/// <summary>
/// Folds a romanised Korean name part (lower-case ASCII letters) to a coarse phonetic key, so that
/// Revised Romanization, McCune–Reischauer (breves and apostrophes already stripped), North Korean
/// and everyday English spellings of the same syllables end up equal.
/// </summary>
/// <remarks>
/// The classes (see docs/name-matching.md): ㅓ/ㅗ/ㅜ/ㅡ are one vowel "o" because "u" is written for
/// ㅓ (Hyun), ㅜ (Sun) and ㅡ (Un), and "o" for ㅓ (MR Hyŏn without its breve) and ㅗ; ㅐ/ㅔ are "e";
/// 으이/ee/i are "i"; plain, aspirated and tense stops are one letter (k/g, t/d, p/b, ch/j), as are
/// s/sh and r/l. A letter h or r that does not start a syllable (Ahn, Park, Hur) is dropped.
/// </remarks>
internal static class PhoneticFold
{
    // Longest first: at each position the first pattern that matches wins.
    private static readonly (string Spelling, string Key)[] VowelSpellings =
    [
        ("yeo", "yo"), ("yoo", "yo"), ("you", "yo"), ("yae", "ye"), ("yai", "ye"),
        ("wae", "we"), ("weo", "wo"), ("woo", "o"), ("wee", "wi"), ("eui", "i"),
        ("ye", "ye"), ("yo", "yo"), ("yu", "yo"), ("ya", "ya"), ("yi", "i"),
        ("wa", "wa"), ("wo", "wo"), ("we", "we"), ("wi", "wi"), ("wu", "o"),
        ("oe", "we"), ("oi", "we"), ("ui", "i"), ("ee", "i"),
        ("eo", "o"), ("eu", "o"), ("oo", "o"), ("ou", "o"),
        ("ae", "e"), ("ai", "e"),
        ("a", "a"), ("e", "e"), ("i", "i"), ("o", "o"), ("u", "o"),
    ];

    // Diphthong spellings that, before another vowel, are more likely two syllables:
    // "Haeun" is Ha-eun (하은), "Joeun" is Jo-eun (조은).
    private static readonly HashSet<string> SplitBeforeVowel = ["ae", "ai", "oe", "oi"];

    private static bool IsVowelLetter(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool StartsSyllableSound(string text, int next) =>
        next < text.Length && (IsVowelLetter(text[next]) || text[next] is 'w' or 'y');

    public static string Fold(string latin)
    {
        var key = new StringBuilder(latin.Length);
        var i = 0;
        while (i < latin.Length)
        {
            var c = latin[i];
            if (IsVowelLetter(c) || c is 'w' or 'y')
            {
                var (consumed, folded) = MatchVowel(latin, i);
                if (consumed == 0)
                {
                    i++; // a lone w or y before a consonant or at the end ("Chey") carries no sound of its own
                    continue;
                }
                key.Append(folded);
                i += consumed;
                continue;
            }
            if (c == 't' && latin.AsSpan(i).StartsWith("tch"))
            {
                key.Append("jj"); // McCune–Reischauer ㅉ
                i += 3;
                continue;
            }
            if (c is 'c' or 's' && i + 1 < latin.Length && latin[i + 1] == 'h')
            {
                key.Append(c == 'c' ? 'j' : 's');
                i += 2;
                continue;
            }
            switch (c)
            {
                case 'h' or 'r' when !StartsSyllableSound(latin, i + 1):
                    break;
                case 'h':
                    key.Append('h');
                    break;
                case 'k' or 'g' or 'q' or 'c':
                    key.Append('g');
                    break;
                case 't' or 'd':
                    key.Append('d');
                    break;
                case 'p' or 'b' or 'f' or 'v':
                    key.Append('b');
                    break;
                case 'j' or 'z':
                    key.Append('j');
                    break;
                case 'r' or 'l':
                    key.Append('l');
                    break;
                case 'x':
                    key.Append('s');
                    break;
                default:
                    key.Append(c);
                    break;
            }
            i++;
        }
        return key.ToString();
    }

    private static (int Consumed, string Folded) MatchVowel(string text, int at)
    {
        foreach (var (spelling, folded) in VowelSpellings)
        {
            if (string.CompareOrdinal(text, at, spelling, 0, spelling.Length) != 0) continue;
            if (SplitBeforeVowel.Contains(spelling) && at + spelling.Length < text.Length
                && IsVowelLetter(text[at + spelling.Length])) continue;
            return (spelling.Length, folded);
        }
        return (0, "");
    }
}
