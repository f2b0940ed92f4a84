using System.Text.Json.Nodes;
using Crossing.Core.Demo;
using Crossing.Core.Journeys;
using Crossing.Core.Persistence;
using Crossing.Core.Planning;
using Crossing.Core.Security.Access;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Planning;

/// <summary>The live instance (groups, windows, rescue money, expected gifts), its export, and accepting a plan.</summary>
public sealed class LivePlanningTests
{
    private static readonly PlanOptions Quick = new() { TimeLimit = TimeSpan.FromSeconds(3), Workers = 1 };

    private static async Task<(TestStore Store, PlanningWorld World)> WorldAsync(DatabaseProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        var world = new PlanningWorld(async work =>
        {
            await using var scope = store.Scope();
            await work(scope.ServiceProvider);
        });
        await world.BuildAsync();
        return (store, world);
    }

    private static async Task<LivePlanningInstance> LiveAsync(TestStore store, StaffCaller caller)
    {
        await using var scope = store.Scope();
        return await scope.ServiceProvider.GetRequiredService<IPlanningInstanceSource>().BuildAsync(caller);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Live_instance_holds_the_waiting_groups_the_cny_windows_and_the_rescue_funds_cny_money_and_plans_feasibly(DatabaseProvider provider)
    {
        var (store, world) = await WorldAsync(provider);
        await using var _ = store;
        var live = await LiveAsync(store, world.Manager);
        var instance = live.Instance;

        Assert.Equal("CNY", live.Currency);
        Assert.Equal(PlanningWorld.Today, instance.Start);
        Assert.Equal(CostBasis.P80, instance.CostBasis);
        Assert.Equal(world.Groups.Order(StringComparer.Ordinal), instance.Groups.Select(g => g.Id).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3, 1], world.Groups.Select(g => instance.Groups.Single(x => x.Id == g).Size));
        Assert.All(instance.Groups, g => Assert.Equal([world.Route], g.Routes));
        Assert.True(instance.Groups.Single(g => g.Id == world.Groups[0]).Weight > instance.Groups.Single(g => g.Id == world.Groups[1]).Weight);
        Assert.Equal(world.Windows.Order(StringComparer.Ordinal), instance.Windows.Select(w => w.Id).Order(StringComparer.Ordinal));
        Assert.Equal(10_000m, instance.Windows.Single(w => w.Id == world.Windows[0]).P80Cost);
        Assert.Equal(8_000m, instance.Windows.Single(w => w.Id == world.Windows[0]).MedianCost);
        Assert.Equal(1, live.Left.WindowsInOtherCurrencies);
        // Only the rescue fund's yuan: the general fund's and the dollars are not the planner's to spend.
        Assert.Equal(PlanningWorld.OneTimeGift + PlanningWorld.MonthlyGift, instance.CashAvailable);
        Assert.NotEmpty(instance.Income);
        Assert.All(instance.Income, i => Assert.Equal(PlanningWorld.MonthlyGift, i.Amount));
        Assert.Equal(PlanningWorld.Today.AddDays(-10).AddMonths(1), instance.Income[0].Date);

        var plan = PlanSolver.Solve(instance, Quick);
        Assert.NotEmpty(plan.Assignments);
        Assert.Empty(PlanChecker.Violations(instance, plan.Assignments.Select(a => (a.Group, a.Window))));
        // 7 people at 10,000 or more each against 22,500 and 2,500 a month: money binds, so someone waits for money.
        Assert.Contains(plan.Waiting, w => w.Code == WaitingReasonCode.Money);
        Assert.NotEmpty(plan.FundingGap);
    }

