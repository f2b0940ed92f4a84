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
        if (string.IsNullOrWhiteSpace(fullName)) return CaseProblem.Text(CaseProblem.NameEmpty);
        if (fullName.Length > KoreanNames.MaxLength)
            return CaseProblem.Text(CaseProblem.NameTooLong, KoreanNames.MaxLength);

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
                return CaseProblem.Text(CaseProblem.NameControl);
            if (category == UnicodeCategory.Format)
                return CaseProblem.Text(CaseProblem.NameInvisible);
            if (char.IsSurrogate(c))
                return CaseProblem.Text(CaseProblem.NameEmoji);
            if (char.IsDigit(c)) return CaseProblem.Text(CaseProblem.NameDigits);
            if (Hangul.IsSyllable(c)) hasHangul = true;
            else if (Hangul.IsJamo(c)) hasJamo = true;
            else if (IsHanja(c)) hasHanja = true;
            else if (NameText.LatinLetters(c).Length > 0) hasLatin = true;
            else if (char.IsLetter(c)) hasOtherScript = true;
            else if (!char.IsWhiteSpace(c) && !NameText.IsApostrophe(c) && !Punctuation.Contains(c, StringComparison.Ordinal)
                     && category != UnicodeCategory.NonSpacingMark)
                return CaseProblem.Text(CaseProblem.NameSymbols);
        }

        if (hasJamo) return CaseProblem.Text(CaseProblem.NameJamo);
        if (hasHanja) return CaseProblem.Text(CaseProblem.NameHanja);
        if (hasOtherScript) return CaseProblem.Text(CaseProblem.NameOtherScript);
        if (hasHangul && hasLatin) return CaseProblem.Text(CaseProblem.NameMixed);
        if (!hasHangul && !hasLatin) return CaseProblem.Text(CaseProblem.NameNoLetters);
        return null;
    }

    private static bool IsHanja(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
