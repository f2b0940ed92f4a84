using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using static Crossing.Tests.Funding.StripePayloads;

namespace Crossing.Tests.Funding;

public sealed class IntakeRecoveryTests
{
    [Fact]
    public async Task An_event_stored_but_never_applied_is_applied_when_stripe_delivers_it_again()
    {
        await using var world = await FundingWorld.CreateAsync();
        var id = NewEventId();
        // The host stored the event, then stopped before applying it (Stripe got no 200 and will retry).
        await world.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            db.Add(new ProcessorEvent(id, "stripe", "checkout.session.completed", CurrentApiVersion, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var body = Event("checkout.session.completed", Checkout("pi_retry", 1500), id);
        Assert.Equal(WebhookDisposition.Applied, await world.WithAsync(sp => sp.GetRequiredService<StripeEvents>().ProcessAsync(body)));
        Assert.Equal(WebhookDisposition.Duplicate, await world.WithAsync(sp => sp.GetRequiredService<StripeBatcher>().SubmitAsync(body)));
        Assert.Equal(1500, await world.BalanceAsync("general"));
        Assert.True((await world.CheckAsync()).Holds);
    }

    [Fact]
    public async Task A_refund_a_restricted_fund_can_no_longer_cover_is_flagged_and_the_check_names_it()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.GiveAsync("pi_spent", 10000, fund: "rescue");
        Assert.Equal(PostOutcome.Posted, await world.SpendAsync("rescue", 9000, "leg-1"));
        var refund = await world.WithAsync(sp => sp.GetRequiredService<GiftIntake>().ReceiveRefundAsync("stripe", "pi_spent", "evt_refund_spent", 5000, "usd", DateTimeOffset.UtcNow));
        Assert.Equal(EventOutcome.NeedsAttention, refund.Outcome);
        Assert.Contains(nameof(PostOutcome.RestrictedFundWouldGoNegative), refund.Problem, StringComparison.Ordinal);
        Assert.Equal(1000, await world.BalanceAsync("rescue"));
        var check = await world.CheckAsync();
        Assert.False(check.Holds);
        Assert.StartsWith("AdjustmentReflected: refund of event evt_refund_spent on gift pi_spent is not reflected", check.Violations[0].ToString(), StringComparison.Ordinal);
    }
}
