using System.Text;
using Crossing.Core.Cases.Names;
using CsCheck;

namespace Crossing.Tests.Cases.Names;

public sealed class KoreanNamesPropertyTests
{
    private static readonly Gen<string> AnyText =
        Gen.OneOf(
            Gen.Char.Array[0, 60],
            Gen.Char["\0\t\n\r\u200B\u202E\uFEFF\uD83D\uDE00\uD800\uDFFF-' .,김지현리ŏŭKkIiJjHhYy\u0306\u3131\u1100\u1161"].Array[0, 60])
        .Select(chars => new string(chars));

    // Independent Revised Romanization oracle, built from the jamo order in the Unicode standard.
    private static readonly string[] OracleInitials = "g kk n d tt r m b pp s ss - j jj ch k t p h".Split(' ');
    private static readonly string[] OracleVowels = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".Split(' ');
    private static readonly string[] OracleFinals = "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t".Split(' ');

    private static string Rr(char syllable)
    {
        var index = syllable - 0xAC00;
        var initial = OracleInitials[index / 588].Replace("-", "", StringComparison.Ordinal);
        var final = OracleFinals[index % 28].Replace("-", "", StringComparison.Ordinal);
        return initial + OracleVowels[index % 588 / 28] + final;
    }

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static readonly Gen<(string Hangul, string Surname, string[] Given)> HangulNames =
        Gen.Select(
            Gen.OneOf(KoreanSurnames.HangulForms.ToArray()),
            Gen.Char['\uAC00', '\uD7A3'].Array[1, 3],
            (surname, given) => (surname + new string(given), surname, given.Select(Rr).ToArray()));

    [Fact]
    public void Keys_never_throw_on_arbitrary_unicode()
    {
        AnyText.Sample(text =>
        {
            _ = KoreanNames.Keys(text);
            _ = KoreanNames.Problem(text);
            _ = KoreanNames.Similarity(text, "김지현");
        });
    }

    [Fact]
    public void Keys_never_throw_on_ten_thousand_characters()
    {
        Gen.Char.Array[10_000].Select(chars => new string(chars)).Sample(text =>
        {
            _ = KoreanNames.Keys(text);
            Assert.NotNull(KoreanNames.Problem(text));
        }, iter: 20);
        var longName = string.Concat(Enumerable.Repeat("Kim Ji-hyun 김지현 ", 700))[..10_000];
        Assert.NotEmpty(KoreanNames.Keys(longName));
        Assert.InRange(KoreanNames.Similarity(longName, longName), 0.0, 1.0);
    }

    [Fact]
    public void Keys_are_deterministic()
    {
        AnyText.Sample(text =>
            Assert.Equal(KoreanNames.Keys(text), KoreanNames.Keys(new StringBuilder(text).ToString())));
    }

    [Fact]
    public void Keys_ignore_letter_case()
    {
        AnyText.Sample(text =>
        {
            var flipped = new string(text.Select(c => c is >= 'a' and <= 'z' ? char.ToUpperInvariant(c)
                : c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : c).ToArray());
            Assert.Equal(KoreanNames.Keys(text), KoreanNames.Keys(flipped));
        });
    }

    [Fact]
    public void Keys_ignore_which_separators_join_the_words()
    {
        var separators = Gen.OneOf<string>(" ", "  ", "-", " - ", "\u00A0", "\u3000", ", ", "\u2010");
        var words = Gen.Char["abcdeghijkmnoprstuwy"].Array[1, 8].Select(c => new string(c)).Array[1, 4];
        Gen.Select(words, separators.Array[3], separators.Array[3], Gen.Bool).Sample((w, one, other, upper) =>
        {
            var a = string.Concat(w.Select((word, i) => (i == 0 ? "" : one[i - 1]) + word));
            var b = " " + string.Concat(w.Select((word, i) => (i == 0 ? "" : other[i - 1]) + (upper ? word.ToUpperInvariant() : word))) + " ";
            Assert.Equal(KoreanNames.Keys(a), KoreanNames.Keys(b));
        });
    }

    [Fact]
    public void Similarity_is_symmetric_and_between_zero_and_one()
    {
        Gen.Select(AnyText, AnyText).Sample((a, b) =>
        {
            var ab = KoreanNames.Similarity(a, b);
            Assert.InRange(ab, 0.0, 1.0);
            Assert.Equal(ab, KoreanNames.Similarity(b, a));
        });
        Gen.Select(HangulNames, HangulNames).Sample((a, b) =>
        {
            var ab = KoreanNames.Similarity(a.Hangul, string.Join(' ', b.Given) + " " + b.Surname);
            Assert.InRange(ab, 0.0, 1.0);
            Assert.Equal(ab, KoreanNames.Similarity(string.Join(' ', b.Given) + " " + b.Surname, a.Hangul));
        });
    }

    [Fact]
    public void A_hangul_name_matches_its_own_revised_romanization_in_any_common_layout()
    {
        HangulNames.Sample(name =>
        {
            var surname = Capitalised(string.Concat(name.Surname.Select(Rr)));
            var hyphenated = Capitalised(string.Join('-', name.Given));
            var joined = Capitalised(string.Concat(name.Given));
            foreach (var romanised in new[]
            {
                $"{surname} {hyphenated}", $"{surname} {joined}", $"{joined} {surname}",
                $"{surname} {string.Join(' ', name.Given)}".ToUpperInvariant(), $"{surname}, {hyphenated}",
            })
            {
                Assert.NotEmpty(KoreanNames.Keys(name.Hangul).Intersect(KoreanNames.Keys(romanised)));
                Assert.True(KoreanNames.Similarity(name.Hangul, romanised) >= 0.85);
            }
        });
    }

    [Fact]
    public void Every_acceptable_name_has_a_reading()
    {
        AnyText.Sample(text =>
        {
            if (KoreanNames.Problem(text) is null) Assert.NotEmpty(KoreanNames.Keys(text));
        });
        HangulNames.Sample(name => Assert.Null(KoreanNames.Problem(name.Hangul)));
    }
}
