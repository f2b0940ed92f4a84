using Crossing.Core.Cases.Names;

namespace Crossing.Tests.Cases.Names;

public sealed class KoreanNamesTests
{
    public static TheoryData<string, string> SamePerson => new()
    {
        { "김지현", "Kim Ji-hyun" },
        { "김지현", "Gim Jihyeon" },
        { "김지현", "KIM JI HYUN" },
        { "김지현", "Kim Chi-hyŏn" },
        { "김지현", "Kim Chi Hyon" },
        { "김지현", "Jihyun Kim" },
        { "이명철", "Lee Myung-chul" },
        { "이명철", "Ri Myong-chol" },
        { "이명철", "Yi Myeong-cheol" },
        { "박순희", "Park Soon-hee" },
        { "박순희", "Pak Sun-hui" },
        { "최철수", "Ch'oe Ch'ŏl-su" },
        { "최철수", "Choi Chul-soo" },
        { "정은지", "Jung Eun-ji" },
        { "정은지", "Chŏng Ŭn-ji" },
        { "류영호", "Ryu Young-ho" },
        { "유영호", "Yoo Yeong-ho" },
        { "노현우", "Roh Hyun-woo" },
        { "임서연", "Lim Seo-yeon" },
        { "임서연", "Im So-yon" },
        { "안하은", "Ahn Ha-eun" },
        { "허준", "Hur Joon" },
        { "백경희", "Paik Kyung-hee" },
        { "남궁민수", "Namgung Min-su" },
        { "남궁민수", "Minsu Namkung" },
        { "선우재원", "Sunwoo Jae-won" },
        { "김지현", "Kim, Ji-hyun" },
        { "김지현", "Kimjihyun" },
        { "김 지현", "kim   ji - hyun" },
        { "이석규", "Lee Suk-kyu" },
        { "김하은", "Kim Haeun" },
        { "리영란", "Ri Yong-ran" },
    };

    [Theory]
    [MemberData(nameof(SamePerson))]
    public void Spellings_of_the_same_name_share_a_key_and_score_high(string hangul, string romanised)
    {
        Assert.NotEmpty(KoreanNames.Keys(hangul).Intersect(KoreanNames.Keys(romanised)));
        Assert.True(KoreanNames.Similarity(hangul, romanised) >= 0.85,
            $"similarity {KoreanNames.Similarity(hangul, romanised):F2}");
    }

    public static TheoryData<string, string> DifferentPeople => new()
    {
        { "김지현", "김영수" },
        { "Lee Myung-chul", "Lee Soon-ja" },
        { "Park Soon-hee", "Park Ji-won" },
        { "김지현", "김지수" },
        { "김지현", "Kim Ji-hoon" },
        { "이명철", "박순희" },
        { "Kim Ji-hyun", "Park Soon-hee" },
        { "Choi Min-jun", "Han Yu-na" },
        { "김지현", "이지현" },
        { "Jung Eun-ji", "Jung Eun-bi" },
        { "김지현", "이민준" },
        { "Kim Ji-hyun", "Kim Jae-won" },
    };

    [Theory]
    [MemberData(nameof(DifferentPeople))]
    public void Different_names_score_low(string a, string b)
    {
        Assert.True(KoreanNames.Similarity(a, b) < 0.6, $"similarity {KoreanNames.Similarity(a, b):F2}");
    }

    [Fact]
    public void Different_given_names_with_the_same_surname_do_not_share_a_key()
    {
        Assert.Empty(KoreanNames.Keys("김지현").Intersect(KoreanNames.Keys("김영수")));
        Assert.Empty(KoreanNames.Keys("Park Soon-hee").Intersect(KoreanNames.Keys("Park Ji-won")));
    }

