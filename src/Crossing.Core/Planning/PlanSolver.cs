using System.Diagnostics;

namespace Crossing.Core.Planning;

/// <summary>
/// Chooses who travels in which window. The pipeline: the greedy baseline; the LP relaxation (GLOP) for a proven bound
/// and a plan that follows it; moves and swaps (<see cref="SwapSearch"/>); then CP-SAT on the whole class model when it
/// is small (for part of the time, then large-neighbourhood steps from its plan), else a large-neighbourhood search of
/// CP-SAT steps; finally every group that still fits is added, most urgent first. The reported bound is the smaller of
/// CP-SAT's and the LP's; the status is optimal only when the plan reaches it.
/// </summary>
public static class PlanSolver
{
    /// <summary>
    /// Up to this many class-window counts CP-SAT works on the whole model (its own portfolio, with the LP plan as hint);
    /// above it, its presolve alone eats the time and large-neighbourhood steps do better (measured, docs/performance.md).
    /// </summary>
    private const int WholeModelLimit = 8_000;

    /// <summary>
    /// The part of the remaining time CP-SAT gets on the whole model; the rest goes to large-neighbourhood steps from its
    /// plan. CP-SAT finds its plan in the first seconds and then mostly works on a bound it rarely moves; steps from that
    /// plan did as well or better on every 200-group instance measured (seeds 1, 2, 3, 7: up to +0.28 points).
    /// </summary>
    private const double WholeModelShare = 0.3;

    public static PlanResult Solve(PlanningInstance instance, PlanOptions? options = null, CancellationToken ct = default)
    {
        options ??= new PlanOptions();
        var clock = Stopwatch.StartNew();
        if (options.CostBasis is { } basis)
            instance = instance with { CostBasis = basis };
        var problem = new PlanningProblem(instance);
        var urgency = UrgencyOrder(problem);

        var greedy = Greedy(problem, urgency);
        var best = greedy.Snapshot();
        var bestValue = problem.Objective(best);
        Report(options, clock, $"{problem.GroupCount} groups in {problem.Classes.Length} classes; greedy {problem.Unscale(bestValue)}");

        var bound = UpperBoundWithoutCapacityOrCash(problem);
        long? lpBound = null;
        if (problem.Classes.Length > 0 && bestValue < bound)
        {
            var lp = LpRelaxation.Solve(problem, Remaining(options, clock) * 0.4);
            if (lp is not null)
            {
                lpBound = lp.Bound;
                Report(options, clock, $"LP bound {problem.Unscale(lp.Bound)}");
                bound = Math.Min(bound, lp.Bound);
                var followed = lp.Follow(problem);
                followed.FillByUrgency(urgency);
                Report(options, clock, $"plan following the LP {problem.Unscale(problem.Objective(followed.WindowOf))}");
                Keep(problem, followed.Snapshot(), ref best, ref bestValue);
            }

            // Leave a little time for explanations and the funding gap, which are cheap and constructive.
            var reserve = TimeSpan.FromMilliseconds(Math.Min(2_000, options.TimeLimit.TotalMilliseconds * 0.05));
            if (bestValue < bound)
            {
                Keep(problem, SwapSearch.Improve(problem, best, urgency, clock, clock.Elapsed + (options.TimeLimit - clock.Elapsed) / 8), ref best, ref bestValue);
                Report(options, clock, $"moves and swaps: plan {problem.Unscale(bestValue)}");
            }
            if (bestValue < bound && problem.Classes.Sum(c => c.Windows.Length) <= WholeModelLimit)
            {
                var outcome = new CpSatPlanModel(problem).Solve(best, (options.TimeLimit - reserve - clock.Elapsed) * WholeModelShare, options.Workers, ct);
                bound = Math.Min(bound, outcome.Bound);
                if (outcome.WindowOf is { } found && PlanState.TryLoad(problem, found, out var state))
                {
                    state.FillByUrgency(urgency);
                    Keep(problem, state.Snapshot(), ref best, ref bestValue);
                }
                Report(options, clock, $"CP-SAT on the whole model: plan {problem.Unscale(bestValue)}, bound {(outcome.Bound == long.MaxValue ? "none" : problem.Unscale(outcome.Bound))}");
                if (bestValue < bound)
                    SearchNeighbourhoods(problem, urgency, options, clock, options.TimeLimit - reserve, ref best, ref bestValue, ref bound, ct);
            }
            else if (bestValue < bound)
            {
                SearchNeighbourhoods(problem, urgency, options, clock, options.TimeLimit - reserve, ref best, ref bestValue, ref bound, ct);
            }
        }
        if (!PlanState.TryLoad(problem, best, out var final))
            throw new InvalidOperationException("The planner produced an infeasible plan.");
        final.FillByUrgency(urgency);
        best = final.Snapshot();
        bestValue = problem.Objective(best);
        // Both bounds are proven, so this only guards against floating-point trouble in a relaxation; tests check the LP bound itself.
        bound = Math.Max(bound, bestValue);

        var waiting = PlanExplainer.Explain(problem, final, urgency);
        var gap = PlanExplainer.FundingGap(problem, best, urgency, options.FundingGapGroups);
        Report(options, clock, $"explained {waiting.Count} waiting groups; funding gap for {gap.Count}");
        var assignments = Enumerable.Range(0, problem.GroupCount).Where(g => best[g] >= 0)
            .Select(g => new PlanAssignment(instance.Groups[g].Id, instance.Windows[best[g]].Id)).ToList();
        return new PlanResult(
            bestValue >= bound ? PlanStatus.Optimal : PlanStatus.Feasible,
            problem.Unscale(bestValue),
            problem.Unscale(bound),
            clock.Elapsed,
            assignments,
            waiting,
            gap,
            problem.Unscale(problem.Objective(greedy.WindowOf)),
            lpBound is { } l ? problem.Unscale(l) : null,
            instance.CostBasis);
    }

