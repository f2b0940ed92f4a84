using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cases;

public sealed class CaseMatchingTests
{
    private static Task<MatchResult> Match(CaseWorld world, Core.Security.Access.StaffCaller caller, string name, string? birth = null) =>
        world.WithAsync(sp => sp.GetRequiredService<CaseMatcher>().MatchAsync(
            caller, name, birth is null ? null : BirthDate.Parse(birth, DateOnly.MaxValue, out _)));

    [Fact]
    public async Task Same_name_is_found_as_likely_among_visible_cases()
    {
        await using var world = await CaseWorld.CreateAsync();
        var code = await world.RecordAsync(world.EastCoordinator, "east", "김지현", "1994-03");
        var result = await Match(world, world.EastCoordinator, "김지현", "1994");
        var candidate = Assert.Single(result.Candidates);
        Assert.Equal(code, candidate.Code);
        Assert.True(candidate.Likely);
        Assert.False(result.LikelyElsewhere);
    }

    [Fact]
    public async Task Different_birth_year_makes_a_match_unlikely()
    {
        await using var world = await CaseWorld.CreateAsync();
        await world.RecordAsync(world.EastCoordinator, "east", "김지현", "1994-03");
        var result = await Match(world, world.EastCoordinator, "김지현", "1971");
        Assert.DoesNotContain(result.Candidates, c => c.Likely);
    }

    [Fact]
    public async Task Likely_duplicate_elsewhere_alerts_the_manager_without_telling_which()
    {
        await using var world = await CaseWorld.CreateAsync();
        var code = await world.RecordAsync(world.EastCoordinator, "east", "이명철", "1988");
        var result = await Match(world, world.WestCoordinator, "이명철", "1988");
        Assert.Empty(result.Candidates);
        Assert.True(result.LikelyElsewhere);

        await Match(world, world.WestCoordinator, "이명철", "1988");
        var actions = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.Where(e => e.Action == "case.duplicate-alert").Select(e => e.RecordCode).ToListAsync());
        Assert.Equal([code], actions);
        var alerts = await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().OpenDuplicateAlertsAsync(world.Manager));
        Assert.Equal(code, Assert.Single(alerts).CaseCode);
        Assert.Empty(await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().OpenDuplicateAlertsAsync(world.WestCoordinator)));
    }

    [Fact]
    public async Task Finance_finds_nothing()
    {
        await using var world = await CaseWorld.CreateAsync();
        await world.RecordAsync(world.EastCoordinator, "east", "김지현", "1994");
        var result = await Match(world, world.Finance, "김지현", "1994");
        Assert.Empty(result.Candidates);
        Assert.False(result.LikelyElsewhere);
    }

    public static TheoryData<string, string, string[]> Variants => new()
    {
        { "김지현", "1994-03", ["김지현", "Kim Ji-hyun", "Gim Jihyeon", "KIM JI HYUN", "Kim Chi-hyŏn", "Jihyun Kim"] },
        { "이명철", "1979", ["이명철", "Lee Myung-chul", "Ri Myong-chol", "Yi Myeong-cheol"] },
        { "박순희", "1992-07-01", ["박순희", "Park Soon-hee", "Pak Sun-hui"] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Every_spelling_finds_its_person_as_likely_and_not_others_of_the_same_surname(string recorded, string birth, string[] spellings)
    {
        await using var world = await CaseWorld.CreateAsync();
        var code = await world.RecordAsync(world.EastCoordinator, "east", recorded, birth);
        // Same surnames, other given names: relatives or strangers, never the same person.
        var unrelated = new List<string>();
        foreach (var other in new[] { "김영수", "Kim Min-jun", "이순자", "Lee Jung-ho", "박철수", "Park Ji-hoon" })
            unrelated.Add(await world.RecordAsync(world.EastCoordinator, "east", other, birth));

        foreach (var spelling in spellings)
        {
            var result = await Match(world, world.EastCoordinator, spelling, birth[..4]);
            Assert.True(result.Candidates.Any(c => c.Code == code && c.Likely), $"'{spelling}' did not find {recorded} as likely");
            Assert.Equal(code, result.Candidates[0].Code);
            Assert.DoesNotContain(result.Candidates, c => unrelated.Contains(c.Code) && c.Likely);
            var withoutBirth = await Match(world, world.EastCoordinator, spelling);
            Assert.Contains(withoutBirth.Candidates, c => c.Code == code && c.Likely);
        }
    }
}
