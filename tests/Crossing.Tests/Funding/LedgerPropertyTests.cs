using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Crossing.Tests.Funding.StripePayloads;

namespace Crossing.Tests.Funding;

/// <summary>
/// The ledger's invariants under random gifts (one-time and recurring), partial refunds, disputes (open, won, lost),
/// replays and any order of arrival, with up to four events applied at the same time, batched and one by one.
/// </summary>
public sealed class LedgerPropertyTests
{
    private enum After
    {
        Nothing,
        Refunds,
        DisputeOpen,
        DisputeWon,
        DisputeLost,
    }

    private sealed record Plan(long Amount, string Currency, string Fund, bool Recurring, After After, long[] RefundSteps);

    private sealed record Scenario(Plan[] Gifts, int Seed, int Replays);

    private static readonly Gen<Plan> Plans =
        Gen.Select(
            Gen.Long[1, 200_000],
            Gen.OneOf(Gen.Const("usd"), Gen.Const("krw"), Gen.Const("kwd")),
            Gen.OneOf(Gen.Const("rescue"), Gen.Const("general")),
            Gen.Bool,
            Gen.Enum<After>(),
            Gen.Double[0.01, 1].Array[1, 3],
            (amount, currency, fund, recurring, after, fractions) => new Plan(
                amount, currency, fund, recurring, after,
                [.. fractions.Select(f => Math.Max(1, (long)(f * amount))).Order().Distinct()]));

    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Plans.Array[1, 4], Gen.Int, Gen.Int[0, 4], (gifts, seed, replays) => new Scenario(gifts, seed, replays));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Any_interleaving_of_gifts_refunds_disputes_and_replays_keeps_every_invariant(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await Scenarios.SampleAsync(async scenario => await RunAsync(store, scenario), iter: provider == DatabaseProvider.Postgres ? 12 : 20, threads: 1,
            print: s => string.Join(" | ", s.Gifts.Select(g => $"{g.Amount} {g.Currency} {g.Fund} {(g.Recurring ? "monthly" : "once")} {g.After} [{string.Join(",", g.RefundSteps)}]")) + $" seed {s.Seed} replays {s.Replays}");
    }

    private static async Task RunAsync(TestStore store, Scenario scenario)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var events = new List<string>();
        var expected = new Dictionary<string, (Plan Plan, long Refunded, long Held, long Lost)>(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Gifts.Length; i++)
        {
            var plan = scenario.Gifts[i];
            var pi = $"pi_{run}_{i}";
            var metadata = Metadata(fund: plan.Fund);
            if (plan.Recurring)
            {
                events.Add(Event("invoice.paid", Invoice($"in_{run}_{i}", plan.Amount, plan.Currency, subscriptionMetadata: metadata)));
                events.Add(Event("invoice_payment.paid", InvoicePayment($"in_{run}_{i}", pi)));
            }
            else
            {
                events.Add(Event("checkout.session.completed", Checkout(pi, plan.Amount, plan.Currency, email: $"donor{i % 2}@example.org", metadata: metadata)));
            }
            long refunded = 0, held = 0, lost = 0;
            switch (plan.After)
            {
                case After.Refunds:
                    foreach (var step in plan.RefundSteps)
                        events.Add(Event("charge.refunded", Refund(pi, step, plan.Amount, plan.Currency)));
                    refunded = plan.RefundSteps.Max();
                    break;
                case After.DisputeOpen or After.DisputeWon or After.DisputeLost:
                    events.Add(Event("charge.dispute.created", Dispute($"dp_{pi}", pi, plan.Amount, "needs_response", plan.Currency)));
                    if (plan.After == After.DisputeOpen)
                        held = plan.Amount;
                    else
                        events.Add(Event("charge.dispute.closed", Dispute($"dp_{pi}", pi, plan.Amount, plan.After == After.DisputeWon ? "won" : "lost", plan.Currency)));
                    lost = plan.After == After.DisputeLost ? plan.Amount : 0;
                    break;
            }
            expected[pi] = (plan, refunded, held, lost);
        }

        var random = new Random(scenario.Seed);
        for (var r = 0; r < scenario.Replays; r++)
            events.Add(events[random.Next(events.Count)]);
        var order = events.OrderBy(_ => random.Next()).ToList();

        // Half the events go through the group-commit batcher (as the web host does), half are applied one by one (as
        // a second node or a retry would), at the same time.
        var batcher = store.Services.GetRequiredService<StripeBatcher>();
        var paths = order.Select(_ => random.Next(2) == 0).ToList();
        await Parallel.ForEachAsync(order.Select((json, i) => (json, batched: paths[i])), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (e, ct) =>
        {
            WebhookDisposition outcome;
            if (e.batched)
            {
                outcome = await batcher.SubmitAsync(e.json, ct);
            }
            else
            {
                await using var scope = store.Scope();
                outcome = await scope.ServiceProvider.GetRequiredService<StripeEvents>().ProcessAsync(e.json, ct);
            }
            Assert.NotEqual(WebhookDisposition.NeedsAttention, outcome);
        });

        await using var check = store.Scope();
        var db = check.ServiceProvider.GetRequiredService<CrossingDbContext>();
        var result = await check.ServiceProvider.GetRequiredService<LedgerCheck>().RunAsync();
        Assert.True(result.Holds, string.Join("; ", result.Violations));
        var ids = expected.Keys.ToList();
        var gifts = await db.Set<Gift>().AsNoTracking().Where(g => ids.Contains(g.PaymentId!)).ToListAsync();
        Assert.Equal(expected.Count, gifts.Count);
        var transfers = await db.Set<LedgerTransfer>().AsNoTracking().Where(t => t.Reference != null && t.Reference.Contains(run)).ToListAsync();
        foreach (var gift in gifts)
        {
            var (plan, refunded, held, lost) = expected[gift.PaymentId!];
            Assert.Equal(GiftStatus.Posted, gift.Status);
            Assert.Equal((refunded, held, lost), (gift.RefundedMinor, gift.DisputeHeldMinor, gift.DisputeLostMinor));
            var fund = LedgerAccounts.Fund(plan.Fund);
            var mine = transfers.Where(t => t.Reference == gift.TransferKey).ToList();
            Assert.Single(mine, t => t.Code == TransferCodes.Gift);
            var net = mine.Where(t => t.CreditAccountId == fund).Sum(t => t.AmountMinor) - mine.Where(t => t.DebitAccountId == fund).Sum(t => t.AmountMinor);
            Assert.Equal(plan.Amount - refunded - held - lost, net);
            Assert.All(mine, t => Assert.Equal(plan.Currency.ToUpperInvariant(), t.CurrencyCode));
        }
        Assert.Equal(0, await db.Set<GiftAdjustment>().CountAsync(a => a.PaymentId.Contains(run) && !a.Reflected));
    }
}