    /// <summary>The baseline staff would do by hand: most urgent first, each into the earliest window that still fits it.</summary>
    public static decimal GreedyObjective(PlanningInstance instance)
    {
        var problem = new PlanningProblem(instance);
        var greedy = Greedy(problem, UrgencyOrder(problem));
        return problem.Unscale(problem.Objective(greedy.WindowOf));
    }

    internal static PlanState Greedy(PlanningProblem problem, IReadOnlyList<int> urgency)
    {
        var state = new PlanState(problem);
        state.FillByUrgency(urgency);
        return state;
    }

    /// <summary>Most urgent first: highest weight, then the nearest deadline, then the order of the instance.</summary>
    internal static int[] UrgencyOrder(PlanningProblem problem)
    {
        var groups = problem.Instance.Groups;
        return [.. Enumerable.Range(0, problem.GroupCount)
            .OrderByDescending(g => groups[g].Weight)
            .ThenBy(g => groups[g].Deadline ?? DateOnly.MaxValue)
            .ThenBy(g => g)];
    }

    /// <summary>Every group that has a window at all travels: a bound that needs no solver, and exact when nothing binds.</summary>
    private static long UpperBoundWithoutCapacityOrCash(PlanningProblem problem) =>
        Enumerable.Range(0, problem.GroupCount).Where(g => problem.Eligible[g].Length > 0).Sum(g => problem.Value[g]);

    private static void SearchNeighbourhoods(PlanningProblem problem, int[] urgency, PlanOptions options, Stopwatch clock, TimeSpan until,
        ref int[] best, ref long bestValue, ref long bound, CancellationToken ct)
    {
        var search = new LargeNeighbourhoodSearch(problem, urgency, options.Workers);
        Keep(problem, search.Improve(best, clock, until, ct), ref best, ref bestValue);
        if (search.WholeProblemBound is { } whole)
            bound = Math.Min(bound, whole);
        Report(options, clock, $"large-neighbourhood search: {search.Steps} steps, {search.Improvements} improvements, plan {problem.Unscale(bestValue)}");
    }

    private static void Keep(PlanningProblem problem, int[] candidate, ref int[] best, ref long bestValue)
    {
        var value = problem.Objective(candidate);
        if (value > bestValue)
        {
            best = candidate;
            bestValue = value;
        }
    }

    private static void Report(PlanOptions options, Stopwatch clock, string stage) =>
        options.Progress?.Report($"{clock.Elapsed.TotalSeconds:0.0} s: {stage}");

    private static TimeSpan Remaining(PlanOptions options, Stopwatch clock)
    {
        var left = options.TimeLimit - clock.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
