using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Crossing.Tests.Funding.StripePayloads;

namespace Crossing.Tests.Funding;

/// <summary>Group commit applies a batch of events in one unit of work; it must give what one-by-one application gives.</summary>
public sealed class StripeBatchTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_new_donor_giving_twice_in_one_batch_is_one_donor_completed_by_the_second_gift(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        // The first gift carries no name; the second, in the same batch, does. Many other new donors share the batch.
        var bodies = new List<string>
        {
            Event("checkout.session.completed", Checkout("pi_twice_1", 1000, email: "twice@example.org", name: "")),
            Event("checkout.session.completed", Checkout("pi_twice_2", 2500, email: "Twice@Example.org", name: "Second Gift")),
        };
        for (var i = 0; i < 120; i++)
            bodies.Add(Event("checkout.session.completed", Checkout($"pi_many_{i}", 100 + i, email: $"many-{i}@example.org")));

        var results = await world.WithAsync(async sp =>
        {
            var parsed = bodies.Select(ParsedEvent.From).ToList();
            try
            {
                return await sp.GetRequiredService<StripeEvents>().ProcessBatchAsync(parsed);
            }
            finally
            {
                parsed.ForEach(p => p.Dispose());
            }
        });

        Assert.All(results, r => Assert.Equal(WebhookDisposition.Applied, r));
        Assert.Equal(121, await world.CountAsync<Donor>());
        var donor = await world.WithAsync(sp => sp.GetRequiredService<DonorDirectory>().FindByEmailAsync("twice@example.org"));
        Assert.NotNull(donor);
        Assert.NotNull(donor.Name);
        Assert.Equal(3500 + Enumerable.Range(0, 120).Sum(i => 100 + i), await world.BalanceAsync("general"));
        Assert.True((await world.CheckAsync()).Holds);

        // Every donor code is distinct (a repeated code would have failed the whole batch's save).
        var codes = await world.WithAsync(sp => Task.FromResult(sp.GetRequiredService<CrossingDbContext>().Set<Donor>().Select(d => d.Code).ToList()));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_stream_applied_in_batches_gives_what_it_gives_event_by_event(DatabaseProvider provider)
    {
        var stream = Stream(new Random(20261206), 400);
        await using var batched = await FundingWorld.CreateAsync(provider);
        await using var single = await FundingWorld.CreateAsync(provider);

        var batchedOutcomes = new List<WebhookDisposition>();
        foreach (var chunk in stream.Chunk(37))
        {
            batchedOutcomes.AddRange(await batched.WithAsync(async sp =>
            {
                var parsed = chunk.Select(ParsedEvent.From).ToList();
                try
                {
                    return await sp.GetRequiredService<StripeEvents>().ProcessBatchAsync(parsed);
                }
                finally
                {
                    parsed.ForEach(p => p.Dispose());
                }
            }));
        }
        var singleOutcomes = new List<WebhookDisposition>();
        foreach (var body in stream)
            singleOutcomes.Add(await single.WithAsync(sp => sp.GetRequiredService<StripeEvents>().ProcessAsync(body)));

        Assert.Equal(singleOutcomes, batchedOutcomes);
        foreach (var fund in new[] { "general", "rescue" })
            Assert.Equal(await single.BalanceAsync(fund), await batched.BalanceAsync(fund));
        Assert.Equal(await single.CountAsync<Donor>(), await batched.CountAsync<Donor>());
        Assert.Equal(await single.CountAsync<Gift>(), await batched.CountAsync<Gift>());
        Assert.Equal(await single.CountAsync<GiftAdjustment>(), await batched.CountAsync<GiftAdjustment>());
        Assert.True((await batched.CheckAsync()).Holds);
        Assert.Contains(WebhookDisposition.Waiting, batchedOutcomes);
        Assert.Contains(WebhookDisposition.Duplicate, batchedOutcomes);
    }

    /// <summary>Gifts from a small pool of donors, invoice pairs in both orders, refunds and disputes before and after their gift, replays.</summary>
    private static List<string> Stream(Random random, int count)
    {
        var events = new List<string>();
        var later = new List<string>();
        for (var n = 0; events.Count < count; n++)
        {
            var email = $"pool-{random.Next(25)}@example.org";
            var pi = $"pi_stream_{n}";
            var amount = 500 + random.Next(40) * 100L;
            var roll = random.Next(100);
            if (roll < 25)
            {
                var invoice = $"in_stream_{n}";
                var pair = new[]
                {
                    Event("invoice.paid", Invoice(invoice, amount, email: email, subscriptionMetadata: Metadata(fund: "rescue"))),
                    Event("invoice_payment.paid", InvoicePayment(invoice, pi)),
                };
                events.AddRange(random.Next(2) == 0 ? pair : pair.Reverse());
            }
            else
            {
                var gift = Event("checkout.session.completed", Checkout(pi, amount, email: email, name: random.Next(3) == 0 ? "" : "Pool Donor", metadata: roll < 60 ? Metadata(fund: "rescue") : null));
                var adjustment = random.Next(10) switch
                {
                    0 => Event("charge.refunded", Refund(pi, amount / 2, amount)),
                    1 => Event("charge.dispute.created", Dispute($"dp_stream_{n}", pi, amount, "needs_response")),
                    _ => null,
                };
                if (adjustment is not null && random.Next(2) == 0)
                {
                    events.Add(adjustment); // before its gift: kept waiting, applied when the gift arrives
                    events.Add(gift);
                }
                else
                {
                    events.Add(gift);
                    if (adjustment is not null)
                        later.Add(adjustment);
                }
            }
            if (later.Count > 0 && random.Next(4) == 0)
            {
                events.Add(later[0]);
                later.RemoveAt(0);
            }
            if (events.Count > 10 && random.Next(8) == 0)
                events.Add(events[random.Next(events.Count)]); // a replay
        }
        events.AddRange(later);
        return events;
    }
}
