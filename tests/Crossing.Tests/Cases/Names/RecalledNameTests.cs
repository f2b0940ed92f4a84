using Crossing.Core.Cases.Names;
using CsCheck;

namespace Crossing.Tests.Cases.Names;

/// <summary>
/// Names recalled from memory or heard rather than read (reunification): informal spellings, sound changes
/// across syllables and one-letter typos are likely the same name; another syllable, swapped syllables or
/// another surname are not.
/// </summary>
public sealed class RecalledNameTests
{
    public static TheoryData<string, string> InformalSpellings => new()
    {
        { "김지은", "Kim Jee-eun" },
        { "Kim Ji-eun", "Kim Jee-eun" },
        { "이명식", "Lee Myoung-sik" },
        { "Lee Myeong-sik", "Lee Myoung-sik" },
        { "정은지", "Joung Eun-ji" },
        { "안수진", "Ahn Su-jin" },
        { "An Su-jin", "Ahn Soo-jin" },
        { "신민호", "Shinn Min-ho" },
        { "Shin Min-ho", "Shinn Min-ho" },
        { "Sin Min-ho", "Shinn Min-ho" },
    };

    [Theory]
    [MemberData(nameof(InformalSpellings))]
    public void Informal_spellings_share_a_key(string recorded, string recalled)
    {
        Assert.NotEmpty(KoreanNames.Keys(recorded).Intersect(KoreanNames.Keys(recalled)));
        Assert.Equal(1.0, KoreanNames.Similarity(recorded, recalled));
    }

    public static TheoryData<string, string> HeardNames => new()
    {
        { "김정희", "Kim Jeong-i" },
        { "김정희", "Kim Jeongi" },
        { "김정희", "Kim Jung-ee" },
        { "Kim Jung-hee", "Kim Jung-ee" },
        { "이영희", "Lee Young-i" },
        { "박은혜", "Park Eun-ye" },
        { "최지환", "Choi Ji-wan" },
        { "박혜진", "Park Hae-jin" },
        { "박혜진", "Park He-jin" },
        { "김해진", "Kim Hye-jin" },
        { "이계순", "Lee Gae-sun" },
        { "이서연", "Lee So-yeon" },
        { "이정숙", "Lee Jong-sook" },
    };

    [Theory]
    [MemberData(nameof(HeardNames))]
    public void Sound_changes_across_syllables_score_as_likely(string recorded, string heard)
    {
        var similarity = KoreanNames.Similarity(recorded, heard);
        Assert.True(similarity >= 0.9, $"similarity {similarity:F2}");
        Assert.Equal(similarity, KoreanNames.Similarity(heard, recorded));
        Assert.Contains(KoreanNames.Forms(heard).LookupKeys, k => KoreanNames.Keys(recorded).Contains(k));
    }

    public static TheoryData<string, string> Typos => new()
    {
        { "김지현", "Kim Jihyn" },
        { "김지현", "Kim Ji-hyn" },
        { "김지현", "Kim Jhyun" },
        { "김지현", "Kim Ji-hyunn" },
        { "김지현", "Kim Jiihyun" },
        { "김지현", "Kim Jiyhun" },
        { "김지현", "Kim Jihuyn" },
        { "Kim Ji-hyun", "Kim Jihynu" },
        { "김민수", "Kim Mnsu" },
        { "김민수", "Kim Minnsu" },
        { "김민수", "Kim Misnu" },
        { "김지현", "Kmi Ji-hyun" },
        { "김지현", "Kimm Ji-hyun" },
        { "박순희", "Pakr Soon-hee" },
        { "이명철", "Lee Myung-chl" },
    };

    [Theory]
    [MemberData(nameof(Typos))]
    public void One_letter_typos_score_as_likely(string recorded, string typed)
    {
        var similarity = KoreanNames.Similarity(recorded, typed);
        Assert.True(similarity >= 0.85, $"similarity {similarity:F2}");
        Assert.Contains(KoreanNames.Forms(typed).LookupKeys, k => KoreanNames.Keys(recorded).Contains(k));
    }

