using System.Globalization;
using Crossing.Core.Cases;

namespace Crossing.Tests.Cases;

public sealed class TriageTests
{
    private static readonly Triage Rules = new(new TriageOptions());

    [Fact]
    public void Pregnancy_sets_a_deadline_at_the_configured_week()
    {
        var result = Rules.Assess(new UrgencyFactors(Pregnancy: new Pregnancy(16, new DateOnly(2026, 1, 3))));
        Assert.Equal(new DateOnly(2026, 1, 3).AddDays(12 * 7), result.Deadline);
        Assert.Equal(new TriageOptions().PregnancyPoints, result.FactorPoints);
    }

    [Fact]
    public void Configured_pregnancy_limit_moves_the_deadline()
    {
        var rules = new Triage(new TriageOptions { PregnancyTravelBeforeWeeks = 24 });
        var result = rules.Assess(new UrgencyFactors(Pregnancy: new Pregnancy(16, new DateOnly(2026, 1, 3))));
        Assert.Equal(new DateOnly(2026, 2, 28), result.Deadline);
    }

    [Fact]
    public void Deadline_is_the_earliest_of_pregnancy_and_treatment()
    {
        var result = Rules.Assess(new UrgencyFactors(
            Pregnancy: new Pregnancy(10, new DateOnly(2026, 1, 1)),
            Illness: new Illness(IllnessSeverity.Serious, new DateOnly(2026, 2, 1))));
        Assert.Equal(new DateOnly(2026, 2, 1), result.Deadline);
    }

    [Fact]
    public void Points_add_up_from_each_factor_and_children_are_capped()
    {
        var o = new TriageOptions();
        var result = Rules.Assess(new UrgencyFactors(ViolenceAtHome: true, Confined: true, ArrestRisk: ArrestRisk.High, DependentChildren: 9));
        Assert.Equal(o.ViolencePoints + o.ConfinementPoints + o.ArrestRiskHighPoints + o.MaxDependentChildrenPoints, result.FactorPoints);
        Assert.Null(result.Deadline);
    }

    [Fact]
    public void Score_rises_as_the_deadline_approaches_and_with_waiting()
    {
        var today = new DateOnly(2026, 3, 1);
        var far = Rules.ScoreToday(30, today.AddDays(100), today, today);
        var near = Rules.ScoreToday(30, today.AddDays(7), today, today);
        var passed = Rules.ScoreToday(30, today.AddDays(-1), today, today);
        var waitedLong = Rules.ScoreToday(30, null, today.AddMonths(-6), today);
        Assert.Equal(30, far);
        Assert.True(near > far);
        Assert.True(passed > near);
        Assert.Equal(30 + 6 * new TriageOptions().PointsPerMonthWaiting, waitedLong);
    }

    [Fact]
    public void Reasons_are_said_in_english_and_korean()
    {
        var reasons = Rules.ReasonsToday(new UrgencyFactors(Pregnancy: new Pregnancy(16, new DateOnly(2026, 1, 3))), new DateOnly(2026, 1, 3), new DateOnly(2026, 1, 3));
        var english = TriageText.Describe(reasons, CultureInfo.GetCultureInfo("en"));
        var korean = TriageText.Describe(reasons, CultureInfo.GetCultureInfo("ko"));
        Assert.Equal("pregnant, 16 weeks on 3 Jan 2026: must travel before 28 Mar 2026", english);
        Assert.Equal("임신 16주(2026년 1월 3일 기준): 2026년 3월 28일 이전에 이동해야 함", korean);
    }

    [Fact]
    public void Absurd_configuration_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TriageOptions { PregnancyTravelBeforeWeeks = 60 }.Validate());
        Assert.Throws<ArgumentException>(() => new TriageOptions { ViolencePoints = -5 }.Validate());
    }
}
