using System.Globalization;
using Crossing.Core.Cases;
using Crossing.Core.Funding;
using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Planning;

/// <summary>
/// Demo-like live data for the planner, made through the modules' own services: a field manager of east and west, an
/// open route in east with weekly windows priced in CNY (one in THB, which a CNY plan leaves out), waiting family groups
/// with urgency, and rescue money in CNY (a one-time gift and a monthly donor).
/// </summary>
public sealed class PlanningWorld(Func<Func<IServiceProvider, Task>, Task> inScope)
{
    public const decimal OneTimeGift = 20_000m;
    public const decimal MonthlyGift = 2_500m;

    private static readonly string[] Names = ["김하나", "이두리", "박세나", "최다온", "정가람", "강보라", "조새롬", "윤나래", "장마루", "임소리", "한바다", "오누리"];

    public StaffCaller Manager { get; private set; } = null!;
    public string Route { get; private set; } = "";
    public List<string> Windows { get; } = [];
    public string OtherCurrencyWindow { get; private set; } = "";
    public List<string> Groups { get; } = [];

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <param name="managerId">An existing field manager (a web test's signed-in one); otherwise one is added.</param>
    public async Task BuildAsync(Guid? managerId = null)
    {
        await inScope(async sp =>
        {
            var staff = sp.GetRequiredService<StaffDirectory>();
            if (managerId is null)
            {
                await staff.AddCompartmentAsync("east", "test");
                managerId = (await staff.AddStaffAsync("manager@example.org", StaffRole.FieldManager, ["east"], null, "test")).Id;
            }
            Manager = (await staff.CallerAsync(managerId.Value))!;

            var network = sp.GetRequiredService<RouteNetwork>();
            var houses = new List<string>();
            for (var i = 0; i < 3; i++)
                houses.Add((await network.RecordSafeHouseAsync(Manager, new SafeHouseInput { Compartment = "east", Name = $"house {i}", Address = $"{i} Test Lane" })).Code);
            Route = (await network.OpenRouteAsync(Manager, new RouteInput
            {
                Compartment = "east", Name = "east-test",
                Legs = [new LegInput { From = houses[0], To = houses[1] }, new LegInput { From = houses[1], To = houses[2] }],
            })).Code;
            for (var week = 0; week < 4; week++)
                Windows.Add((await network.AddWindowAsync(Manager, Route, new WindowInput
                {
                    Date = Day(3 + 7 * week), Capacity = 4, Currency = "CNY", MedianPerPerson = 8000 + 500 * week, P80PerPerson = 10000 + 500 * week, Reason = "broker's quote",
                }))!.Code);
            OtherCurrencyWindow = (await network.AddWindowAsync(Manager, Route, new WindowInput
            {
                Date = Day(5), Capacity = 4, Currency = "THB", MedianPerPerson = 40000, P80PerPerson = 52000, Reason = "broker's quote",
            }))!.Code;

            var registry = sp.GetRequiredService<CaseRegistry>();
            foreach (var (size, urgent) in new[] { (1, true), (2, false), (3, true), (1, false) })
            {
                string? group = null;
                for (var person = 0; person < size; person++)
                {
                    var recorded = await registry.RecordAsync(Manager, new CaseIntakeInput
                    {
                        Compartment = "east", FullName = Names[Groups.Count * 3 + person], Sex = "F", FamilyGroup = group,
                        ViolenceAtHome = urgent, WaitingSince = Day(-120),
                    }.Validate(Today));
                    group ??= (await registry.SummaryAsync(Manager, recorded.Code))!.FamilyGroup;
                }
                Groups.Add(group!);
            }

            var intake = sp.GetRequiredService<GiftIntake>();
            var now = DateTimeOffset.UtcNow;
            var rescue = new Dictionary<string, string> { ["fund"] = LedgerAccounts.Rescue };
            await intake.ReceiveGiftAsync(new GiftFacts("stripe", "pi_plan_once", null, StripeEvents.CheckoutChannel, GiftKind.OneTime,
                "church@example.org", "Church", null, "cny", (long)(OneTimeGift * 100), "2000000", rescue, now.AddDays(-3)));
            await intake.ReceiveGiftAsync(new GiftFacts("stripe", "pi_plan_monthly", null, StripeEvents.SubscriptionChannel, GiftKind.Recurring,
                "monthly@example.org", "Monthly", null, "cny", (long)(MonthlyGift * 100), "250000", rescue, now.AddDays(-10)));
            // Money in another fund and another currency is not the rescue planner's to spend.
            await intake.ReceiveGiftAsync(new GiftFacts("stripe", "pi_plan_general", null, StripeEvents.CheckoutChannel, GiftKind.OneTime,
                "general@example.org", "General", null, "cny", 5_000_000, "5000000", new Dictionary<string, string> { ["fund"] = LedgerAccounts.General }, now.AddDays(-3)));
            await intake.ReceiveGiftAsync(new GiftFacts("stripe", "pi_plan_usd", null, StripeEvents.CheckoutChannel, GiftKind.OneTime,
                "usd@example.org", "Dollars", null, "usd", 5_000_000, "5000000", rescue, now.AddDays(-3)));
        });
    }
}
