namespace Crossing.Core.Cases.Names;

/// <summary>
/// The common Korean surnames with their Hangul forms (South and North Korean spellings) and the
/// romanisations people actually use, each mapped to one canonical phonetic key.
/// </summary>
internal static class KoreanSurnames
{
    // Hangul forms | romanisations; the first romanisation, folded, is the canonical key.
    // Spellings that fold alike need not all be listed; the list holds those that do not
    // (Lee/Yi/Ri, Ryu/Yu, Roh/No, Chey/Choi) and those worth recognising as surnames when
    // deciding which word of "Jihyun Kim" is the surname.
    private static readonly string[] Table =
    [
        "김 | kim gim", "이 리 | lee yi rhee ri i ree lie li rhie yee", "박 | park pak bak bahk",
        "최 | choi choe chey chwe", "정 | jung jeong chung chong joung", "강 | kang gang",
        "조 | cho jo", "윤 | yoon yun", "장 | jang chang", "임 림 | lim im rim", "한 | han",
        "오 | oh o", "서 | seo suh so", "신 | shin sin shinn", "권 | kwon gwon", "황 | hwang",
        "안 | ahn an", "송 | song", "유 류 | yu ryu yoo rhyu lyu", "전 | jeon jun chun chon",
        "홍 | hong", "고 | ko go koh", "문 | moon mun", "양 량 | yang ryang", "손 | son sohn",
        "배 | bae pae bai", "백 | baek paek paik baik", "허 | heo hur huh hu",
        "노 로 | noh no ro roh", "하 | ha", "진 | jin chin", "남 | nam", "심 | sim shim",
        "주 | ju joo chu", "구 | gu koo ku", "민 | min", "곽 | kwak gwak", "성 | sung seong",
        "차 | cha", "우 | woo u wu", "나 라 | na ra rha", "지 | ji chi", "엄 | eom um uhm",
        "채 | chae chai", "원 | won weon", "천 | cheon", "방 | bang pang", "공 | kong gong",
        "현 | hyun hyeon hyon", "함 | ham hahm", "변 | byun byeon byon pyun pyon",
        "염 렴 | yeom yum ryeom ryom", "여 려 | yeo yoh ryeo", "추 | choo", "도 | do doh to",
        "소 | soh", "석 | seok suk sok", "선 | seon sun", "설 | seol sul sol", "마 | ma",
        "길 | gil kil", "연 | yeon yon", "위 | wi wee", "표 | pyo", "명 | myung myeong myong",
        "기 | ki gi", "반 | ban pan", "왕 | wang", "금 | keum geum kum", "옥 | ok",
        "육 륙 | yook yuk ryuk", "인 | in", "맹 | maeng", "제 | je", "모 | mo", "탁 | tak",
        "국 | kook guk kuk", "어 | eo", "은 | eun", "편 | pyeon", "용 룡 | yong ryong",
        "예 | ye", "경 | kyung gyeong kyeong", "봉 | bong", "태 | tae",
        "남궁 | namgung namkung namgoong", "황보 | hwangbo hwangpo", "제갈 | jegal chegal jekal",
        "선우 | seonu seonwoo sunwoo sonu sunu", "독고 | dokgo tokko dokko", "사공 | sagong sakong",
        "서문 | seomun somun",
    ];

    private static readonly Dictionary<string, string> KeyBySpelling = BuildIndex();

    /// <summary>Longest Hangul surname (in syllables).</summary>
    public const int MaxHangulLength = 2;

    /// <summary>Romanisations of at least two letters, longest first, for splitting a name written as one word.</summary>
    public static IReadOnlyList<string> LatinSpellings { get; } =
        [.. KeyBySpelling.Keys.Where(s => s.Length >= 2 && !Hangul.IsSyllable(s[0])).OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];

    /// <summary>Known surnames written in Hangul, for generating test and measurement names.</summary>
    public static IEnumerable<string> HangulForms => KeyBySpelling.Keys.Where(s => Hangul.IsSyllable(s[0]));

    /// <summary>One Hangul form per surname (이, not also its North Korean spelling 리), for measurement names.</summary>
    public static IEnumerable<string> PrincipalHangulForms => Table.Select(row => row.Split(' ')[0]);

    private static Dictionary<string, string> BuildIndex()
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Table)
        {
            var parts = row.Split('|', StringSplitOptions.TrimEntries);
            var spellings = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var key = PhoneticFold.Fold(spellings[0]);
            foreach (var spelling in parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(spellings))
                index.TryAdd(spelling, key);
        }
        return index;
    }

    /// <summary>Canonical key of a known surname written in Hangul or as a lower-case romanisation, or null.</summary>
    public static string? Known(string spelling) => KeyBySpelling.GetValueOrDefault(spelling);

    /// <summary>Canonical key of any surname: a known one's key, else the folded romanisation.</summary>
    public static string KeyOf(string spelling) =>
        Known(spelling) ?? PhoneticFold.Fold(Hangul.Romanise(spelling));
}
