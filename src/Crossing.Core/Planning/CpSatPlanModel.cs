using System.Globalization;
using Google.OrTools.Sat;

namespace Crossing.Core.Planning;

/// <summary>
/// The CP-SAT model over classes: an integer count per class and window, and one Boolean per group ordered within its
/// class (the k-th heaviest travels only if the (k-1)-th does), which removes the symmetry between look-alike groups
/// and lets the objective stay linear. Cash flow uses a running spent-by-date variable per cash-flow date.
/// </summary>
internal sealed class CpSatPlanModel
{
    private readonly PlanningProblem problem;
    private readonly CpModel model = new();
    private readonly IntVar[][] counts;
    private readonly BoolVar[][] travels;
    private readonly IntVar[] spentByDate;

    public CpSatPlanModel(PlanningProblem problem)
    {
        this.problem = problem;
        var classes = problem.Classes;
        counts = new IntVar[classes.Length][];
        travels = new BoolVar[classes.Length][];
        var byWindow = new List<(IntVar Count, long Size)>[problem.WindowCount];
        var byDate = new List<(IntVar Count, long Cost)>[problem.Dates.Length];
        var objective = LinearExpr.NewBuilder();
        for (var c = 0; c < classes.Length; c++)
        {
            var groupClass = classes[c];
            var members = groupClass.Members.Length;
            travels[c] = new BoolVar[members];
            var travelling = LinearExpr.NewBuilder();
            for (var k = 0; k < members; k++)
            {
                travels[c][k] = model.NewBoolVar("");
                travelling.Add(travels[c][k]);
                objective.AddTerm(travels[c][k], problem.Value[groupClass.Members[k]]);
                if (k > 0)
                    model.AddImplication(travels[c][k], travels[c][k - 1]);
            }
            counts[c] = new IntVar[groupClass.Windows.Length];
            var placed = LinearExpr.NewBuilder();
            for (var i = 0; i < groupClass.Windows.Length; i++)
            {
                var w = groupClass.Windows[i];
                var y = model.NewIntVar(0, Math.Min(members, problem.Capacity[w] / groupClass.Size), "");
                counts[c][i] = y;
                placed.Add(y);
                (byWindow[w] ??= []).Add((y, groupClass.Size));
                (byDate[problem.DateIndex[w]] ??= []).Add((y, problem.PerPersonCost[w] * groupClass.Size));
            }
            model.Add(placed == travelling);
        }

        for (var w = 0; w < problem.WindowCount; w++)
            if (byWindow[w] is { } terms && terms.Sum(t => t.Size * t.Count.Domain.FlattenedIntervals()[^1]) > problem.Capacity[w])
                model.Add(LinearExpr.WeightedSum(terms.Select(t => t.Count), terms.Select(t => t.Size)) <= problem.Capacity[w]);

        IntVar? previous = null;
        spentByDate = new IntVar[problem.Dates.Length];
        for (var d = 0; d < problem.Dates.Length; d++)
        {
            var spentBy = spentByDate[d] = model.NewIntVar(0, problem.CashBy[d], "");
            var step = LinearExpr.NewBuilder().Add(spentBy);
            if (previous is not null)
                step.AddTerm(previous, -1);
            foreach (var (count, cost) in byDate[d] ?? [])
                step.AddTerm(count, -cost);
            model.Add(step == 0);
            previous = spentBy;
        }
        model.Maximize(objective);
    }

    public sealed record Outcome(int[]? WindowOf, long Bound, bool Proven);

    /// <summary>Solves from a feasible plan as hint; returns CP-SAT's best plan (if any) and its proven bound.</summary>
    /// <param name="fast">For small neighbourhoods: skip probing and symmetry detection, whose cost outweighs their use there.</param>
    public Outcome Solve(int[] hint, TimeSpan limit, int workers, CancellationToken ct, bool fast = false)
    {
        AddHint(hint);
        using var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.05, limit.TotalSeconds):0.###} num_workers:{workers} random_seed:1")
                + (fast ? " cp_model_probing_level:0 symmetry_level:0" : ""),
        };
        using var stop = ct.Register(solver.StopSearch);
        var status = solver.Solve(model);
        var bound = (long)Math.Floor(solver.BestObjectiveBound + 1e-6);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            return new Outcome(null, status == CpSolverStatus.Infeasible ? 0 : long.MaxValue, false);

        var windowOf = Enumerable.Repeat(-1, problem.GroupCount).ToArray();
        for (var c = 0; c < problem.Classes.Length; c++)
        {
            var groupClass = problem.Classes[c];
            var next = 0;
            for (var i = 0; i < groupClass.Windows.Length; i++)
                for (var n = solver.Value(counts[c][i]); n > 0; n--)
                    windowOf[groupClass.Members[next++]] = groupClass.Windows[i];
        }
        return new Outcome(windowOf, bound, status == CpSolverStatus.Optimal);
    }

    private void AddHint(int[] windowOf)
    {
        model.ClearHints();
        for (var c = 0; c < problem.Classes.Length; c++)
        {
            var groupClass = problem.Classes[c];
            var travelling = 0;
            for (var i = 0; i < groupClass.Windows.Length; i++)
            {
                var w = groupClass.Windows[i];
                var n = groupClass.Members.Count(g => windowOf[g] == w);
                model.AddHint(counts[c][i], n);
                travelling += n;
            }
            for (var k = 0; k < groupClass.Members.Length; k++)
                model.AddHint(travels[c][k], k < travelling ? 1 : 0);
        }
        var spentBy = 0L;
        for (var d = 0; d < spentByDate.Length; d++)
        {
            for (var g = 0; g < problem.GroupCount; g++)
                if (windowOf[g] >= 0 && problem.DateIndex[windowOf[g]] == d)
                    spentBy += problem.Cost(g, windowOf[g]);
            model.AddHint(spentByDate[d], spentBy);
        }
    }
}
