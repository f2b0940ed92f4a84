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
}
