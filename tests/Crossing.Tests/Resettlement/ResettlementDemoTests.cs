using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Resettlement;

public sealed class ResettlementDemoTests
{
    private static async Task<StaffCaller> DemoCallerAsync(TestStore store, string handle)
    {
        await using var scope = store.Scope();
        var member = await scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>().FindByEmailAsync($"{handle}@demo.crossing.invalid");
        return (await scope.ServiceProvider.GetRequiredService<StaffDirectory>().CallerAsync(member!.Id))!;
    }

    [Fact]
    public async Task The_demo_has_follow_ups_due_this_week_a_sought_sister_on_the_northern_route_and_reminders_made_once()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "demo", "--json")).Exit);
        var worker = await DemoCallerAsync(store, "resettlement");
        var manager = await DemoCallerAsync(store, "manager");
        var east = await DemoCallerAsync(store, "coordinator.east");

        await using (var scope = store.Scope())
        {
            var due = await scope.ServiceProvider.GetRequiredService<ResettlementLog>().DueThisWeekAsync(worker);
            Assert.Equal(3, due.Count);
            Assert.All(due, d => Assert.False(d.Overdue));
            var links = scope.ServiceProvider.GetRequiredService<FamilyLinks>();
            var alert = Assert.Single(await links.OpenAlertsAsync(worker));
            Assert.Equal("sister", alert.Relation);
            Assert.Equal(alert.Id, Assert.Single(await links.OpenAlertsAsync(manager)).Id);
            Assert.Empty(await links.OpenAlertsAsync(east));
        }

        var first = await CliRunner.RunAsync(store, "resettlement", "remind", "--json");
        var second = await CliRunner.RunAsync(store, "resettlement", "remind", "--json");
        Assert.Equal(0, first.Exit);
        Assert.Equal(3, first.Json.GetProperty("created").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("created").GetInt32());
        Assert.Equal(3, second.Json.GetProperty("alreadyReminded").GetInt32());
    }
}
