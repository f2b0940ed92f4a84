using System.Diagnostics;

namespace Crossing.Core.Planning;

/// <summary>
/// A fast local search for small instances, before CP-SAT so that it starts from a better hint. Two moves: move a
/// traveller to a cheaper (or equally cheap but later) window, which frees money at the dates in between; and take out
/// one traveller worth less than a waiting group to put the waiting group in, then refill. Swaps strictly gain and
/// moves strictly lower cost or push spending later, so it stops.
/// </summary>
internal static class SwapSearch
{
    public static int[] Improve(PlanningProblem problem, int[] plan, IReadOnlyList<int> urgency, Stopwatch clock, TimeSpan until)
    {
        if (!PlanState.TryLoad(problem, plan, out var state))
            return plan;
        do
        {
            while (MoveToCheaperOrLater(problem, state) && clock.Elapsed < until)
            {
            }
            state.FillByUrgency(urgency);
        }
        while (clock.Elapsed < until && Swap(problem, state, urgency, clock, until));
        return state.Snapshot();
    }

    private static bool MoveToCheaperOrLater(PlanningProblem problem, PlanState state)
    {
        var moved = false;
        for (var g = 0; g < problem.GroupCount; g++)
        {
            var current = state.WindowOf[g];
            if (current < 0)
                continue;
            state.Remove(g);
            var slack = state.SlackByDate();
            var best = current;
            foreach (var w in problem.Eligible[g])
            {
                if (w == best || !state.Fits(g, w, slack))
                    continue;
                var cost = problem.Cost(g, w);
                var bestCost = problem.Cost(g, best);
                if (cost < bestCost || (cost == bestCost && problem.DateIndex[w] > problem.DateIndex[best]))
                    best = w;
            }
            state.Place(g, best);
            moved |= best != current;
        }
        return moved;
    }

    private static bool Swap(PlanningProblem problem, PlanState state, IReadOnlyList<int> urgency, Stopwatch clock, TimeSpan until)
    {
        var travelling = Enumerable.Range(0, problem.GroupCount).Where(g => state.WindowOf[g] >= 0).OrderBy(g => problem.Value[g]).ToArray();
        var waiting = Enumerable.Range(0, problem.GroupCount).Where(g => state.WindowOf[g] < 0 && problem.Eligible[g].Length > 0).OrderByDescending(g => problem.Value[g]);
        foreach (var g in waiting)
        {
            if (clock.Elapsed >= until)
                return false;
            foreach (var h in travelling)
            {
                if (problem.Value[h] >= problem.Value[g])
                    break;
                var window = state.FitsInstead(g, h);
                if (window < 0)
                    continue;
                state.Remove(h);
                state.Place(g, window);
                state.FillByUrgency(urgency);
                return true;
            }
        }
        return false;
    }
}
