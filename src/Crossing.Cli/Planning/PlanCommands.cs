using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Crossing.Core.Planning;

namespace Crossing.Cli;

/// <summary>
/// `crossing plan`: who travels in which window with the money there is. Plans from an instance file
/// (docs/planner-format.md); planning from live data waits for journeys and the ledger (<see cref="IPlanningInstanceSource"/>).
/// </summary>
internal static class PlanCommands
{
    /// <summary>Korean reasons stay readable Hangul rather than \u escapes; the output goes to a terminal or a file, never into HTML.</summary>
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build(CliContext context)
    {
        var input = new Option<FileInfo?>("--input") { Description = "A planning instance (JSON, docs/planner-format.md)." };
        var seconds = new Option<double>("--seconds") { Description = "Time allowed for solving (default 10).", DefaultValueFactory = _ => 10 };
        var costBasis = new Option<string?>("--cost-basis") { Description = "Per-person cost estimate to spend: p80 (default, conservative) or median." };
        costBasis.AcceptOnlyFromAmong("p80", "median");
        var export = new Option<FileInfo?>("--export") { Description = "Also write the instance the plan was made from, so it can be reproduced." };
        var plan = new Command("plan", "Choose a travel window (or none) for each waiting family group, maximising urgency-weighted people moved.")
        {
            input, seconds, costBasis, export,
        };
        plan.SetAction(async (result, ct) =>
        {
            var limit = result.GetValue(seconds);
            if (!double.IsFinite(limit) || limit is < 0.1 or > 3600)
                throw new CliException($"--seconds must be between 0.1 and 3600, not {limit.ToString(CultureInfo.InvariantCulture)}.");
            if (result.GetValue(input) is not { } file)
                throw new CliException("planning from live data needs journeys (travel windows) and the ledger (the rescue fund's balance), which are not available yet; plan from a file with --input FILE.");
            if (!file.Exists)
                throw new CliException($"No instance file at {file.FullName}.");

            PlanningInstance instance;
            try
            {
                instance = PlanningInstanceJson.Parse(await File.ReadAllTextAsync(file.FullName, ct));
                if (result.GetValue(costBasis) is { } basis)
                    instance = instance with { CostBasis = PlanningInstanceJson.ParseCostBasis(basis, "--cost-basis") };
            }
            catch (PlanningInstanceException e)
            {
                throw new CliException($"{file.Name}: {e.Message}");
            }
            if (result.GetValue(export) is { } exportFile)
                await AtomicFile.WriteAsync(exportFile.FullName, PlanningInstanceJson.Write(instance), ct);

            var json = result.GetValue(Cli.Json);
            var progress = json ? null : new StageLines(context.Error);
            var planned = PlanSolver.Solve(instance, new PlanOptions { TimeLimit = TimeSpan.FromSeconds(limit), Progress = progress }, ct);
            if (json)
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(planned), ReadableJson));
            else
                await context.Out.WriteLineAsync(ToText(planned));
            return Cli.Ok;
        });
        return plan;
    }

    /// <summary>The documented output; the first seven fields are the contract, the rest are extras.</summary>
    private static object ToJson(PlanResult plan) => new
    {
        status = plan.Status == PlanStatus.Optimal ? "optimal" : "feasible",
        objective = Plain(plan.Objective),
        bound = Plain(plan.Bound),
        seconds = Math.Round(plan.Elapsed.TotalSeconds, 3),
        assignments = plan.Assignments.Select(a => new { group = a.Group, window = a.Window }),
        waiting = plan.Waiting.Select(w => new { group = w.Group, reason = w.Reason, reasonKo = w.ReasonKorean, code = PlanReasons.Code(w.Code) }),
        fundingGap = plan.FundingGap.Select(f => new { by = f.By.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), amount = Plain(f.Amount), groups = f.Groups, windows = f.Windows }),
        greedy = new { objective = Plain(plan.GreedyObjective) },
        lpBound = plan.LpBound is { } lp ? Plain(lp) : (decimal?)null,
        costBasis = PlanningInstanceJson.FormatCostBasis(plan.CostBasis),
    };

    private static string ToText(PlanResult plan)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Plan {(plan.Status == PlanStatus.Optimal ? "proven optimal" : "feasible")}: objective {Plain(plan.Objective)}, bound {Plain(plan.Bound)} ({plan.Elapsed.TotalSeconds:0.0} s); greedy baseline {Plain(plan.GreedyObjective)}.");
        foreach (var a in plan.Assignments)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {a.Group,-12} travels in {a.Window}");
        foreach (var w in plan.Waiting)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {w.Group,-12} waits: {w.Reason}");
        foreach (var f in plan.FundingGap)
            text.AppendLine(CultureInfo.InvariantCulture, $"  Funding gap: {Plain(f.Amount)} more by {f.By:yyyy-MM-dd} moves {string.Join(", ", f.Groups)}");
        return text.ToString().TrimEnd();
    }

    /// <summary>Without trailing zeros, so 9000.00 prints as 9000.</summary>
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;
}

/// <summary>Writes each solver stage at once, in order (Progress&lt;T&gt; would post them to the thread pool, late and unordered).</summary>
internal sealed class StageLines(TextWriter error) : IProgress<string>
{
    public void Report(string value) => error.WriteLine("planning: " + value);
}
