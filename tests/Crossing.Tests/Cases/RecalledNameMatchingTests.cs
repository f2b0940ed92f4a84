using Crossing.Core.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cases;

/// <summary>Cases recorded once, in one real data folder, for the recalled-name look-ups below.</summary>
public sealed class RecalledNamesWorld : IAsyncLifetime
{
    // Recorded name and birth date; the look-ups refer to a case by its recorded name.
    private static readonly (string Name, string Birth)[] Recorded =
    [
        ("김지현", "1994-03"), ("김지은", "1992"), ("이명식", "1975"), ("안수진", "1979"), ("신민호", "1985"),
        ("김정희", "1988-05"), ("박혜진", "1990"), ("이계순", "1960"), ("이서연", "1996"), ("김민수", "1980"),
        ("Kim Jihyn", "1999"), ("Kim Minnsu", "1983"),
    ];

    public CaseWorld World { get; private set; } = null!;

    public Dictionary<string, string> Codes { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        World = await CaseWorld.CreateAsync();
        foreach (var (name, birth) in Recorded)
            Codes[name] = await World.RecordAsync(World.EastCoordinator, "east", name, birth);
    }

    public async Task DisposeAsync() => await World.DisposeAsync();

    public Task<MatchResult> MatchAsync(string name, string? birthYear) =>
        World.WithAsync(sp => sp.GetRequiredService<CaseMatcher>().MatchAsync(
            World.EastCoordinator, name, birthYear is null ? null : BirthDate.Parse(birthYear, DateOnly.MaxValue, out _)));
}

/// <summary>
/// Relatives' names are recalled from memory and heard rather than read: through the real matcher (sealed
/// records, blind indexes, decryption of candidates), informal spellings, sound changes across syllables and
/// one-letter typos find the recorded person as likely; another syllable, swapped syllables, another surname
/// or another birth year do not.
/// </summary>
public sealed class RecalledNameMatchingTests(RecalledNamesWorld names) : IClassFixture<RecalledNamesWorld>
{
    public static TheoryData<string, string, string?> LikelySpellings => new()
    {
        // informal spellings: ee for i, ou for u, oo for u, an added or dropped h
        { "김지은", "Kim Jee-eun", "1992" },
        { "김지은", "Jee-eun Kim", null },
        { "이명식", "Lee Myoung-sik", "1975" },
        { "이명식", "Yi Myoung-sik", null },
        { "안수진", "Ahn Soo-jin", "1979" },
        { "안수진", "An Su-jin", "1979" },
        { "신민호", "Shinn Min-ho", "1985" },
        { "신민호", "Sin Min-ho", null },
        // ㅎ weakened between voiced sounds
        { "김정희", "Kim Jeong-i", "1988" },
        { "김정희", "Kim Jeongi", "1988" },
        { "김정희", "Kim Jung-ee", "1988" },
        { "김정희", "Jung-ee Kim", null },
        // ㅖ heard as ㅐ/ㅔ and back, ㅓ heard as ㅗ
        { "박혜진", "Park Hae-jin", "1990" },
        { "박혜진", "Pak He-jin", null },
        { "이계순", "Lee Gae-sun", "1960" },
        { "이서연", "Lee So-yeon", "1996" },
        // one-letter typos: dropped, doubled, swapped
        { "김지현", "Kim Jihyn", "1994" },
        { "김지현", "Kim Jhyun", "1994" },
        { "김지현", "Kim Ji-hyunn", "1994" },
        { "김지현", "Kim Jiihyun", null },
        { "김지현", "Kim Jiyhun", "1994" },
        { "김지현", "Kim Jihuyn", null },
        { "김지현", "Kmi Ji-hyun", "1994" },
        { "김지현", "Kimm Ji-hyun", "1994" },
        { "김민수", "Kim Mnsu", "1980" },
        { "김민수", "Kim Misnu", "1980" },
        // the typo is in the record, the search is spelled right
        { "Kim Jihyn", "Kim Ji-hyun", "1999" },
        { "Kim Minnsu", "Kim Min-su", "1983" },
    };

    [Theory]
    [MemberData(nameof(LikelySpellings))]
    public async Task A_recalled_spelling_finds_the_recorded_person_as_likely(string recorded, string recalled, string? birthYear)
    {
        var result = await names.MatchAsync(recalled, birthYear);

        var candidate = Assert.Single(result.Candidates, c => c.Code == names.Codes[recorded]);
        Assert.True(candidate.Likely, $"'{recalled}' found {recorded} at {candidate.Score:F2}, not as likely");
    }

    public static TheoryData<string, string, string?> NearMisses => new()
    {
        // another given syllable
        { "김지현", "Kim Ji-hoon", "1994" },
        { "김지현", "김지훈", "1994" },
        { "김지현", "Kim Jihun", "1994" },
        { "김지현", "Kim Ji-hye", "1994" },
        { "김정희", "Kim Jeong-mi", "1988" },
        { "박혜진", "Park Hye-min", "1990" },
        { "김민수", "Kim Min-ji", "1980" },
        // the given syllables swapped
        { "김지현", "Kim Hyun-ji", "1994" },
        { "김지현", "김현지", "1994" },
        { "김민수", "Kim Su-min", "1980" },
        // another surname
        { "김지현", "Park Ji-hyun", "1994" },
        { "김지현", "이지현", "1994" },
        { "김정희", "Lee Jeong-i", "1988" },
        { "신민호", "Son Min-ho", "1985" },
        // another birth year, however close the name
        { "김지현", "김지현", "1971" },
        { "김지현", "Kim Jihyn", "1971" },
        { "김정희", "Kim Jeong-i", "1970" },
        { "이명식", "Lee Myoung-sik", "1995" },
    };

    [Theory]
    [MemberData(nameof(NearMisses))]
    public async Task A_near_miss_is_not_likely(string recorded, string other, string? birthYear)
    {
        var result = await names.MatchAsync(other, birthYear);

        Assert.DoesNotContain(result.Candidates, c => c.Code == names.Codes[recorded] && c.Likely);
    }

    [Fact]
    public async Task The_exact_spelling_ranks_above_a_heard_one()
    {
        var result = await names.MatchAsync("김지연", "1994");

        // 지현 is heard as Ji-yeon when ㅎ weakens, so it is likely, but below a 지연 recorded as such would be.
        var heard = Assert.Single(result.Candidates, c => c.Code == names.Codes["김지현"]);
        Assert.True(heard.Likely);
        Assert.InRange(heard.Score, 0.8, 0.99);
    }
}
