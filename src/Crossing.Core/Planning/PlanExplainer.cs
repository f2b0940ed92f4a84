using System.Globalization;

namespace Crossing.Core.Planning;

/// <summary>Why each waiting group waits, and what extra money by which date would let the most urgent of them travel.</summary>
internal static class PlanExplainer
{
    public static List<WaitingReason> Explain(PlanningProblem problem, PlanState plan, IReadOnlyList<int> urgency)
    {
        var instance = problem.Instance;
        var closed = new HashSet<string>(instance.Routes?.Where(r => r.Status != PlanRouteStatus.Open).Select(r => r.Id) ?? [], StringComparer.Ordinal);
        var windowsByRoute = instance.Windows.ToLookup(w => w.Route, StringComparer.Ordinal);
        var slack = plan.SlackByDate();
        var reasons = new List<WaitingReason>();
        foreach (var g in urgency)
        {
            if (plan.WindowOf[g] >= 0)
                continue;
            var (code, arguments) = Reason(g);
            reasons.Add(new WaitingReason(instance.Groups[g].Id, code,
                PlanReasons.Format(code, PlanReasons.English, arguments),
                PlanReasons.Format(code, PlanReasons.Korean, arguments)));
        }
        return reasons;

        (WaitingReasonCode, object[]) Reason(int g)
        {
            // It could take a window: then room or money holds it back (money when some window still has room).
            if (problem.Eligible[g].Length > 0)
                return CheapestShortfall(problem, plan, g, slack) is { } money
                    ? (WaitingReasonCode.Money, [Money(money.Cents), Day(problem.Dates[problem.DateIndex[money.Window]]), instance.Windows[money.Window].Id])
                    : (WaitingReasonCode.CapacityFull, []);
            var group = instance.Groups[g];
            var onRoutes = group.Routes.SelectMany(r => windowsByRoute[r]).ToList();
            var open = onRoutes.Where(w => !closed.Contains(w.Route)).ToList();
            if (group.Routes.Count == 0)
                return (WaitingReasonCode.NoRoutes, []);
            if (onRoutes.Count == 0)
                return (WaitingReasonCode.NoWindowOnRoutes, []);
            if (open.Count == 0)
                return (WaitingReasonCode.RouteClosed, []);
            if (!open.Any(w => w.Date >= instance.Start && (group.Deadline is not { } last || w.Date <= last)))
                return group.Deadline is { } deadline
                    ? (WaitingReasonCode.NoWindowBeforeDeadline, [Day(instance.Start), Day(deadline)])
                    : (WaitingReasonCode.NoWindowAfterStart, [Day(instance.Start)]);
            return (WaitingReasonCode.TooLargeForAnyWindow, [group.Size]);
        }
    }

    /// <summary>
    /// Walks the waiting groups most urgent first. For each whose only blocker is money (a window it may take has room),
    /// it picks the window needing the least extra money, adds that money by the window's date and puts the group in,
    /// so later entries build on earlier ones (each entry is extra money on top of the entries before it). The resulting plan is checked
    /// against the instance with the extra income, so every entry is proven to move its groups.
    /// </summary>
    public static List<FundingGapEntry> FundingGap(PlanningProblem problem, int[] plan, IReadOnlyList<int> urgency, int maxGroups)
    {
        if (!PlanState.TryLoad(problem, plan, out var state))
            throw new InvalidOperationException("The funding gap needs a feasible plan.");
        var steps = new List<(int Group, int Window, long Cents)>();
        foreach (var g in urgency)
        {
            if (steps.Count >= maxGroups)
                break;
            if (state.WindowOf[g] >= 0 || CheapestShortfall(problem, state, g, state.SlackByDate()) is not { } money)
                continue;
            state.AddExtra(problem.DateIndex[money.Window], money.Cents);
            state.Place(g, money.Window);
            steps.Add((g, money.Window, money.Cents));
        }

        var instance = problem.Instance;
        var entries = steps
            .Select(s => new FundingGapEntry(problem.Dates[problem.DateIndex[s.Window]], s.Cents / 100m, [instance.Groups[s.Group].Id], [instance.Windows[s.Window].Id]))
            .ToList();
        var funded = new PlanningProblem(instance.WithExtraIncome(entries.Select(e => new PlannedIncome(e.By, e.Amount))));
        if (!PlanState.TryLoad(funded, state.WindowOf, out _))
            throw new InvalidOperationException("The funding gap's extra money does not carry the groups it names.");
        return entries;
    }

    /// <summary>The window with room for the group that needs the least extra money (earliest on a tie), when money is what blocks it.</summary>
    private static (int Window, long Cents)? CheapestShortfall(PlanningProblem problem, PlanState plan, int group, long[] slackByDate)
    {
        (int Window, long Cents)? best = null;
        foreach (var w in problem.Eligible[group])
        {
            if (plan.PeopleIn[w] + problem.Size[group] > problem.Capacity[w])
                continue;
            var shortfall = problem.Cost(group, w) - slackByDate[problem.DateIndex[w]];
            if (shortfall > 0 && (best is null || shortfall < best.Value.Cents))
                best = (w, shortfall);
        }
        return best;
    }

    private static string Day(DateOnly date) => PlanningInstanceJson.Iso(date);

    private static string Money(long cents) => (cents / 100m).ToString("#,0.##", CultureInfo.InvariantCulture);
}
