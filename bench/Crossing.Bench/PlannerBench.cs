using System.Globalization;
using Crossing.Core.Planning;

namespace Crossing.Bench;

/// <summary>
/// The planner at 200, 2,000 and 10,000 waiting groups over 12 routes with 26 weekly windows each and tight cash:
/// solve time, objective, proven bound, LP bound, objective/bound and objective/greedy.
///   dotnet run -c Release --project bench/Crossing.Bench -- planner [--sizes 200,2000] [--seed 7] [--seconds N] [--workers N] [--trace] [--export DIR]
/// Targets: 200 groups within 0.1% of the proven bound in 10 s; 2,000 at 99% of the LP bound in 30 s; 10,000 at 98% in 120 s.
/// </summary>
public static class PlannerBench
{
    private static readonly Dictionary<int, int> SecondsBySize = new() { [200] = 10, [2_000] = 30, [10_000] = 120 };

    public static Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [200, 2_000, 10_000];
        var seed = int.Parse(Option(args, "--seed") ?? "7", CultureInfo.InvariantCulture);
        var export = Option(args, "--export");
        Console.WriteLine();
        Console.WriteLine($"Planner (seed {seed}; 12 routes x 26 weekly windows; tight cash)");
        Console.WriteLine($"  {"groups",7} {"limit s",8} {"time s",7} {"objective",12} {"bound",12} {"LP bound",12} {"obj/bound",10} {"obj/LP",8} {"greedy",12} {"obj/greedy",10} {"status",9} {"waiting",8}");
        foreach (var size in sizes)
        {
            var instance = PlannerInstanceGenerator.Generate(size, seed);
            if (export is not null)
            {
                Directory.CreateDirectory(export);
                File.WriteAllText(Path.Combine(export, $"planner-{size}-seed{seed}.json"), PlanningInstanceJson.Write(instance));
            }
            var seconds = Option(args, "--seconds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : SecondsBySize.GetValueOrDefault(size, 30);
            var result = PlanSolver.Solve(instance, new PlanOptions { TimeLimit = TimeSpan.FromSeconds(seconds), Workers = Option(args, "--workers") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : new PlanOptions().Workers, Progress = args.Contains("--trace") ? new Trace() : null });
            var lp = result.LpBound ?? result.Bound;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {size,7:N0} {seconds,8} {result.Elapsed.TotalSeconds,7:0.0} {result.Objective,12:N1} {result.Bound,12:N1} {lp,12:N1} {Ratio(result.Objective, result.Bound),10:P3} {Ratio(result.Objective, lp),8:P2} {result.GreedyObjective,12:N1} {Ratio(result.Objective, result.GreedyObjective),10:0.000} {result.Status,9} {result.Waiting.Count,8:N0}"));
        }
        return Task.FromResult(0);
    }

    private sealed class Trace : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine("    " + value);
    }

    private static double Ratio(decimal a, decimal b) => b == 0 ? 1 : (double)(a / b);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>
/// Deterministic instances shaped like the real problem: routes in four regions of three, a group can reach one to
/// three routes of its region; mostly small families; a quarter with deadlines; weekly windows per route on the route's
/// own weekday; capacity about 70% of the people waiting; cash for about a third of them at the 80th-percentile cost.
/// </summary>
public static class PlannerInstanceGenerator
{
    public const int Routes = 12;
    public const int Weeks = 26;

    public static PlanningInstance Generate(int groups, int seed)
    {
        var random = new Random(seed * 1_000_003 + groups);
        var start = new DateOnly(2027, 1, 4);
        var routes = Enumerable.Range(1, Routes).Select(r => $"R{r:00}").ToArray();
        var medianByRoute = routes.Select(_ => 2_000 + random.Next(0, 3_001)).ToArray();

        var sizes = new List<int>();
        var waiting = new List<WaitingGroup>();
        for (var g = 0; g < groups; g++)
        {
            var size = Pick(random, [(1, 45), (2, 30), (3, 15), (4, 7), (5, 2), (6, 1)]);
            var region = random.Next(4);
            var reachable = Enumerable.Range(region * 3, 3).OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Select(r => routes[r]).Order().ToList();
            var weight = Math.Round(1m + (decimal)random.NextDouble() * 9m, 1);
            DateOnly? deadline = random.NextDouble() < 0.25 ? start.AddDays(7 * (1 + random.Next(Weeks))) : null;
            waiting.Add(new WaitingGroup($"G{g + 1}", size, weight, reachable, deadline));
            sizes.Add(size);
        }
        var people = sizes.Sum();
        var meanCapacity = Math.Max(4.0, people * 0.7 / (Routes * Weeks));

        var windows = new List<TravelWindowOption>();
        for (var r = 0; r < Routes; r++)
        {
            for (var week = 0; week < Weeks; week++)
            {
                var median = medianByRoute[r] * (decimal)(0.8 + random.NextDouble() * 0.4);
                var p80 = median * (decimal)(1.15 + random.NextDouble() * 0.35);
                windows.Add(new TravelWindowOption(
                    $"W{r + 1:00}-{week + 1:00}", routes[r], start.AddDays(7 * week + r % 7),
                    (int)Math.Round(meanCapacity * (0.6 + random.NextDouble() * 0.8)),
                    Math.Round(median, 0), Math.Round(p80, 0)));
            }
        }

        // Tight cash: about a third of everyone's 80th-percentile cost, a third of it at hand and the rest as monthly income.
        var meanP80 = windows.Average(w => w.P80Cost);
        var fundable = people * meanP80 / 3m;
        var income = Enumerable.Range(1, 6).Select(month => new PlannedIncome(new DateOnly(2027, 1 + month, 1), Math.Round(fundable * 2m / 3m / 6m, 0)));
        return PlanningInstance.Create(start, CostBasis.P80, Math.Round(fundable / 3m, 0), income, null, windows, waiting);
    }

    private static int Pick(Random random, (int Value, int Percent)[] choices)
    {
        var roll = random.Next(100);
        foreach (var (value, percent) in choices)
        {
            if (roll < percent)
                return value;
            roll -= percent;
        }
        return choices[^1].Value;
    }
}
