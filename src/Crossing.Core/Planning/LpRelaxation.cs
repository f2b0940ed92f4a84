using Google.OrTools.LinearSolver;

namespace Crossing.Core.Planning;

/// <summary>
/// The LP relaxation of the class model, solved with GLOP: a proven upper bound on any plan's objective, and
/// fractional counts per class and window that <see cref="Follow"/> turns into a feasible plan to start from.
/// Aggregating by class does not weaken the relaxation: any fractional per-group solution sums to a class solution
/// of the same value, and a class solution spreads back evenly over its members.
/// </summary>
internal sealed class LpRelaxation
{
    private LpRelaxation(long bound, double value, double[][] counts, double[] travels)
    {
        Bound = bound;
        Value = value;
        Counts = counts;
        Travels = travels;
    }

    /// <summary>The relaxation's value rounded down to the integer objective scale (no plan can exceed it).</summary>
    public long Bound { get; }

    public double Value { get; }

    /// <summary>For each class, the fractional number of its groups in each of the class's windows.</summary>
    public double[][] Counts { get; }

    /// <summary>For each group, the fraction of it the relaxation lets travel.</summary>
    public double[] Travels { get; }

    public static LpRelaxation? Solve(PlanningProblem problem, TimeSpan limit)
    {
        using var solver = Solver.CreateSolver("GLOP");
        if (solver is null)
            return null;
        solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        var objective = solver.Objective();
        objective.SetMaximization();

        var capacity = new Constraint?[problem.WindowCount];
        // Spent-by-date variables keep each count in one cash row: spentBy[d] = spentBy[d-1] + (spent at date d) <= cash by d.
        var cash = new Constraint[problem.Dates.Length];
        // Money in cents next to head counts makes GLOP's basis badly conditioned; measure it in average per-person costs.
        var moneyUnit = Math.Max(1.0, problem.PerPersonCost.Where((_, w) => problem.Usable[w]).DefaultIfEmpty(1).Average(c => (double)c));
        Variable? previous = null;
        for (var d = 0; d < cash.Length; d++)
        {
            var spentBy = solver.MakeNumVar(0, problem.CashBy[d] / moneyUnit, "");
            cash[d] = solver.MakeConstraint(0, 0);
            cash[d].SetCoefficient(spentBy, 1);
            if (previous is not null)
                cash[d].SetCoefficient(previous, -1);
            previous = spentBy;
        }

        var counts = new Variable[problem.Classes.Length][];
        var travelVariables = new Variable?[problem.GroupCount];
        for (var c = 0; c < problem.Classes.Length; c++)
        {
            var groupClass = problem.Classes[c];
            var link = solver.MakeConstraint(0, 0);
            counts[c] = new Variable[groupClass.Windows.Length];
            for (var i = 0; i < groupClass.Windows.Length; i++)
            {
                var w = groupClass.Windows[i];
                var y = solver.MakeNumVar(0, groupClass.Members.Length, "");
                counts[c][i] = y;
                link.SetCoefficient(y, 1);
                capacity[w] ??= solver.MakeConstraint(double.NegativeInfinity, problem.Capacity[w]);
                capacity[w]!.SetCoefficient(y, groupClass.Size);
                var cost = problem.PerPersonCost[w] * groupClass.Size / moneyUnit;
                cash[problem.DateIndex[w]].SetCoefficient(y, -cost);
            }
            foreach (var g in groupClass.Members)
            {
                var travels = travelVariables[g] = solver.MakeNumVar(0, 1, "");
                link.SetCoefficient(travels, -1);
                objective.SetCoefficient(travels, problem.Value[g]);
            }
        }

        if (solver.Solve() != Solver.ResultStatus.OPTIMAL)
            return null;
        // Allow for GLOP's floating-point tolerances before rounding down to the integer scale.
        var value = objective.Value();
        var bound = (long)Math.Floor(value * (1 + 1e-9) + 1e-6);
        return new LpRelaxation(bound, value, [.. counts.Select(row => row.Select(v => v.SolutionValue()).ToArray())],
            [.. travelVariables.Select(v => v?.SolutionValue() ?? 0)]);
    }

    /// <summary>
    /// A plan that follows the relaxation: groups the LP lets travel most fully go first, each into the window its class
    /// uses most in the LP that still has room and money, else into the earliest that does. Always feasible.
    /// </summary>
    public PlanState Follow(PlanningProblem problem)
    {
        var state = new PlanState(problem);
        var preference = new int[problem.GroupCount][];
        for (var c = 0; c < problem.Classes.Length; c++)
        {
            var groupClass = problem.Classes[c];
            var windows = Enumerable.Range(0, groupClass.Windows.Length).Where(i => Counts[c][i] > 1e-6).OrderByDescending(i => Counts[c][i]).Select(i => groupClass.Windows[i]).ToArray();
            foreach (var g in groupClass.Members)
                preference[g] = windows;
        }
        var order = Enumerable.Range(0, problem.GroupCount).Where(g => Travels[g] > 1e-6)
            .OrderByDescending(g => Travels[g]).ThenByDescending(g => problem.Value[g]).ThenBy(g => g);
        foreach (var g in order)
        {
            var slack = state.SlackByDate();
            var placed = false;
            foreach (var w in preference[g] ?? [])
            {
                if (state.Fits(g, w, slack))
                {
                    state.Place(g, w);
                    placed = true;
                    break;
                }
            }
            if (!placed)
                state.TryPlaceEarliest(g);
        }
        return state;
    }
}
