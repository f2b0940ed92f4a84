using Crossing.Core.Planning;

namespace Crossing.Tests.Planning;

public sealed class PlanExplanationTests
{
    private static readonly DateOnly Start = new(2027, 1, 4);

    private static PlanningInstance Instance(decimal cash, IEnumerable<TravelWindowOption> windows, IEnumerable<WaitingGroup> groups, IEnumerable<PlanRoute>? routes = null, IEnumerable<PlannedIncome>? income = null) =>
        PlanningInstance.Create(Start, CostBasis.P80, cash, income ?? [], routes, windows, groups);

    private static WaitingReason ReasonFor(PlanResult plan, string group) => Assert.Single(plan.Waiting, w => w.Group == group);

    [Fact]
    public void A_pregnant_woman_short_of_money_before_her_deadline_gets_the_amount_and_date_that_would_move_her()
    {
        // G1 (most urgent: pregnant, with her daughter) needs 2 x 4,500 = 9,000 by 1 February; only 3,000 is at hand.
        var instance = Instance(3_000m,
            [new TravelWindowOption("W1", "R1", new DateOnly(2027, 2, 1), 6, 3_200m, 4_500m), new TravelWindowOption("W2", "R1", new DateOnly(2027, 3, 15), 6, 3_200m, 4_500m)],
            [new WaitingGroup("G1", 2, 9m, ["R1"], new DateOnly(2027, 2, 10)), new WaitingGroup("G2", 1, 2m, ["R1"], null)]);
        var plan = PlanSolver.Solve(instance);

        var reason = ReasonFor(plan, "G1");
        Assert.Equal(WaitingReasonCode.Money, reason.Code);
        Assert.Equal("Not enough money: 6,000 more by 2027-02-01 would let it travel in window W1.", reason.Reason);
        Assert.Contains("자금 부족", reason.ReasonKorean);
        var gap = plan.FundingGap[0];
        Assert.Equal((new DateOnly(2027, 2, 1), 6_000m), (gap.By, gap.Amount));
        Assert.Equal(["G1"], gap.Groups);
        Assert.Equal(["W1"], gap.Windows);
        // Then, on top of that, 4,500 more by the same date would also move G2.
        Assert.Equal((new DateOnly(2027, 2, 1), 4_500m, "G2"), (plan.FundingGap[1].By, plan.FundingGap[1].Amount, plan.FundingGap[1].Groups[0]));
    }

    [Fact]
    public void Each_binding_reason_is_given_in_English_and_Korean()
    {
        var instance = Instance(1_000_000m,
            [
                new TravelWindowOption("W1", "R1", new DateOnly(2027, 1, 10), 2, 100m, 100m),
                new TravelWindowOption("W2", "R2", new DateOnly(2027, 5, 1), 10, 100m, 100m),
                new TravelWindowOption("W3", "R3", new DateOnly(2027, 1, 20), 10, 100m, 100m),
                new TravelWindowOption("W4", "R4", new DateOnly(2027, 1, 20), 3, 100m, 100m),
            ],
            [
                new WaitingGroup("Full-first", 2, 9m, ["R1"], null),
                new WaitingGroup("Full", 1, 1m, ["R1"], null),
                new WaitingGroup("Late", 1, 5m, ["R2"], new DateOnly(2027, 2, 1)),
                new WaitingGroup("Closed", 1, 5m, ["R3"], null),
                new WaitingGroup("Nowhere", 1, 5m, ["R5"], null),
                new WaitingGroup("Large", 4, 5m, ["R4"], null),
            ],
            routes: [new PlanRoute("R1", PlanRouteStatus.Open), new PlanRoute("R2", PlanRouteStatus.Open), new PlanRoute("R3", PlanRouteStatus.Compromised), new PlanRoute("R4", PlanRouteStatus.Open), new PlanRoute("R5", PlanRouteStatus.Open)]);
        var plan = PlanSolver.Solve(instance);

        Assert.Equal(WaitingReasonCode.CapacityFull, ReasonFor(plan, "Full").Code);
        Assert.Equal(WaitingReasonCode.NoWindowBeforeDeadline, ReasonFor(plan, "Late").Code);
        Assert.Contains("2027-02-01", ReasonFor(plan, "Late").Reason);
        Assert.Equal(WaitingReasonCode.RouteClosed, ReasonFor(plan, "Closed").Code);
        Assert.Equal(WaitingReasonCode.NoWindowOnRoutes, ReasonFor(plan, "Nowhere").Code);
        Assert.Equal(WaitingReasonCode.TooLargeForAnyWindow, ReasonFor(plan, "Large").Code);
        Assert.All(plan.Waiting, w =>
        {
            Assert.False(string.IsNullOrWhiteSpace(w.Reason));
            Assert.Contains(w.ReasonKorean, c => c is >= '\uAC00' and <= '\uD7A3');
        });
        Assert.Equal(["Full-first"], plan.Assignments.Select(a => a.Group));
    }

    [Fact]
    public void An_instance_where_nobody_can_travel_gives_an_empty_plan_with_reasons()
    {
        var instance = Instance(0m,
            [new TravelWindowOption("W1", "R1", new DateOnly(2027, 1, 10), 4, 1_000m, 1_500m)],
            [new WaitingGroup("G1", 1, 3m, ["R1"], null), new WaitingGroup("G2", 2, 1m, ["R1"], null)]);
        var plan = PlanSolver.Solve(instance);

        Assert.Empty(plan.Assignments);
        Assert.Equal((PlanStatus.Optimal, 0m, 0m), (plan.Status, plan.Objective, plan.Bound));
        Assert.All(plan.Waiting, w => Assert.Equal(WaitingReasonCode.Money, w.Code));
    }

    [Fact]
    public void The_median_basis_spends_the_median_estimate_and_so_moves_more_people_on_the_same_money()
    {
        var instance = Instance(6_000m,
            [new TravelWindowOption("W1", "R1", new DateOnly(2027, 1, 10), 10, 2_000m, 3_000m)],
            [new WaitingGroup("G1", 1, 1m, ["R1"], null), new WaitingGroup("G2", 1, 1m, ["R1"], null), new WaitingGroup("G3", 1, 1m, ["R1"], null)]);

        Assert.Equal(2m, PlanSolver.Solve(instance).Objective);
        Assert.Equal(3m, PlanSolver.Solve(instance, new PlanOptions { CostBasis = CostBasis.Median }).Objective);
    }

    [Fact]
    public void Income_counts_only_from_its_date_on()
    {
        // 4,000 arrives on 1 February: the January window cannot use it, the February one can.
        var instance = Instance(1_000m,
            [new TravelWindowOption("Jan", "R1", new DateOnly(2027, 1, 20), 5, 4_000m, 4_000m), new TravelWindowOption("Feb", "R1", new DateOnly(2027, 2, 20), 5, 4_000m, 4_000m)],
            [new WaitingGroup("G1", 1, 5m, ["R1"], new DateOnly(2027, 1, 31)), new WaitingGroup("G2", 1, 1m, ["R1"], null)],
            income: [new PlannedIncome(new DateOnly(2027, 2, 1), 4_000m)]);
        var plan = PlanSolver.Solve(instance);

        Assert.Equal([("G2", "Feb")], plan.Assignments.Select(a => (a.Group, a.Window)));
        Assert.Equal(WaitingReasonCode.Money, ReasonFor(plan, "G1").Code);
    }
}
