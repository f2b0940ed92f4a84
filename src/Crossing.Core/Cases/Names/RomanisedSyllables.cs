namespace Crossing.Core.Cases.Names;

/// <summary>
/// Whether lower-case Latin letters can be read as a run of Korean syllables in any romanisation in use
/// (Revised Romanization, McCune–Reischauer without breves and apostrophes, everyday spellings such as oo,
/// ee, ou). A name that cannot be read this way ("Jihyn", "Minnsu", "Jiyhun") holds a typo; one that can
/// ("Jihun") is taken as the name it spells (지훈), never as a typo of another (지현).
/// </summary>
internal static class RomanisedSyllables
{
    private static readonly string[] Onsets =
    [
        "tch", "kk", "gg", "tt", "dd", "pp", "bb", "ss", "jj", "ch", "sh",
        "g", "k", "n", "d", "t", "r", "l", "m", "b", "p", "f", "s", "j", "z", "h",
    ];

    private static readonly string[] Vowels =
    [
        "a", "ae", "ai", "ya", "yae", "yai", "eo", "e", "yeo", "ye", "o", "oo", "ou", "wa", "wae", "oe", "oi",
        "yo", "yoo", "you", "u", "wo", "weo", "woo", "wu", "we", "wi", "wee", "yu", "eu", "ui", "eui", "i", "ee",
    ];

    // 의 written "Yi" stands alone; after a consonant "yi" is not a spelling of anything.
    private static readonly string[] VowelsWithoutOnset = ["yi"];

    private static readonly string[] Codas = ["ng", "k", "g", "n", "t", "d", "l", "r", "m", "p", "b", "h"];

    // Syllables Korean given names are commonly built from (South and North), generously: a name typed with
    // one of these in every syllable is taken as written. Compared by folded key, so every spelling counts.
    private const string CommonGivenNameSyllables =
        "가각간갑강개건걸겸경계고곤공관광교구국군권귀규균근글금기길나낙난남내녀년념노농누눈늘능니님" +
        "다단달담당대덕도돈동두둘득등라락란람랑래량려력련렬령례로록론룡루류륜률륭름릉리린림립" +
        "마만말매맹면명모목몽무묵문미민밀바박반방배백범벽별병보복본봉부분비빈빛" +
        "사산삼상새샘생서석선설섭성세소솔송수숙순술숭슬승시식신실심아악안알암애야양어언엄여연열염엽영예" +
        "오옥온완왕요용우욱운울웅원월위유육윤율융은을음응의이익인일임자작잔장재전절점정제조종주준중지진질" +
        "차찬창채천철청초총추춘충치탁태택파판평표필하학한함항해행향허헌혁현협형혜호홍화환활황회효후훈휘흥희";

    private static readonly HashSet<string> CommonSyllableKeys =
        [.. CommonGivenNameSyllables.Select(s => PhoneticFold.Fold(Hangul.Romanise(s)))];

    /// <summary>True when the letters split into syllables (onset, vowel, final), each with exactly one vowel.</summary>
    public static bool CanRead(string letters) => FewestSyllables(letters, commonOnly: false) is not null;

    /// <summary>
    /// True when the letters split into one or two syllables that each spell, in some romanisation, a syllable
    /// common in given names ("Jihun" 지훈 does; "Jihyen" 지혠, "Mimnin" 밈닌 and "Seeodo" 시오도 do not: given
    /// names of three syllables are rare, and a slip in "Seodo" reads as one).
    /// </summary>
    public static bool ReadsAsCommonNameSyllables(string letters) => FewestSyllables(letters, commonOnly: true) is <= 2;

    private static int? FewestSyllables(string letters, bool commonOnly)
    {
        if (letters.Length == 0) return null;
        var fewest = new int[letters.Length + 1];
        Array.Fill(fewest, int.MaxValue);
        fewest[0] = 0;
        var ends = new List<int>();
        for (var start = 0; start < letters.Length; start++)
        {
            if (fewest[start] == int.MaxValue) continue;
            ends.Clear();
            SyllableEnds(letters, start, ends);
            foreach (var end in ends)
            {
                if (fewest[start] + 1 < fewest[end]
                    && (!commonOnly || CommonSyllableKeys.Contains(PhoneticFold.Fold(letters[start..end]))))
                    fewest[end] = fewest[start] + 1;
            }
        }
        return fewest[letters.Length] == int.MaxValue ? null : fewest[letters.Length];
    }

    private static void SyllableEnds(string letters, int start, List<int> ends)
    {
        AfterOnset(letters, start, withOnset: false, ends);
        foreach (var onset in Onsets)
        {
            if (At(letters, start, onset)) AfterOnset(letters, start + onset.Length, withOnset: true, ends);
        }
    }

    private static void AfterOnset(string letters, int at, bool withOnset, List<int> ends)
    {
        foreach (var vowel in Vowels)
            AfterVowel(letters, at, vowel, ends);
        if (!withOnset)
        {
            foreach (var vowel in VowelsWithoutOnset)
                AfterVowel(letters, at, vowel, ends);
        }
    }

    private static void AfterVowel(string letters, int at, string vowel, List<int> ends)
    {
        if (!At(letters, at, vowel)) return;
        var end = at + vowel.Length;
        ends.Add(end);
        foreach (var coda in Codas)
        {
            if (At(letters, end, coda)) ends.Add(end + coda.Length);
        }
    }

    private static bool At(string letters, int at, string part) =>
        at + part.Length <= letters.Length && string.CompareOrdinal(letters, at, part, 0, part.Length) == 0;
}
