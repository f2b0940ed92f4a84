using CsCheck;
using Crossing.Core.Planning;

namespace Crossing.Tests.Planning;

/// <summary>
/// Random small instances (at most 8 groups and 5 windows): every plan is feasible under the independent checker, its
/// objective equals the brute-force optimum, the bound is a true bound, greedy never beats it, and the funding gap's
/// extra money really carries the groups it names.
/// </summary>
public sealed class PlannerPropertyTests
{
    private static readonly DateOnly Start = new(2027, 1, 4);
    private static readonly PlanOptions Quick = new() { TimeLimit = TimeSpan.FromSeconds(5) };

    /// <summary>One random instance per seed, so a failure prints a seed that rebuilds it.</summary>
    internal static PlanningInstance RandomInstance(int seed)
    {
        var random = new Random(seed);
        var routes = new[] { "R1", "R2", "R3" };
        var routeList = routes.Select(r => new PlanRoute(r, random.Next(8) == 0 ? PlanRouteStatus.Suspended : PlanRouteStatus.Open)).ToList();
        var windows = Enumerable.Range(1, random.Next(0, 6)).Select(i =>
        {
            var median = random.Next(1, 40) * 100m;
            return new TravelWindowOption($"W{i}", routes[random.Next(3)], Start.AddDays(random.Next(-5, 45)), random.Next(0, 7), median, median + random.Next(0, 25) * 100m);
        }).ToList();
        var groups = Enumerable.Range(1, random.Next(0, 9)).Select(i => new WaitingGroup(
            $"G{i}",
            random.Next(1, 5),
            random.Next(0, 101) / 10m,
            [.. routes.Where(_ => random.Next(2) == 0)],
            random.Next(3) == 0 ? Start.AddDays(random.Next(0, 45)) : null)).ToList();
        var income = Enumerable.Range(0, random.Next(0, 3)).Select(_ => new PlannedIncome(Start.AddDays(random.Next(-3, 45)), random.Next(0, 100) * 100m));
        return PlanningInstance.Create(Start, random.Next(3) == 0 ? CostBasis.Median : CostBasis.P80, random.Next(0, 150) * 100m, income, routeList, windows, groups);
    }

    [Fact]
    public void Every_plan_is_feasible_and_its_objective_is_the_brute_force_optimum_under_a_true_bound()
    {
        var someoneTravels = 0;
        var someoneWaits = 0;
        Gen.Int[1, int.MaxValue - 1].Sample(seed =>
        {
            var instance = RandomInstance(seed);
            var plan = PlanSolver.Solve(instance, Quick);
            var violations = PlanChecker.Violations(instance, plan.Assignments.Select(a => (a.Group, a.Window)));
            Assert.True(violations.Count == 0, $"seed {seed}: {string.Join("; ", violations)}");
            var optimum = PlanChecker.BruteForceOptimum(instance);
            Assert.Equal(PlanChecker.Objective(instance, plan.Assignments.Select(a => a.Group)), plan.Objective);
            Assert.True(plan.Objective == optimum, $"seed {seed}: plan {plan.Objective}, brute force {optimum}");
            Assert.True(plan.Bound >= optimum, $"seed {seed}: bound {plan.Bound} below the optimum {optimum}");
            Assert.True(plan.LpBound is null || plan.LpBound >= optimum, $"seed {seed}: LP bound {plan.LpBound} below the optimum {optimum}");
            Assert.Equal(PlanStatus.Optimal, plan.Status);
            Assert.Equal(instance.Groups.Count, plan.Assignments.Count + plan.Waiting.Count);
            someoneTravels += plan.Assignments.Count > 0 ? 1 : 0;
            someoneWaits += plan.Assignments.Count > 0 && plan.Waiting.Any(w => w.Code is WaitingReasonCode.Money or WaitingReasonCode.CapacityFull) ? 1 : 0;
        }, iter: 300);
        // The generator must produce instances where the choice matters, or the property proves little.
        Assert.True(someoneTravels >= 100 && someoneWaits >= 30, $"{someoneTravels} instances with travellers, {someoneWaits} where money or capacity also held someone back");
    }

