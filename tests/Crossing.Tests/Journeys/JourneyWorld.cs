using Crossing.Core.Cases;
using Crossing.Core.Funding;
using Crossing.Core.Journeys;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Journeys;

/// <summary>A real store with compartment east and its coordinator, and short ways to build routes and journeys through the services.</summary>
public sealed class JourneyWorld : IAsyncDisposable
{
    private JourneyWorld(TestStore store) => Store = store;

    public TestStore Store { get; }
    public StaffCaller Coordinator { get; private set; } = null!;

    public static async Task<JourneyWorld> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var world = new JourneyWorld(await TestStore.CreateAsync(provider));
        await using var scope = world.Store.Scope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
        await staff.AddCompartmentAsync("east", "test");
        var member = await staff.AddStaffAsync("east@example.org", StaffRole.FieldCoordinator, ["east"], null, "test");
        world.Coordinator = (await staff.CallerAsync(member.Id))!;
        return world;
    }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Store.Scope();
        return await work(scope.ServiceProvider);
    }

    public Task<string> SafeHouseAsync() => WithAsync(async sp =>
        (await sp.GetRequiredService<RouteNetwork>().RecordSafeHouseAsync(Coordinator, new SafeHouseInput { Compartment = "east", Name = "h", Address = "a" })).Code);

    public Task<string> PartnerAsync() => WithAsync(async sp =>
        (await sp.GetRequiredService<RouteNetwork>().RecordPartnerAsync(Coordinator, new PartnerInput { Compartment = "east", Name = "p", Role = "guide" })).Code);

    public Task<string> RouteAsync(IReadOnlyList<(string From, string To, string[] Partners)> legs) => WithAsync(async sp =>
        (await sp.GetRequiredService<RouteNetwork>().OpenRouteAsync(Coordinator, new RouteInput
        {
            Compartment = "east", Name = "r",
            Legs = [.. legs.Select(l => new LegInput { From = l.From, To = l.To, Partners = [.. l.Partners] })],
        })).Code);

    public Task<string> WindowAsync(string route, int inDays, int capacity = 10) => WithAsync(async sp =>
        (await sp.GetRequiredService<RouteNetwork>().AddWindowAsync(Coordinator, route, new WindowInput
        {
            Date = Today.AddDays(inDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Capacity = capacity, Currency = "CNY",
        }))!.Code);

    /// <summary>A new family group of one person; its code.</summary>
    public Task<string> GroupAsync() => WithAsync(async sp =>
    {
        var registry = sp.GetRequiredService<CaseRegistry>();
        var recorded = await registry.RecordAsync(Coordinator, new CaseIntakeInput { Compartment = "east", FullName = "김영희", Sex = "F" }.Validate(Today));
        return (await registry.SummaryAsync(Coordinator, recorded.Code))!.FamilyGroup;
    });

    public Task<string> JourneyAsync(string route, string window, params string[] groups) => WithAsync(async sp =>
        (await sp.GetRequiredService<JourneyLog>().PlanAsync(Coordinator, new JourneyInput { Route = route, Window = window, Groups = [.. groups] })).Code);

    public Task<JourneyView> CheckInAsync(string journey, int leg, string status) => WithAsync(async sp =>
        (await sp.GetRequiredService<JourneyLog>().CheckInAsync(Coordinator, journey, new CheckInInput { Leg = leg, Status = status }))!);

    /// <summary>Departs and arrives every leg in order.</summary>
    public async Task<JourneyView> TravelAllLegsAsync(string journey, int legs)
    {
        JourneyView view = null!;
        for (var leg = 1; leg <= legs; leg++)
        {
            await CheckInAsync(journey, leg, "departed");
            view = await CheckInAsync(journey, leg, "arrived");
        }
        return view;
    }

    public Task<int> FundRescueAsync(string currency, long minor) => WithAsync(sp => RescueFund.GiveAsync(sp, currency, minor));

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}

/// <summary>Puts money in the restricted rescue fund the way finance does: a gift received by hand, designated to rescue.</summary>
public static class RescueFund
{
    public static async Task<int> GiveAsync(IServiceProvider services, string currency, long minor)
    {
        var result = await services.GetRequiredService<GiftIntake>().ReceiveGiftAsync(new GiftFacts("manual", "test-" + Guid.NewGuid().ToString("N"), null, "manual",
            GiftKind.OneTime, null, null, null, currency, minor, minor.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new Dictionary<string, string> { [Designations.FundKey] = LedgerAccounts.Rescue }, DateTimeOffset.UtcNow));
        Assert.Equal(EventOutcome.Applied, result.Outcome);
        return 0;
    }
}
