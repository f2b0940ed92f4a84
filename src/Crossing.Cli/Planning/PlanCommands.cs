using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Crossing.Core.Planning;
using Crossing.Core.Security.Access;

namespace Crossing.Cli;

/// <summary>
/// `crossing plan`: who travels in which window with the money there is. Plans from an instance file
/// (docs/planner-format.md) or, without --input, from live data as a field manager sees it
/// (<see cref="IPlanningInstanceSource"/>); --export writes the instance used, so the plan can be reproduced.
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
        var asStaff = new Option<string?>("--as") { Description = "Without --input: plan from live data as this field manager (e-mail address) sees it." };
        var plan = new Command("plan", "Choose a travel window (or none) for each waiting family group, maximising urgency-weighted people moved.")
        {
            input, seconds, costBasis, export, asStaff,
        };
        plan.SetAction(async (result, ct) =>
        {
            var limit = result.GetValue(seconds);
            if (!double.IsFinite(limit) || limit is < 0.1 or > 3600)
                throw new CliException($"--seconds must be between 0.1 and 3600, not {limit.ToString(CultureInfo.InvariantCulture)}.");
            PlanningInstance instance;
            try
            {
                instance = result.GetValue(input) is { } file
                    ? await FromFileAsync(file, ct)
                    : await FromLiveDataAsync(context, result, result.GetValue(asStaff), ct);
                if (result.GetValue(costBasis) is { } basis)
                    instance = instance with { CostBasis = PlanningInstanceJson.ParseCostBasis(basis, "--cost-basis") };
            }
            catch (PlanningInstanceException e)
            {
                throw new CliException(result.GetValue(input) is { } file ? $"{file.Name}: {e.Message}" : e.Message);
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

    private static async Task<PlanningInstance> FromFileAsync(FileInfo file, CancellationToken ct)
    {
        if (!file.Exists)
            throw new CliException($"No instance file at {file.FullName}.");
        return PlanningInstanceJson.Parse(await File.ReadAllTextAsync(file.FullName, ct));
    }

    private static async Task<PlanningInstance> FromLiveDataAsync(CliContext context, ParseResult result, string? email, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email))
            throw new CliException("Plan from a file with --input FILE, or from live data with --as EMAIL (a field manager's account).");
        await using var session = await context.OpenAsync(result, ct);
        var directory = session.Get<StaffDirectory>();
        var member = await directory.FindByEmailAsync(email.Trim(), ct) ?? throw new CliException("No staff account has that e-mail address.");
        var caller = await directory.CallerAsync(member.Id, ct) ?? throw new CliException($"{member.Code} is disabled; plan as an active field manager.");
        try
        {
            var live = await session.Get<IPlanningInstanceSource>().BuildAsync(caller, ct);
            var left = live.Left;
            if (!result.GetValue(Cli.Json))
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"planning: live instance in {live.Currency}: {live.Instance.Groups.Count} waiting groups, {live.Instance.Windows.Count} windows, cash {live.Instance.CashAvailable}; left out: {left.WindowsInOtherCurrencies} windows in other currencies, {left.WindowsWithoutEstimate} without an estimate, {left.WindowsFull} full, {left.GroupsAlreadyPlanned} groups already on a journey."));
            return live.Instance;
        }
        catch (PlanningAccessDeniedException e)
        {
            throw new CliException($"{member.Code}: {e.Message}");
        }
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
