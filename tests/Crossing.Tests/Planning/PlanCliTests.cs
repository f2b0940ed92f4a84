using System.Text.Json;
using System.Text.Json.Nodes;
using Crossing.Core.Planning;
using Crossing.Tests.Cli;

namespace Crossing.Tests.Planning;

/// <summary>`crossing plan` run in-process: the documented JSON, and bad instances refused with exit 2 naming the item.</summary>
public sealed class PlanCliTests : IDisposable
{
    private const string IssueExample = """
        {
          "start": "2027-01-04",
          "costBasis": "p80",
          "cash": {"available": 120000, "income": [{"date": "2027-02-01", "amount": 15000}]},
          "windows": [{"id": "W1", "route": "R1", "date": "2027-01-10", "capacity": 6, "cost": {"median": 3200, "p80": 4100}}],
          "groups": [{"id": "G1", "size": 2, "weight": 8.5, "routes": ["R1", "R2"], "deadline": "2027-03-01"}]
        }
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("crossing-plan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<CliRun> PlanAsync(string instanceJson, params string[] extra)
    {
        var file = Path.Combine(folder, "instance.json");
        await File.WriteAllTextAsync(file, instanceJson);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await global::Crossing.Cli.Cli.RunAsync(["plan", "--input", file, "--json", "--seconds", "5", .. extra], stdout, stderr, new Dictionary<string, string>());
        return new CliRun(exit, stdout.ToString().Trim(), stderr.ToString().Trim());
    }

    private static string Edit(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(IssueExample)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static JsonObject Window(JsonObject root) => root["windows"]![0]!.AsObject();

    private static JsonObject Group(JsonObject root) => root["groups"]![0]!.AsObject();

    [Fact]
    public async Task The_issue_example_plans_with_exactly_the_documented_fields()
    {
        var run = await PlanAsync(IssueExample);

        Assert.True(run.Exit == 0, run.Error);
        var json = run.Json;
        Assert.Equal(["status", "objective", "bound", "seconds", "assignments", "waiting", "fundingGap"], json.EnumerateObject().Select(p => p.Name).Take(7));
        Assert.Equal("optimal", json.GetProperty("status").GetString());
        Assert.Equal(17m, json.GetProperty("objective").GetDecimal());
        Assert.Equal(17m, json.GetProperty("bound").GetDecimal());
        var assignment = Assert.Single(json.GetProperty("assignments").EnumerateArray());
        Assert.Equal(("G1", "W1"), (assignment.GetProperty("group").GetString(), assignment.GetProperty("window").GetString()));
        Assert.Empty(json.GetProperty("waiting").EnumerateArray());
        Assert.Empty(json.GetProperty("fundingGap").EnumerateArray());
        Assert.Equal(17m, json.GetProperty("greedy").GetProperty("objective").GetDecimal());
    }

    [Fact]
    public async Task A_plan_where_money_binds_lists_waiting_reasons_and_the_funding_gap()
    {
        var run = await PlanAsync(Edit(root =>
        {
            root["cash"] = JsonNode.Parse("""{"available": 5000}""");
            root["groups"]!.AsArray().Add(JsonNode.Parse("""{"id": "G7", "size": 1, "weight": 2, "routes": ["R1"]}"""));
        }));

        Assert.True(run.Exit == 0, run.Error);
        var waiting = run.Json.GetProperty("waiting").EnumerateArray().ToList();
        Assert.Equal(["G1"], waiting.Select(w => w.GetProperty("group").GetString()));
        Assert.Equal("money", waiting[0].GetProperty("code").GetString());
        Assert.Contains("자금", waiting[0].GetProperty("reasonKo").GetString());
        Assert.Contains("자금 부족", run.Out);
        var gap = Assert.Single(run.Json.GetProperty("fundingGap").EnumerateArray());
        Assert.Equal("2027-01-10", gap.GetProperty("by").GetString());
        Assert.Equal(7300m, gap.GetProperty("amount").GetDecimal());
        Assert.Equal(["G1"], gap.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task The_cost_basis_option_and_export_write_the_instance_the_plan_used()
    {
        var export = Path.Combine(folder, "used.json");
        var run = await PlanAsync(IssueExample, "--cost-basis", "median", "--export", export);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal("median", run.Json.GetProperty("costBasis").GetString());
        var used = PlanningInstanceJson.Parse(await File.ReadAllTextAsync(export));
        Assert.Equal(CostBasis.Median, used.CostBasis);
        Assert.Equal(PlanningInstanceJson.Write(used), PlanningInstanceJson.Write(PlanningInstanceJson.Parse(PlanningInstanceJson.Write(used))));
        Assert.Equal(("W1", 3200m, 4100m), (used.Windows[0].Id, used.Windows[0].MedianCost, used.Windows[0].P80Cost));
    }

    public static TheoryData<string, string> BadInstances => new()
    {
        { Edit(r => Window(r)["route"] = "R9"), "window W1: route R9 is unknown" },
        { Edit(r => Window(r)["capacity"] = -1), "window W1: capacity -1 is negative" },
        { Edit(r => Window(r)["cost"]!["p80"] = -5), "window W1: cost.p80 -5 is negative" },
        { Edit(r => r["windows"]!.AsArray().Add(JsonNode.Parse(Window(r).ToJsonString()))), "window W1: duplicated id" },
        { Edit(r => r["groups"]!.AsArray().Add(JsonNode.Parse(Group(r).ToJsonString()))), "group G1: duplicated id" },
        { Edit(r => Group(r)["size"] = 0), "group G1: size 0" },
        { Edit(r => Group(r)["weight"] = -1.5), "group G1: weight -1.5 is negative" },
        { Edit(r => Window(r)["date"] = "2027-13-01"), "window W1: date: \"2027-13-01\" is not a date" },
        { Edit(r => r["start"] = "next monday"), "start: \"next monday\" is not a date" },
        { Edit(r => Group(r)["deadline"] = "2026-12-31"), "group G1: deadline 2026-12-31 is before the plan's start" },
        { Edit(r => r["cash"]!["available"] = -1), "cash.available -1 is negative" },
        { Edit(r => r["version"] = 2), "version" },
        { Edit(r => Group(r)["urgency"] = 3), "group G1: unknown field 'urgency'" },
        { "{not json", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadInstances))]
    public async Task A_bad_instance_exits_2_with_one_line_naming_the_item_and_no_plan(string instance, string expected)
    {
        var run = await PlanAsync(instance);

        Assert.Equal(2, run.Exit);
        Assert.Empty(run.Out);
        Assert.Single(run.Error.Split('\n'));
        Assert.StartsWith("error: instance.json: ", run.Error);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public async Task Without_an_input_file_or_a_field_manager_to_plan_as_the_command_says_what_to_give_with_exit_2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await global::Crossing.Cli.Cli.RunAsync(["plan", "--json"], stdout, stderr, new Dictionary<string, string>());

        Assert.Equal(2, exit);
        Assert.Empty(stdout.ToString());
        Assert.Contains("--input FILE", stderr.ToString());
        Assert.Contains("--as EMAIL", stderr.ToString());
    }

    [Fact]
    public void The_instance_format_reads_what_it_writes()
    {
        var instance = PlannerPropertyTests.RandomInstance(42);
        var again = PlanningInstanceJson.Parse(PlanningInstanceJson.Write(instance));

        Assert.Equal(PlanningInstanceJson.Write(instance), PlanningInstanceJson.Write(again));
        Assert.Equal(instance.Groups.Select(g => (g.Id, g.Size, g.Weight, g.Deadline, string.Join(",", g.Routes))), again.Groups.Select(g => (g.Id, g.Size, g.Weight, g.Deadline, string.Join(",", g.Routes))));
        Assert.Equal(instance.Windows, again.Windows);
        Assert.Equal(instance.Income, again.Income);
    }

    [Fact]
    public void A_window_route_known_only_from_the_routes_list_is_accepted_and_an_unlisted_group_route_is_not()
    {
        var withList = Edit(r =>
        {
            r["routes"] = JsonNode.Parse("""[{"id": "R1"}, {"id": "R2"}, {"id": "R9", "status": "suspended"}]""");
            Window(r)["route"] = "R9";
        });
        Assert.Equal(PlanRouteStatus.Suspended, PlanningInstanceJson.Parse(withList).Routes![2].Status);

        var unlisted = Edit(r => r["routes"] = JsonNode.Parse("""[{"id": "R1"}]"""));
        var error = Assert.Throws<PlanningInstanceException>(() => PlanningInstanceJson.Parse(unlisted));
        Assert.Equal("group G1: route R2 is not in the instance's routes.", error.Message);
    }
}