    [Fact]
    public async Task The_exported_instance_reads_back_to_the_same_instance_and_the_same_plan()
    {
        var (store, world) = await WorldAsync(DatabaseProvider.Sqlite);
        await using var _ = store;
        var instance = (await LiveAsync(store, world.Manager)).Instance;
        var exported = PlanningInstanceJson.Write(instance);
        var read = PlanningInstanceJson.Parse(exported);
        Assert.Equal(exported, PlanningInstanceJson.Write(read));
        Assert.Equal(instance.Groups.Count, read.Groups.Count);
        Assert.Equal(instance.Windows, read.Windows);
        Assert.Equal(instance.Income, read.Income);
        Assert.Equal(PlanSolver.Solve(instance, Quick).Objective, PlanSolver.Solve(read, Quick).Objective);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Accepting_a_plan_creates_its_journeys_once_and_a_new_live_instance_leaves_their_groups_and_money_out(DatabaseProvider provider)
    {
        var (store, world) = await WorldAsync(provider);
        await using var _ = store;
        var live = await LiveAsync(store, world.Manager);
        var plan = PlanSolver.Solve(live.Instance, Quick);
        Assert.NotEmpty(plan.Assignments);

        async Task<PlanAcceptanceResult> AcceptAsync()
        {
            await using var scope = store.Scope();
            return await scope.ServiceProvider.GetRequiredService<PlanAcceptance>().AcceptAsync(world.Manager, live.Instance, plan.Assignments);
        }

        var first = await AcceptAsync();
        Assert.Equal(plan.Assignments.Select(a => a.Window).Distinct().Count(), first.Journeys.Count);
        Assert.Empty(first.Refused);
        var second = await AcceptAsync();
        Assert.Empty(second.Journeys);
        Assert.Equal(plan.Assignments.Select(a => a.Group).Order(StringComparer.Ordinal), second.AlreadyPlanned.Order(StringComparer.Ordinal));
        Assert.Equal(first.PlanId, second.PlanId);

        await using (var scope = store.Scope())
        {
            var board = await scope.ServiceProvider.GetRequiredService<JourneyLog>().BoardAsync(world.Manager);
            Assert.Equal(first.Journeys.Order(StringComparer.Ordinal), board.Select(j => j.Code).Order(StringComparer.Ordinal));
            foreach (var a in plan.Assignments)
                Assert.Single(board, j => j.Window == a.Window && j.Groups.Contains(a.Group));
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "plan.accept" && e.RecordCode == first.PlanId));
        }

        var after = await LiveAsync(store, world.Manager);
        Assert.DoesNotContain(after.Instance.Groups, g => plan.Assignments.Any(a => a.Group == g.Id));
        Assert.Equal(plan.Assignments.Count, after.Left.GroupsAlreadyPlanned);
        var spent = plan.Assignments.Sum(a => live.Instance.Groups.Single(g => g.Id == a.Group).Size * live.Instance.Windows.Single(w => w.Id == a.Window).P80Cost);
        Assert.Equal(spent, after.Left.CommittedToPlannedJourneys);
        Assert.Equal(Math.Max(0, live.Instance.CashAvailable - spent), after.Instance.CashAvailable);
    }

    [Fact]
    public async Task A_coordinator_may_neither_build_a_live_instance_nor_accept_a_plan()
    {
        var (store, world) = await WorldAsync(DatabaseProvider.Sqlite);
        await using var _ = store;
        await using var scope = store.Scope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
        var coordinator = (await staff.CallerAsync((await staff.AddStaffAsync("coordinator@example.org", StaffRole.FieldCoordinator, ["east"], null, "test")).Id))!;
        await Assert.ThrowsAsync<PlanningAccessDeniedException>(() => scope.ServiceProvider.GetRequiredService<IPlanningInstanceSource>().BuildAsync(coordinator));
        var instance = (await LiveAsync(store, world.Manager)).Instance;
        await Assert.ThrowsAsync<PlanningAccessDeniedException>(() => scope.ServiceProvider.GetRequiredService<PlanAcceptance>().AcceptAsync(coordinator, instance, [new PlanAssignment(world.Groups[0], world.Windows[0])]));
    }

    [Fact]
    public async Task The_demo_plans_from_live_data_as_the_field_manager_and_exports_the_instance_it_used()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "demo")).Exit);
        var export = Path.Combine(store.DataDirectory, "live-instance.json");
        var run = await CliRunner.RunAsync(store, "plan", "--as", DemoSeeder.EmailOf(DemoSeeder.FieldManager), "--export", export, "--json", "--seconds", "3");
        Assert.True(run.Exit == 0, run.Error);
        var output = JsonNode.Parse(run.Out)!.AsObject();
        Assert.NotEmpty(output["assignments"]!.AsArray());
        var instance = PlanningInstanceJson.Parse(await File.ReadAllTextAsync(export));
        Assert.True(instance.CashAvailable > 0);
        Assert.Contains(instance.Windows, w => output["assignments"]!.AsArray().Any(a => (string)a!["window"]! == w.Id));

        var replay = await CliRunner.RunAsync(store, "plan", "--input", export, "--json", "--seconds", "3");
        Assert.Equal(0, replay.Exit);
        Assert.Equal((decimal)output["objective"]!, (decimal)JsonNode.Parse(replay.Out)!["objective"]!);

        var refused = await CliRunner.RunAsync(store, "plan", "--as", DemoSeeder.EmailOf("coordinator.east"), "--json");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("field manager", refused.Error, StringComparison.Ordinal);
        var neither = await CliRunner.RunAsync(store, "plan", "--json");
        Assert.Equal(2, neither.Exit);
        Assert.Contains("--as EMAIL", neither.Error, StringComparison.Ordinal);
    }
}