    [Theory]
    [InlineData("Kim Jihyn", "Kim Ji-hyun")]
    [InlineData("Kim Jiyhun", "Kim Jihyun")]
    [InlineData("Kim Minnsu", "Kim Min-su")]
    public void A_record_typed_with_a_typo_is_reached_and_scored_from_the_right_spelling(string recorded, string typed)
    {
        Assert.True(KoreanNames.Similarity(recorded, typed) >= 0.85);
        Assert.Contains(KoreanNames.Forms(typed).LookupKeys, k => KoreanNames.Keys(recorded).Contains(k));
    }

    public static TheoryData<string, string> NearMisses => new()
    {
        { "김지현", "Kim Ji-hoon" },
        { "Kim Ji-hyun", "Kim Ji-hoon" },
        { "김지현", "김지훈" },
        { "김지현", "Kim Jihun" },
        { "김지현", "Kim Hyun-ji" },
        { "김지현", "김현지" },
        { "Kim Ji-hyun", "Kim Hyunji" },
        { "김지현", "Park Ji-hyun" },
        { "김지현", "이지현" },
        { "Kim Ji-hyun", "Lee Ji-hyun" },
        { "김정희", "Kim Jeong-mi" },
        { "김정희", "Kim Jeong-hwa" },
        { "박혜진", "Park Hye-min" },
        { "김민수", "Kim Min-ji" },
        { "김민수", "Kim Su-min" },
        { "김지현", "Kim Ji-hye" },
    };

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void Near_misses_are_not_likely(string recorded, string other)
    {
        var similarity = KoreanNames.Similarity(recorded, other);
        Assert.True(similarity < 0.8, $"similarity {similarity:F2}");
    }

    [Fact]
    public void A_dropped_letter_that_spells_another_name_is_that_name()
    {
        // "Jihun" can be read (지훈), so it is not taken for a typo of 지현; "Jihyn" cannot, so it is.
        Assert.DoesNotContain(KoreanNames.Forms("Kim Jihun").Variants, v => v.Score == KoreanNames.TypoScore);
        Assert.Contains(KoreanNames.Forms("Kim Jihyn").Variants, v => v.Score == KoreanNames.TypoScore);
    }

    [Fact]
    public void Variants_are_never_indexed_keys()
    {
        var forms = KoreanNames.Forms("Kim Jihyn");
        Assert.Equal(KoreanNames.Keys("Kim Jihyn"), forms.Keys);
        Assert.DoesNotContain(forms.Variants, v => forms.Keys.Contains(v.Key));
        Assert.DoesNotContain(forms.Probes, p => forms.Keys.Contains(p));
    }

    [Theory]
    [InlineData("Ji-hyun")]
    [InlineData("Jihyeon")]
    [InlineData("Chi-hyon")]
    [InlineData("Myoung-sik")]
    [InlineData("Jee-eun")]
    [InlineData("Soon-hee")]
    [InlineData("Young-ho")]
    [InlineData("Ha-eun")]
    [InlineData("Chul-soo")]
    [InlineData("Kyung-hee")]
    [InlineData("Seo-yeon")]
    [InlineData("Joon")]
    public void Everyday_spellings_read_as_syllables(string given)
    {
        Assert.True(RomanisedSyllables.CanRead(given.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()));
    }

    [Theory]
    [InlineData("jihyn")]
    [InlineData("jhyun")]
    [InlineData("jiyhun")]
    [InlineData("mnsu")]
    [InlineData("minnsu")]
    [InlineData("jihyunn")]
    public void Typed_slips_do_not_read_as_syllables(string letters)
    {
        Assert.False(RomanisedSyllables.CanRead(letters));
    }

    [Fact]
    public void Revised_romanization_of_any_syllables_reads_as_syllables()
    {
        Gen.Char['\uAC00', '\uD7A3'].Array[1, 4].Sample(syllables =>
            Assert.True(RomanisedSyllables.CanRead(Hangul.Romanise(new string(syllables)))));
    }

    [Fact]
    public void Variants_stay_few_and_cheap_on_long_input()
    {
        var forms = KoreanNames.Forms("Kim " + new string('x', 5_000));
        Assert.Empty(forms.Probes);
        Assert.Empty(forms.Variants);
    }
}
