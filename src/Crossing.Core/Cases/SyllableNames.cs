namespace Crossing.Core.Cases;

/// <summary>
/// Invented Korean names for demo data and benchmarks: a common surname and two given-name syllables drawn at
/// random. Built from syllables, never from a list of real people.
/// </summary>
public static class SyllableNames
{
    public static readonly IReadOnlyList<string> Surnames =
        ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"];

    public static readonly IReadOnlyList<string> GivenSyllables =
    [
        "가", "경", "광", "국", "규", "균", "근", "기", "나", "남", "다", "단", "대", "덕", "도", "동", "두", "라", "란", "래",
        "련", "령", "룡", "리", "린", "명", "무", "문", "미", "민", "범", "별", "병", "보", "봉", "빈", "산", "상", "서", "석",
        "선", "설", "성", "세", "소", "송", "수", "숙", "순", "승", "시", "식", "아", "안", "애", "양", "연", "영", "예", "옥",
        "완", "용", "우", "욱", "운", "원", "윤", "율", "은", "의", "인", "일", "재", "전", "정", "제", "종", "주", "준", "지",
        "진", "찬", "창", "철", "청", "춘", "충", "태", "택", "필", "하", "학", "한", "해", "현", "형", "혜", "호", "화", "희",
    ];

    public static string Next(Random random) =>
        Surnames[random.Next(Surnames.Count)] + GivenSyllables[random.Next(GivenSyllables.Count)] + GivenSyllables[random.Next(GivenSyllables.Count)];
}
