using System.Globalization;

namespace Crossing.Core.Cases.Names;

/// <summary>Why a typed name cannot be accepted, in words the person typing it can act on.</summary>
/// <remarks>Messages describe the kind of character and never quote the name: they may end up in logs.</remarks>
internal static class NameProblems
{
    // Besides letters, a name may hold spaces, hyphens (Ji-hyun), apostrophes (Ch'ŏl), full stops and commas (Kim, J.).
    private const string Punctuation = "-\u2010\u2011\u2012\u2013\u00B7\u30FB.,";

    public static string? Find(string? fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName)) return "The name is empty.";
        if (fullName.Length > KoreanNames.MaxLength)
            return $"The name is longer than {KoreanNames.MaxLength} characters.";

        var hasHangul = false;
        var hasLatin = false;
        var hasJamo = false;
        var hasHanja = false;
        var hasOtherScript = false;
        for (var i = 0; i < fullName.Length; i++)
        {
            var c = fullName[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Control)
                return "The name contains control characters such as line breaks or tabs; type it on one line.";
            if (category == UnicodeCategory.Format)
                return "The name contains invisible formatting characters (for example from a copied text); type it again.";
            if (char.IsSurrogate(c))
                return "The name contains emoji or symbols; only letters, spaces, hyphens and apostrophes are allowed.";
            if (char.IsDigit(c)) return "The name contains digits.";
            if (Hangul.IsSyllable(c)) hasHangul = true;
            else if (Hangul.IsJamo(c)) hasJamo = true;
            else if (IsHanja(c)) hasHanja = true;
            else if (NameText.LatinLetters(c).Length > 0) hasLatin = true;
            else if (char.IsLetter(c)) hasOtherScript = true;
            else if (!char.IsWhiteSpace(c) && !NameText.IsApostrophe(c) && !Punctuation.Contains(c, StringComparison.Ordinal)
                     && category != UnicodeCategory.NonSpacingMark)
                return "The name contains symbols; only letters, spaces, hyphens, apostrophes and full stops are allowed.";
        }

        if (hasJamo) return "The name contains separate Hangul letters (jamo); type complete syllables such as 김지현.";
        if (hasHanja) return "The name is written in Hanja (Chinese characters); write it in Hangul or in Latin letters.";
        if (hasOtherScript) return "The name contains letters of a script other than Hangul or Latin; write it in Hangul or in Latin letters.";
        if (hasHangul && hasLatin) return "The name mixes Hangul and Latin letters; enter one form of the name only.";
        if (!hasHangul && !hasLatin) return "The name contains no letters.";
        return null;
    }

    private static bool IsHanja(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