    [Fact]
    public void A_large_instance_planned_by_neighbourhood_search_is_feasible_bounded_and_beats_greedy()
    {
        var random = new Random(11);
        var routes = Enumerable.Range(1, 6).Select(r => $"R{r}").ToArray();
        var windows = routes.SelectMany(r => Enumerable.Range(0, 12).Select(week => new TravelWindowOption(
            $"{r}-{week}", r, Start.AddDays(7 * week + random.Next(7)), random.Next(4, 30), 1_000m + random.Next(0, 30) * 100m, 2_000m + random.Next(0, 30) * 100m))).ToList();
        var groups = Enumerable.Range(1, 1_500).Select(i => new WaitingGroup(
            $"G{i}", random.Next(1, 5), random.Next(10, 100) / 10m, [.. routes.Where(_ => random.Next(3) == 0)],
            random.Next(4) == 0 ? Start.AddDays(random.Next(7, 84)) : null)).ToList();
        var instance = PlanningInstance.Create(Start, CostBasis.P80, 400_000m, [new PlannedIncome(Start.AddDays(30), 300_000m)], null, windows, groups);

        var plan = PlanSolver.Solve(instance, new PlanOptions { TimeLimit = TimeSpan.FromSeconds(4) });

        Assert.Empty(PlanChecker.Violations(instance, plan.Assignments.Select(a => (a.Group, a.Window))));
        Assert.Equal(PlanChecker.Objective(instance, plan.Assignments.Select(a => a.Group)), plan.Objective);
        Assert.True(plan.Objective > plan.GreedyObjective, $"plan {plan.Objective}, greedy {plan.GreedyObjective}");
        Assert.True(plan.Bound >= plan.Objective && plan.LpBound >= plan.Bound, $"plan {plan.Objective}, bound {plan.Bound}, LP {plan.LpBound}");
        Assert.True(plan.Objective >= 0.95m * plan.Bound, $"plan {plan.Objective} is below 95% of the bound {plan.Bound}");
        Assert.Equal(groups.Count, plan.Assignments.Count + plan.Waiting.Count);
        var funded = instance.WithExtraIncome(plan.FundingGap.Select(f => new PlannedIncome(f.By, f.Amount)));
        Assert.Empty(PlanChecker.Violations(funded, plan.Assignments.Select(a => (a.Group, a.Window)).Concat(plan.FundingGap.SelectMany(f => f.Groups.Zip(f.Windows)))));
    }

    [Fact]
    public void The_greedy_baseline_never_beats_the_plan()
    {
        Gen.Int[1, int.MaxValue - 1].Sample(seed =>
        {
            var instance = RandomInstance(seed);
            var plan = PlanSolver.Solve(instance, Quick);
            return plan.GreedyObjective <= plan.Objective && PlanSolver.GreedyObjective(instance) == plan.GreedyObjective;
        }, iter: 80);
    }

    [Fact]
    public void The_funding_gaps_extra_money_added_to_the_instance_moves_the_named_groups()
    {
        var entries = 0;
        Gen.Int[1, int.MaxValue - 1].Sample(seed =>
        {
            var instance = RandomInstance(seed);
            var plan = PlanSolver.Solve(instance, Quick);
            if (plan.FundingGap.Count == 0)
                return;
            entries += plan.FundingGap.Count;
            var funded = instance.WithExtraIncome(plan.FundingGap.Select(f => new PlannedIncome(f.By, f.Amount)));
            var named = plan.FundingGap.SelectMany(f => f.Groups.Zip(f.Windows)).ToList();

            // The plan plus the named groups in the named windows is feasible once the money is there, and was not before.
            var extended = plan.Assignments.Select(a => (a.Group, a.Window)).Concat(named).ToList();
            Assert.True(PlanChecker.Violations(funded, extended).Count == 0, $"seed {seed}: {string.Join("; ", PlanChecker.Violations(funded, extended))}");
            Assert.NotEmpty(PlanChecker.Violations(instance, plan.Assignments.Select(a => (a.Group, a.Window)).Concat([named[0]])));
            Assert.All(plan.FundingGap, f => Assert.True(f.Amount > 0));

            // Re-solving with the extra money moves at least the named groups' urgency more than before.
            var resolved = PlanSolver.Solve(funded, Quick);
            var gained = PlanChecker.Objective(instance, named.Select(n => n.First));
            Assert.True(resolved.Objective >= plan.Objective + gained, $"seed {seed}: re-solved {resolved.Objective} < {plan.Objective} + {gained}");
            Assert.Equal(PlanChecker.BruteForceOptimum(funded), resolved.Objective);
        }, iter: 120);
        Assert.True(entries > 0, "no random instance produced a funding gap; the property was never exercised");
    }
}
