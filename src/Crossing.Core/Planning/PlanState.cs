namespace Crossing.Core.Planning;

/// <summary>
/// A plan under construction: who travels in which window, the people in each window and the money spent by each
/// cash-flow date. Every change keeps the plan feasible, so greedy construction, repair and the funding gap can share it.
/// </summary>
internal sealed class PlanState
{
    private readonly PlanningProblem problem;
    private readonly long[] spentBy;
    private readonly long[] extraBy;

    public PlanState(PlanningProblem problem)
    {
        this.problem = problem;
        WindowOf = [.. Enumerable.Repeat(-1, problem.GroupCount)];
        PeopleIn = new int[problem.WindowCount];
        spentBy = new long[problem.Dates.Length];
        extraBy = new long[problem.Dates.Length];
    }

    /// <summary>For each group its window, or -1 while it waits.</summary>
    public int[] WindowOf { get; }

    public int[] PeopleIn { get; }

    /// <summary>Builds the state of a complete assignment; false when it is not feasible.</summary>
    public static bool TryLoad(PlanningProblem problem, int[] windowOf, out PlanState state)
    {
        state = new PlanState(problem);
        for (var g = 0; g < windowOf.Length; g++)
        {
            if (windowOf[g] < 0)
                continue;
            if (!problem.Eligible[g].Contains(windowOf[g]))
                return false;
            state.Place(g, windowOf[g]);
        }
        for (var w = 0; w < problem.WindowCount; w++)
            if (state.PeopleIn[w] > problem.Capacity[w])
                return false;
        for (var d = 0; d < problem.Dates.Length; d++)
            if (state.spentBy[d] > problem.CashBy[d])
                return false;
        return true;
    }

    /// <summary>Cents that could still be spent at date index <paramref name="d"/> without breaking any later date.</summary>
    public long SlackFrom(int d)
    {
        var slack = long.MaxValue;
        for (var k = d; k < spentBy.Length; k++)
            slack = Math.Min(slack, problem.CashBy[k] + extraBy[k] - spentBy[k]);
        return slack;
    }

    /// <summary>Slack from every date index at once (suffix minima), for scanning many windows.</summary>
    public long[] SlackByDate()
    {
        var slack = new long[spentBy.Length];
        var running = long.MaxValue;
        for (var k = spentBy.Length - 1; k >= 0; k--)
        {
            running = Math.Min(running, problem.CashBy[k] + extraBy[k] - spentBy[k]);
            slack[k] = running;
        }
        return slack;
    }

    public bool Fits(int group, int window, long[] slackByDate) =>
        PeopleIn[window] + problem.Size[group] <= problem.Capacity[window] && problem.Cost(group, window) <= slackByDate[problem.DateIndex[window]];

    /// <summary>Puts a waiting group into the earliest eligible window it fits; false when none does.</summary>
    public bool TryPlaceEarliest(int group)
    {
        if (WindowOf[group] >= 0)
            return false;
        var slack = SlackByDate();
        foreach (var w in problem.Eligible[group])
        {
            if (Fits(group, w, slack))
            {
                Place(group, w);
                return true;
            }
        }
        return false;
    }

    public void Place(int group, int window)
    {
        WindowOf[group] = window;
        PeopleIn[window] += problem.Size[group];
        var cost = problem.Cost(group, window);
        for (var k = problem.DateIndex[window]; k < spentBy.Length; k++)
            spentBy[k] += cost;
    }

    public void Remove(int group)
    {
        var window = WindowOf[group];
        WindowOf[group] = -1;
        PeopleIn[window] -= problem.Size[group];
        var cost = problem.Cost(group, window);
        for (var k = problem.DateIndex[window]; k < spentBy.Length; k++)
            spentBy[k] -= cost;
    }

    /// <summary>
    /// The earliest window a waiting group fits once a travelling group is taken out (-1 if none): the move that
    /// swaps a lighter traveller for a heavier waiting group.
    /// </summary>
    public int FitsInstead(int waiting, int travelling)
    {
        var freed = WindowOf[travelling];
        var freedFrom = problem.DateIndex[freed];
        var freedCost = problem.Cost(travelling, freed);
        var slack = new long[spentBy.Length];
        var running = long.MaxValue;
        for (var k = spentBy.Length - 1; k >= 0; k--)
        {
            running = Math.Min(running, problem.CashBy[k] + extraBy[k] - spentBy[k] + (k >= freedFrom ? freedCost : 0));
            slack[k] = running;
        }
        foreach (var w in problem.Eligible[waiting])
        {
            var room = problem.Capacity[w] - PeopleIn[w] + (w == freed ? problem.Size[travelling] : 0);
            if (problem.Size[waiting] <= room && problem.Cost(waiting, w) <= slack[problem.DateIndex[w]])
                return w;
        }
        return -1;
    }

    /// <summary>Extra money arriving by date index <paramref name="d"/> (the funding gap's what-if).</summary>
    public void AddExtra(int d, long cents)
    {
        for (var k = d; k < extraBy.Length; k++)
            extraBy[k] += cents;
    }

    /// <summary>Adds every waiting group that still fits, most urgent first; never removes anyone.</summary>
    public void FillByUrgency(IReadOnlyList<int> urgencyOrder)
    {
        foreach (var g in urgencyOrder)
            if (WindowOf[g] < 0)
                TryPlaceEarliest(g);
    }

    public int[] Snapshot() => (int[])WindowOf.Clone();
}
