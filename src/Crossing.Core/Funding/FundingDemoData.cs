using System.Globalization;
using Crossing.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Funding;

/// <summary>
/// The demo's money: monthly donors at $20, one-time gifts (some in won), a June campaign that sends one-time gifts to
/// rescue, a supporter's fundraiser, a partial refund, a lost dispute, and one gift naming a fund that does not exist
/// (kept on the needs-attention list), and rescue money in yuan for the planner (a one-time gift and a monthly donor). Everything goes through the same intake as Stripe's webhooks.
/// Donors are invented (syllable-built names, .invalid addresses).
/// </summary>
public static class FundingDemoData
{
    private static readonly (string Name, string Email)[] Donors =
    [
        ("윤서아", "seoa.yoon"), ("강도윤", "doyun.kang"), ("Sam Rivers", "sam.rivers"), ("임하은", "haeun.lim"),
        ("정민준", "minjun.jung"), ("Alex Moreau", "alex.moreau"), ("송지아", "jia.song"), ("오태희", "taehee.oh"),
    ];

    public static async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var intake = context.Services.GetRequiredService<GiftIntake>();
        var campaigns = context.Services.GetRequiredService<Campaigns>();
        var now = context.Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var juneYear = today.Month >= 6 ? today.Year : today.Year - 1;
        var june = new DateOnly(juneYear, 6, 1);
        await campaigns.AddAsync("June: every one-time gift to rescue", LedgerAccounts.Rescue, june, new DateOnly(juneYear, 6, 30), CampaignGiftKind.OneTime, Money.Of(1_000_000, "USD"), "june-rescue-" + juneYear.ToString(CultureInfo.InvariantCulture), ct);
        await campaigns.AddFundraiserAsync("haeun-walks-for-rescue", "하은 walks 100 km for rescue", LedgerAccounts.Rescue, ct);

        string Email(int donor) => $"{Donors[donor].Email}@donors.demo.crossing.invalid";
        DateTimeOffset At(DateOnly day, int hour = 10) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        Dictionary<string, string> Meta(string key, string value) => new() { [key] = value };
        var none = new Dictionary<string, string>();

        // Monthly donors at $20: eight months of invoices, each joined with its payment like Stripe's event pair.
        for (var donor = 0; donor < 4; donor++)
        {
            for (var month = 7; month >= 0; month--)
            {
                var day = new DateOnly(today.Year, today.Month, 1).AddMonths(-month).AddDays(2 + donor);
                if (day > today)
                    continue;
                var invoice = $"in_demo_{donor}_{day:yyyyMM}";
                await intake.ReceiveGiftAsync(new GiftFacts("stripe", null, invoice, StripeEvents.SubscriptionChannel, GiftKind.Recurring,
                    Email(donor), Donors[donor].Name, null, "usd", 2000, "2000", donor == 0 ? Meta(Designations.FundKey, LedgerAccounts.Rescue) : none, At(day)), ct);
                await intake.LinkInvoicePaymentAsync("stripe", invoice, $"pi_demo_sub_{donor}_{day:yyyyMM}", ct);
            }
        }

        // One-time gifts: in June they go to rescue by the campaign; a donor's own choice or a fundraiser comes first.
        var oneTime = new (int Donor, DateOnly Day, long Minor, string Currency, Dictionary<string, string> Metadata)[]
        {
            (4, june.AddDays(2), 10000, "usd", none),
            (5, june.AddDays(9), 25000, "usd", none),
            (6, june.AddDays(15), 50000, "krw", none),
            (7, june.AddDays(20), 5000, "usd", Meta(Designations.FundKey, LedgerAccounts.General)),
            (2, june.AddDays(27), 15000, "usd", none),
            (3, june.AddMonths(1).AddDays(3), 7500, "usd", Meta(Designations.FundraiserKey, "haeun-walks-for-rescue")),
            (4, june.AddMonths(2).AddDays(5), 30000, "usd", none),
            (6, june.AddMonths(3).AddDays(1), 100000, "krw", Meta(Designations.FundKey, LedgerAccounts.Rescue)),
            (5, june.AddMonths(-1).AddDays(12), 4000, "usd", none),
        };
        for (var i = 0; i < oneTime.Length; i++)
        {
            var g = oneTime[i];
            if (g.Day > today)
                continue;
            await intake.ReceiveGiftAsync(new GiftFacts("stripe", $"pi_demo_once_{i}", null, StripeEvents.CheckoutChannel, GiftKind.OneTime,
                Email(g.Donor), Donors[g.Donor].Name, null, g.Currency, g.Minor, g.Minor.ToString(CultureInfo.InvariantCulture), g.Metadata, At(g.Day, 14)), ct);
        }

        // A partial refund (the donor gave $250 by mistake instead of $25), and a card dispute that was lost.
        await intake.ReceiveRefundAsync("stripe", "pi_demo_once_1", "evt_demo_refund_1", 22500, "usd", At(june.AddDays(10)), ct);
        await intake.ReceiveDisputeAsync("stripe", "pi_demo_once_6", "evt_demo_dispute_open", "dp_demo_1", 30000, "usd", DisputeStatuses.Open, At(june.AddMonths(2).AddDays(20)), ct);
        await intake.ReceiveDisputeAsync("stripe", "pi_demo_once_6", "evt_demo_dispute_lost", "dp_demo_1", 30000, "usd", DisputeStatuses.Lost, At(june.AddMonths(3).AddDays(5)), ct);

        // Rescue money in yuan, the currency the route teams pay in, so the rescue planner has something to plan with:
        // a church's one-time gift and a monthly donor (docs/planner-format.md, "Live instances").
        await intake.ReceiveGiftAsync(new GiftFacts("stripe", "pi_demo_rescue_cny", null, StripeEvents.CheckoutChannel, GiftKind.OneTime,
            Email(1), Donors[1].Name, null, "cny", 1_200_000, "1200000", Meta(Designations.FundKey, LedgerAccounts.Rescue), now.AddDays(-12)), ct);
        for (var month = 2; month >= 0; month--)
        {
            var day = today.AddDays(-5).AddMonths(-month);
            var invoice = $"in_demo_cny_{day:yyyyMM}";
            await intake.ReceiveGiftAsync(new GiftFacts("stripe", null, invoice, StripeEvents.SubscriptionChannel, GiftKind.Recurring,
                Email(7), Donors[7].Name, null, "cny", 250_000, "250000", Meta(Designations.FundKey, LedgerAccounts.Rescue), At(day)), ct);
            await intake.LinkInvoicePaymentAsync("stripe", invoice, $"pi_demo_sub_cny_{day:yyyyMM}", ct);
        }

        // Metadata naming a fund that does not exist: kept for finance, never guessed into another fund.
        await intake.ReceiveGiftAsync(new GiftFacts("stripe", "pi_demo_unknown_fund", null, StripeEvents.CheckoutChannel, GiftKind.OneTime,
            Email(1), Donors[1].Name, null, "usd", 3000, "3000", Meta(Designations.FundKey, "scholarships"), now.AddDays(-3)), ct);
    }
}