    [Theory]
    [InlineData("Lee", "Yi", "Rhee", "Ri", "I", "Ree", "Lie", "이", "리")]
    [InlineData("Park", "Pak", "Bak", "Bahk", "박")]
    [InlineData("Choi", "Choe", "Chey", "Ch'oe", "최")]
    [InlineData("Kim", "Gim", "김")]
    [InlineData("Jung", "Jeong", "Chung", "Chong", "Chŏng", "정")]
    [InlineData("Kang", "Gang", "강")]
    [InlineData("Cho", "Jo", "조")]
    [InlineData("Yoon", "Yun", "윤")]
    [InlineData("Jang", "Chang", "장")]
    [InlineData("Lim", "Im", "Rim", "임", "림")]
    [InlineData("Oh", "O", "오")]
    [InlineData("Seo", "Suh", "So", "서")]
    [InlineData("Shin", "Sin", "신")]
    [InlineData("Kwon", "Gwon", "권")]
    [InlineData("Ahn", "An", "안")]
    [InlineData("Ryu", "Yu", "Yoo", "Rhyu", "류", "유")]
    [InlineData("Jeon", "Jun", "Chun", "Chon", "Chŏn", "전")]
    [InlineData("Ko", "Go", "고")]
    [InlineData("Moon", "Mun", "문")]
    [InlineData("Son", "Sohn", "손")]
    [InlineData("Bae", "Pae", "배")]
    [InlineData("Baek", "Paek", "Paik", "백")]
    [InlineData("Heo", "Hur", "Huh", "허")]
    [InlineData("No", "Noh", "Ro", "Roh", "노", "로")]
    [InlineData("Jin", "Chin", "진")]
    [InlineData("Sim", "Shim", "심")]
    [InlineData("Ju", "Joo", "Chu", "주")]
    [InlineData("Gu", "Koo", "Ku", "구")]
    [InlineData("Namgung", "Namkung", "남궁")]
    [InlineData("Hwangbo", "황보")]
    [InlineData("Jegal", "Chegal", "제갈")]
    [InlineData("Seonwoo", "Sunwoo", "선우")]
    [InlineData("Dokgo", "Tokko", "독고")]
    public void Surname_spellings_fold_to_one_key(params string[] spellings)
    {
        var keys = spellings.Select(s => KoreanNames.Keys(s + " Min-ho").Select(k => k.Surname).ToHashSet()).ToList();
        var shared = keys.Aggregate((a, b) => [.. a.Intersect(b)]);
        Assert.NotEmpty(shared);
    }

    [Fact]
    public void Given_name_first_order_reads_the_last_word_as_the_surname()
    {
        Assert.Contains(new NameKey(KoreanNames.Keys("김").Single().Surname, KoreanNames.Keys("김지현")[0].Given),
            KoreanNames.Keys("Jihyun Kim"));
        Assert.DoesNotContain(KoreanNames.Keys("Jihyun Kim"), k => k.Given == KoreanNames.Keys("Kim").Single().Surname);
    }

    [Theory]
    [InlineData("김지현")]
    [InlineData("Kim Ji-hyun")]
    [InlineData("Ri Myong-chol")]
    [InlineData("Kim Chi-hyŏn")]
    [InlineData("O Su-ji")]
    public void Acceptable_names_have_no_problem(string name)
    {
        Assert.Null(KoreanNames.Problem(name));
        Assert.NotEmpty(KoreanNames.Keys(name));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("Kim\nJi-hyun", "control")]
    [InlineData("Kim\u200BJi-hyun", "invisible")]
    [InlineData("Kim \u202EJi-hyun", "invisible")]
    [InlineData("--- . ,", "no letters")]
    [InlineData("Kim 지현", "mixes Hangul and Latin")]
    [InlineData("Ким Джи Хён", "script other than")]
    [InlineData("金智賢", "Hanja")]
    [InlineData("ㄱㅣㅁ", "jamo")]
    [InlineData("Kim Ji-hyun 2", "digits")]
    [InlineData("Kim 😀", "emoji")]
    [InlineData("Kim <script>", "symbols")]
    public void Unacceptable_names_are_refused_with_a_reason(string name, string reason)
    {
        var problem = KoreanNames.Problem(name);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused()
    {
        Assert.Null(KoreanNames.Problem(new string('가', KoreanNames.MaxLength)));
        Assert.Contains("longer than 200", KoreanNames.Problem(new string('가', KoreanNames.MaxLength + 1)));
    }

    [Fact]
    public void Problem_messages_never_quote_the_name()
    {
        foreach (var name in new[] { "Kimjihyun\n", "Kimjihyun 7", "Kimjihyun 지현", "Kimjihyun@" })
            Assert.DoesNotContain("jihyun", KoreanNames.Problem(name)!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("김지현", "gim jihyeon")]
    [InlineData("이명철", "i myeongcheol")]
    [InlineData("박순희", "bak sunhui")]
    [InlineData("남궁 민", "namgung min")]
    [InlineData("최영", "choe yeong")]
    [InlineData("백곽", "baek gwak")]
    public void Hangul_is_romanised_with_revised_romanization(string hangul, string expected)
    {
        var words = hangul.Length == 3 && !hangul.Contains(' ') ? $"{hangul[..1]} {hangul[1..]}" : hangul.Length == 2 ? $"{hangul[..1]} {hangul[1..]}" : hangul;
        Assert.Equal(expected, Hangul.Romanise(words));
    }
}
