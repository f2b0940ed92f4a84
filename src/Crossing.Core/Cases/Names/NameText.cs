using System.Globalization;
using System.Text;

namespace Crossing.Core.Cases.Names;

/// <summary>A word of a name: Hangul syllables, or Latin letters folded to lower-case ASCII.</summary>
internal readonly record struct NameWord(string Text, bool IsHangul)
{
    /// <summary>The word in lower-case Latin letters (Hangul romanised).</summary>
    public string Latin => IsHangul ? Hangul.Romanise(Text) : Text;
}

/// <summary>Splits a name as typed into words, whatever its separators, case, diacritics or stray characters.</summary>
internal static class NameText
{
    // Apostrophes mark aspiration in McCune–Reischauer (Ch'ŏl) or separate syllables; they join letters.
    private const string Apostrophes = "'\u2019\u2018\u02BC\u02BB\u0060\u00B4\u2032";

    /// <summary>The input with invalid UTF-16 (lone surrogates) replaced by spaces, so normalisation cannot fail.</summary>
    public static string WellFormed(string text)
    {
        var builder = new StringBuilder(text.Length);
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(span, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done) builder.Append(span[..consumed]);
            else builder.Append(' ');
            span = span[consumed..];
        }
        return builder.ToString().Normalize(NormalizationForm.FormKC);
    }

    public static bool IsApostrophe(char c) => Apostrophes.Contains(c, StringComparison.Ordinal);

    public static List<NameWord> Words(string fullName)
    {
        var words = new List<NameWord>();
        var current = new StringBuilder();
        var currentIsHangul = false;

        void Flush()
        {
            if (current.Length > 0) words.Add(new NameWord(current.ToString(), currentIsHangul));
            current.Clear();
        }

        foreach (var c in WellFormed(fullName))
        {
            if (Hangul.IsSyllable(c))
            {
                if (!currentIsHangul) Flush();
                currentIsHangul = true;
                current.Append(c);
            }
            else if (IsApostrophe(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // Joins letters: "Ch'ŏl" is one word.
            }
            else if (LatinLetters(c) is { Length: > 0 } latin)
            {
                if (currentIsHangul) Flush();
                currentIsHangul = false;
                current.Append(latin);
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return words;
    }

    /// <summary>A Latin letter as lower-case ASCII without diacritics ("Ŏ" → "o"), or empty for anything else.</summary>
    public static string LatinLetters(char c)
    {
        if (c is >= 'a' and <= 'z') return c.ToString();
        if (c is >= 'A' and <= 'Z') return ((char)(c + ('a' - 'A'))).ToString();
        if (c < '\u00C0' || !char.IsLetter(c)) return "";
        switch (char.ToLowerInvariant(c))
        {
            case 'æ': return "ae";
            case 'œ': return "oe";
            case 'ø': return "o";
            case 'ß': return "ss";
            case 'ı': return "i";
            case 'ł': return "l";
            case 'đ': return "d";
        }
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 1 && decomposed[0] is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
            ? LatinLetters(decomposed[0])
            : "";
    }
}
