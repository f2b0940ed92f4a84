using System.Diagnostics;

namespace Crossing.Core.Planning;

/// <summary>
/// Improves a feasible plan by re-deciding a few dozen to a few hundred groups at a time with CP-SAT while every other
/// group keeps its window: travellers and waiting groups around a span of dates, on a few routes, at random, or those
/// the LP prices as marginal. A step is kept only when it moves more urgency-weighted people, so the plan never gets
/// worse. The neighbourhood grows while CP-SAT proves its steps optimal and shrinks when they time out.
/// </summary>
internal sealed class LargeNeighbourhoodSearch(PlanningProblem problem, IReadOnlyList<int> urgency, int workers)
{
    private const int MinFree = 16;
    private const int MaxFree = 600;
    private readonly Random random = new(20_270_104);

    public int Steps { get; private set; }
    public int Improvements { get; private set; }

    /// <summary>The best bound CP-SAT proved on a step that freed every group that could travel (such a step is the whole problem).</summary>
    public long? WholeProblemBound { get; private set; }

    public int[] Improve(int[] start, Stopwatch clock, TimeSpan until, CancellationToken ct)
    {
        var plan = (int[])start.Clone();
        var target = 80;
        var kind = 0;
        while (!ct.IsCancellationRequested)
        {
            var left = until - clock.Elapsed;
            if (left < TimeSpan.FromMilliseconds(100))
                break;

            // One step per worker, each on its own neighbourhood of the same plan, solved side by side on one core each.
            var steps = new List<(int[] Free, PlanningProblem Sub, int[] Hint)>();
            var whole = false;
            for (var i = 0; i < Math.Max(1, workers) && !whole; i++)
            {
                var free = Neighbourhood(kind++ % 4, plan, target, out whole);
                if (free.Length == 0)
                    continue;
                if (whole)
                    steps.Clear();
                steps.Add((free, problem.Around(free, plan), [.. free.Select(g => plan[g])]));
            }
            if (steps.Count == 0)
                break;
            // The whole problem gets all the time and all the workers; a neighbourhood gets a short slice.
            var limit = whole ? left : TimeSpan.FromSeconds(Math.Min(left.TotalSeconds, 0.2 + target / 400.0));
            var outcomes = new CpSatPlanModel.Outcome[steps.Count];
            Parallel.For(0, steps.Count, new ParallelOptions { MaxDegreeOfParallelism = steps.Count }, i =>
                outcomes[i] = new CpSatPlanModel(steps[i].Sub).Solve(steps[i].Hint, limit, whole ? workers : 1, ct, fast: !whole));
            Steps += steps.Count;

            for (var i = 0; i < steps.Count; i++)
            {
                var (free, sub, hint) = steps[i];
                if (whole)
                    WholeProblemBound = Math.Min(WholeProblemBound ?? long.MaxValue, outcomes[i].Bound);
                if (outcomes[i].WindowOf is not { } found || sub.Objective(found) <= sub.Objective(hint))
                    continue;
                // Steps solved side by side each assumed the others' groups stay put: keep a later one only if it still fits.
                var candidate = (int[])plan.Clone();
                for (var k = 0; k < free.Length; k++)
                    candidate[free[k]] = found[k];
                if (!PlanState.TryLoad(problem, candidate, out var state) || problem.Objective(candidate) <= problem.Objective(plan))
                    continue;
                state.FillByUrgency(urgency);
                plan = state.Snapshot();
                Improvements++;
            }
            if (whole && outcomes[0].Proven)
                break;
            var proven = outcomes.Count(o => o.Proven);
            target = proven * 2 >= outcomes.Length ? Math.Min(MaxFree, (int)(target * 1.2) + 1) : Math.Max(MinFree, (int)(target * 0.8));
        }
        return plan;
    }

    private int[] Neighbourhood(int kind, int[] plan, int target, out bool whole)
    {
        var travelling = new List<int>();
        var waiting = new List<int>();
        for (var g = 0; g < problem.GroupCount; g++)
        {
            if (plan[g] >= 0)
                travelling.Add(g);
            else if (problem.Eligible[g].Length > 0)
                waiting.Add(g);
        }
        whole = travelling.Count + waiting.Count <= target;
        if (whole)
            return [.. travelling.Concat(waiting)];
        var half = Math.Max(1, target / 2);
        IEnumerable<int> chosenTravelling, chosenWaiting;
        switch (kind)
        {
            case 0:
                {
                    // A span of cash-flow dates: who travels in it, and who waits but could.
                    var from = random.Next(problem.Dates.Length);
                    var to = from;
                    var inSpan = travelling.Where(g => problem.DateIndex[plan[g]] == from).ToList();
                    while (inSpan.Count < half && (from > 0 || to < problem.Dates.Length - 1))
                    {
                        if (to < problem.Dates.Length - 1 && (from == 0 || random.Next(2) == 0))
                            to++;
                        else
                            from--;
                        inSpan = [.. travelling.Where(g => problem.DateIndex[plan[g]] >= from && problem.DateIndex[plan[g]] <= to)];
                    }
                    chosenTravelling = Sample(inSpan, half);
                    chosenWaiting = Sample([.. waiting.Where(g => problem.Eligible[g].Any(w => problem.DateIndex[w] >= from && problem.DateIndex[w] <= to))], half);
                    break;
                }
            case 1:
                {
                    // One or two routes: the people on them and those waiting for them.
                    var routes = problem.Instance.Windows.Where((_, w) => problem.Usable[w]).Select(w => w.Route).Distinct().ToList();
                    if (routes.Count == 0)
                        return [];
                    var picked = Sample(routes, 1 + random.Next(2)).ToHashSet(StringComparer.Ordinal);
                    chosenTravelling = Sample([.. travelling.Where(g => picked.Contains(problem.Instance.Windows[plan[g]].Route))], half);
                    chosenWaiting = Sample([.. waiting.Where(g => problem.Eligible[g].Any(w => picked.Contains(problem.Instance.Windows[w].Route)))], half);
                    break;
                }
            case 2:
                chosenTravelling = Sample(travelling, half);
                chosenWaiting = Sample(waiting, half);
                break;
            default:
                {
                    // Marginal groups: travellers who buy the least urgency per unit of cost, waiting groups who would buy the most.
                    chosenTravelling = Sample([.. travelling.OrderBy(g => Ratio(g, plan[g])).Take(half * 2)], half);
                    chosenWaiting = Sample([.. waiting.OrderByDescending(g => problem.Eligible[g].Max(w => Ratio(g, w))).Take(half * 2)], half);
                    break;
                }
        }
        return [.. chosenTravelling.Concat(chosenWaiting).Distinct()];
    }

    private double Ratio(int group, int window) => problem.Value[group] / (1.0 + problem.Cost(group, window));

    private List<T> Sample<T>(List<T> items, int count)
    {
        if (items.Count <= count)
            return items;
        var copy = items.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return [.. copy.Take(count)];
    }
}
