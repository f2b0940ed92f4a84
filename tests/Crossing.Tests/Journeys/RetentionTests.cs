using Crossing.Core.Funding;
using Crossing.Core.Journeys;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Journeys;

public sealed class RetentionTests
{
    private sealed class Later(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    private static Task<RetentionResult> RunAsync(JourneyWorld world, int daysLater) => world.WithAsync(sp =>
        new JourneyRetention(sp.GetRequiredService<CrossingDbContext>(), sp.GetRequiredService<Vault>(), sp.GetRequiredService<CompartmentBypass>(),
            sp.GetRequiredService<IAuditLog>(), new JourneyOptions { RetentionDays = 90 }, new Later(TimeSpan.FromDays(daysLater))).RunAsync("system:test"));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Retention_purges_the_route_links_of_journeys_arrived_long_enough_ago_and_keeps_date_people_and_costs(DatabaseProvider provider)
    {
        await using var world = await JourneyWorld.CreateAsync(provider);
        var houses = new[] { await world.SafeHouseAsync(), await world.SafeHouseAsync(), await world.SafeHouseAsync() };
        var partner = await world.PartnerAsync();
        var route = await world.RouteAsync([(houses[0], houses[1], [partner]), (houses[1], houses[2], [])]);
        var window = await world.WindowAsync(route, 1);
        var done = await world.JourneyAsync(route, window, await world.GroupAsync());
        var underWay = await world.JourneyAsync(route, window, await world.GroupAsync());
        await world.FundRescueAsync("CNY", 200000);
        await world.FundRescueAsync("LAK", 30000000);
        await world.WithAsync(async sp =>
        {
            var log = sp.GetRequiredService<JourneyLog>();
            await log.RecordCostAsync(world.Coordinator, done, new CostInput { Leg = 1, Amount = 1500.25m, Currency = "CNY" });
            await log.RecordCostAsync(world.Coordinator, done, new CostInput { Leg = 2, Amount = 300000m, Currency = "LAK" });
            await log.NeedAsync(world.Coordinator, done, new NeedInput { Person = (await log.ViewAsync(world.Coordinator, done))!.People[0], Need = "food" }, tick: false);
            return 0;
        });
        var before = await world.TravelAllLegsAsync(done, 2);
        await world.CheckInAsync(underWay, 1, "departed");

        Assert.Empty((await RunAsync(world, 89)).Purged);
        var result = await RunAsync(world, 91);

        Assert.Equal([done], result.Purged);
        var after = (await world.WithAsync(sp => sp.GetRequiredService<JourneyLog>().ViewAsync(world.Coordinator, done)))!;
        Assert.True(after.Purged);
        Assert.Null(after.Route);
        Assert.Null(after.Window);
        Assert.Empty(after.CheckIns);
        Assert.Empty(after.Needs);
        Assert.All(after.Costs, c => Assert.Null(c.Leg));
        Assert.Equal(before.TotalCost, after.TotalCost);
        Assert.Equal(150025, after.TotalCost["CNY"]);
        Assert.Equal(before.People, after.People);
        Assert.Equal(before.Date, after.Date);

        var other = (await world.WithAsync(sp => sp.GetRequiredService<JourneyLog>().ViewAsync(world.Coordinator, underWay)))!;
        Assert.False(other.Purged);
        Assert.Equal(route, other.Route);
        Assert.Single(other.CheckIns);
        await world.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            var ids = await db.Set<Journey>().IgnoreQueryFilters().ToDictionaryAsync(j => j.Code, j => j.Id.RecordId);
            Assert.False(await db.DataKeys.AnyAsync(k => k.EntityType == Journey.EntityType && k.RecordId == ids[done]));
            Assert.True(await db.DataKeys.AnyAsync(k => k.EntityType == Journey.EntityType && k.RecordId == ids[underWay]));
            Assert.True(await db.DataKeys.AnyAsync(k => k.EntityType == Partner.EntityType));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "journey.retention.purge" && e.RecordCode == done));
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "bypass:retention"));
            return 0;
        });
        Assert.NotNull(await world.WithAsync(sp => sp.GetRequiredService<RouteNetwork>().RouteAsync(world.Coordinator, route)));

        // The purged journey's costs still add up in the ledger: the rescue fund paid exactly its total, and every invariant holds.
        await world.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            var spent = await db.Set<LedgerTransfer>().AsNoTracking()
                .Where(t => t.Code == TransferCodes.Spend && t.DebitAccountId == LedgerAccounts.Fund(LedgerAccounts.Rescue) && t.CreditAccountId == LedgerAccounts.JourneyExpenses)
                .ToListAsync();
            Assert.Equal(after.TotalCost, spent.GroupBy(t => t.CurrencyCode).ToDictionary(g => g.Key, g => g.Sum(t => t.AmountMinor)));
            var balances = (await sp.GetRequiredService<Ledger>().FundBalancesAsync()).Single(f => f.Id == LedgerAccounts.Rescue).Balances;
            Assert.Equal(200000 - 150025, balances.Single(b => b.Currency.Code == "CNY").Minor);
            var check = await sp.GetRequiredService<LedgerCheck>().RunAsync();
            Assert.True(check.Holds, string.Join("; ", check.Violations));
            return 0;
        });
        Assert.Empty((await RunAsync(world, 92)).Purged);
    }

    [Fact]
    public async Task Retention_run_answers_in_json_and_is_audited()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var run = await CliRunner.RunAsync(store, "retention", "run", "--json");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(90, run.Json.GetProperty("retentionDays").GetInt32());
        Assert.Equal(0, run.Json.GetProperty("purged").GetArrayLength());
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "bypass:retention"));
    }

    [Fact]
    public async Task The_web_host_refuses_to_start_with_a_retention_schedule_that_is_not_cron()
    {
        await using var web = await WebFactory.CreateAsync();
        await using var app = web.WithWebHostBuilder(b => b.UseSetting("Crossing:Journeys:RetentionSchedule", "every night"));
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("RetentionSchedule", e.ToString(), StringComparison.Ordinal);
    }
}
