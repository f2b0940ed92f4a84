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
    public async Task A_look_up_never_reveals_a_case_in_another_compartment()
    {
        await using var world = await CaseWorld.CreateAsync();
        await world.RecordAsync(world.EastCoordinator, "east", "이명철", "1988");
        var result = await Match(world, world.WestCoordinator, "이명철", "1988");
        Assert.Empty(result.Candidates);
        Assert.Empty(await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().DuplicateAlerts.IgnoreQueryFilters().ToListAsync()));
    }

    [Fact]
    public async Task Recording_a_likely_duplicate_of_a_hidden_case_alerts_the_managers_of_both_compartments_with_both_codes()
    {
        await using var world = await CaseWorld.CreateAsync();
        var east = await world.RecordAsync(world.EastCoordinator, "east", "이명철", "1988");
        var west = await world.RecordCaseAsync(world.WestCoordinator, "west", "Lee Myung-chul", "1988");
        Assert.True(west.PossibleDuplicateElsewhere);

        var actions = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents
            .Where(e => e.Action == "case.duplicate-alert").Select(e => e.RecordCode).ToListAsync());
        Assert.Equal(new[] { east, west.Code }.Order(), actions.Order());
        var bypasses = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents
            .Where(e => e.Action == "bypass:duplicate-check-after-intake").Select(e => e.RecordCode).ToListAsync());
        Assert.Contains(west.Code, bypasses);

        var alerts = await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().OpenDuplicateAlertsAsync(world.Manager));
        Assert.Equal(2, alerts.Count);
        Assert.Contains(alerts, a => a.CaseCode == east && a.OtherCaseCode == west.Code);
        Assert.Contains(alerts, a => a.CaseCode == west.Code && a.OtherCaseCode == east);
        // Coordinators do not decide on duplicates; finance holds no case permission.
        Assert.Empty(await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().OpenDuplicateAlertsAsync(world.WestCoordinator)));
        Assert.Empty(await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().OpenDuplicateAlertsAsync(world.Finance)));
    }

    [Fact]
    public async Task Recording_a_duplicate_of_a_visible_case_raises_no_cross_compartment_alert()
    {
        await using var world = await CaseWorld.CreateAsync();
        await world.RecordAsync(world.EastCoordinator, "east", "이명철", "1988");
        var again = await world.RecordCaseAsync(world.EastCoordinator, "east", "Ri Myong-chol", "1988");
        Assert.False(again.PossibleDuplicateElsewhere);
        Assert.Empty(await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().OpenDuplicateAlertsAsync(world.Manager)));
    }

    [Fact]
    public async Task Finance_finds_nothing()
    {
        await using var world = await CaseWorld.CreateAsync();
        await world.RecordAsync(world.EastCoordinator, "east", "김지현", "1994");
        var result = await Match(world, world.Finance, "김지현", "1994");
        Assert.Empty(result.Candidates);
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
