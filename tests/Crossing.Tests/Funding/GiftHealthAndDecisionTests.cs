using System.Text.Json.Nodes;
using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Funding;

public sealed class GiftHealthAndDecisionTests
{
    private static readonly StaffCaller Finance = new(Guid.NewGuid(), "S-FIN1", StaffRole.Finance, []);
    private static readonly StaffCaller Field = new(Guid.NewGuid(), "S-FLD1", StaffRole.FieldCoordinator, []);

    public static JsonObject FailedInvoice(string invoiceId, string email, int? expMonth = null, int? expYear = null, string subscription = "sub_health")
    {
        var invoice = new JsonObject
        {
            ["id"] = invoiceId,
            ["object"] = "invoice",
            ["amount_due"] = 2000,
            ["currency"] = "usd",
            ["customer_email"] = email,
            ["attempt_count"] = 2,
            ["billing_reason"] = "subscription_cycle",
            ["status"] = "open",
            ["parent"] = new JsonObject { ["type"] = "subscription_details", ["subscription_details"] = new JsonObject { ["subscription"] = subscription } },
        };
        if (expMonth is not null)
        {
            invoice["payment_intent"] = new JsonObject
            {
                ["id"] = "pi_" + invoiceId,
                ["last_payment_error"] = new JsonObject { ["payment_method"] = new JsonObject { ["card"] = new JsonObject { ["exp_month"] = expMonth, ["exp_year"] = expYear } } },
            };
        }
        return invoice;
    }

    private static Task<WebhookDisposition> SendAsync(FundingWorld world, string json) =>
        world.WithAsync(sp => sp.GetRequiredService<StripeEvents>().ProcessAsync(json));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Health_lists_failed_lapsed_and_expiring_monthly_donors_and_retention_by_cohort(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        var now = DateTimeOffset.UtcNow;
        await world.GiveAsync("pi_h_lapsed_1", 2000, email: "lapsed@example.org", at: now.AddDays(-130), kind: GiftKind.Recurring);
        await world.GiveAsync("pi_h_lapsed_2", 2000, email: "lapsed@example.org", at: now.AddDays(-100), kind: GiftKind.Recurring);
        await world.GiveAsync("pi_h_failed", 2000, email: "failed@example.org", at: now.AddDays(-10), kind: GiftKind.Recurring);
        await world.GiveAsync("pi_h_expiring", 2000, email: "expiring@example.org", at: now.AddDays(-5), kind: GiftKind.Recurring);
        await world.GiveAsync("pi_h_healthy", 2000, email: "healthy@example.org", at: now.AddDays(-3), kind: GiftKind.Recurring);
        await world.GiveAsync("pi_h_once", 2000, email: "once@example.org", at: now.AddDays(-200));

        var failedId = StripePayloads.NewEventId();
        Assert.Equal(WebhookDisposition.Applied, await SendAsync(world, StripePayloads.Event("invoice.payment_failed", FailedInvoice("in_h_failed", "failed@example.org"), failedId, created: now.AddDays(-2))));
        Assert.Equal(WebhookDisposition.Duplicate, await SendAsync(world, StripePayloads.Event("invoice.payment_failed", FailedInvoice("in_h_failed", "failed@example.org"), failedId, created: now.AddDays(-2))));
        // An older failure, paid since, whose card stops working at the end of this month.
        Assert.Equal(WebhookDisposition.Applied, await SendAsync(world, StripePayloads.Event("invoice.payment_failed",
            FailedInvoice("in_h_expiring", "EXPIRING@example.org", now.UtcDateTime.Month, now.UtcDateTime.Year), created: now.AddDays(-40))));
        Assert.Equal(WebhookDisposition.NeedsAttention, await SendAsync(world, StripePayloads.Event("invoice.payment_failed", FailedInvoice("in_h_stranger", "stranger@example.org"))));
        Assert.Equal(3, await world.CountAsync<PaymentFailure>());

        var report = await world.WithAsync(sp => sp.GetRequiredService<RecurringHealth>().ReportAsync(Finance));
        var codes = await world.WithAsync(async sp =>
        {
            var directory = sp.GetRequiredService<DonorDirectory>();
            var result = new Dictionary<string, string>();
            foreach (var who in new[] { "lapsed", "failed", "expiring", "healthy" })
                result[who] = (await directory.FindByEmailAsync(who + "@example.org"))!.Code;
            return result;
        });
        var byCode = report.Donors.ToDictionary(d => d.DonorCode);
        Assert.Equal([HealthConcern.Lapsed], byCode[codes["lapsed"]].Concerns);
        Assert.Equal([HealthConcern.LastPaymentFailed], byCode[codes["failed"]].Concerns);
        Assert.Equal([HealthConcern.CardExpiresSoon], byCode[codes["expiring"]].Concerns);
        Assert.Equal(new DateOnly(now.Year, now.Month, 1).AddMonths(1), byCode[codes["expiring"]].CardExpiresOn);
        Assert.False(byCode.ContainsKey(codes["healthy"]));
        Assert.Equal(3, report.Donors.Count);

        Assert.Equal(4, report.MonthlyDonors);
        Assert.Equal(4, report.Cohorts.Sum(c => c.Donors));
        Assert.All(report.Cohorts, c => Assert.Equal(1.0, c.Retained[0]));
        var lapsedCohort = report.Cohorts.Single(c => c.Month == new DateOnly(now.AddDays(-130).Year, now.AddDays(-130).Month, 1));
        Assert.Equal(1, lapsedCohort.Donors);
        Assert.Equal(0.0, lapsedCohort.Retained[^1]);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.WithAsync(sp => sp.GetRequiredService<RecurringHealth>().ReportAsync(Field)));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Choosing_a_fund_or_currency_posts_the_gift_through_the_ledger_and_is_audited(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await world.GiveAsync("pi_d_fund", 7500, fund: "nowhere");
        await world.GiveAsync("pi_d_currency", 1200, currency: "xyz");
        var pending = await world.WithAsync(sp => sp.GetRequiredService<GiftDecisions>().PendingAsync(Finance));
        Assert.True(pending.Single(p => p.Reference == "pi_d_fund").NeedsFund);
        Assert.True(pending.Single(p => p.Reference == "pi_d_currency").NeedsCurrency);

        var wrong = await Decide(world, d => d.ChooseFundAsync(Finance, "pi_d_fund", "elsewhere"));
        Assert.Equal(DecisionOutcome.UnknownChoice, wrong.Outcome);
        Assert.Equal(0, await world.BalanceAsync("rescue"));

        var posted = await Decide(world, d => d.ChooseFundAsync(Finance, "pi_d_fund", "rescue"));
        Assert.Equal(DecisionOutcome.Posted, posted.Outcome);
        Assert.Equal(7500, await world.BalanceAsync("rescue"));
        var again = await Decide(world, d => d.ChooseFundAsync(Finance, "pi_d_fund", "general"));
        Assert.Equal(DecisionOutcome.NotApplicable, again.Outcome);
        Assert.Equal(7500, await world.BalanceAsync("rescue"));

        var badCurrency = await Decide(world, d => d.ChooseCurrencyAsync(Finance, "pi_d_currency", "ABC"));
        Assert.Equal(DecisionOutcome.UnknownChoice, badCurrency.Outcome);
        var currency = await Decide(world, d => d.ChooseCurrencyAsync(Finance, "pi_d_currency", "eur"));
        Assert.Equal(DecisionOutcome.Posted, currency.Outcome);
        Assert.Equal(1200, await world.BalanceAsync("general", "EUR"));

        var check = await world.CheckAsync();
        Assert.True(check.Holds, string.Join("; ", check.Violations));
        Assert.Equal(0, check.NeedsAttention);
        var audited = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action.StartsWith("gift.decision.")).OrderBy(e => e.Sequence).Select(e => e.Action + " " + e.RecordCode + " " + e.Actor).ToListAsync());
        Assert.Equal(["gift.decision.fund pi_d_fund staff:S-FIN1", "gift.decision.currency pi_d_currency staff:S-FIN1"], audited);
    }

    [Fact]
    public async Task A_returned_gift_leaves_the_list_without_a_posting_and_a_gift_without_donor_gets_one()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.GiveAsync("pi_d_returned", 900, fund: "nowhere");
        await world.WithAsync(sp => sp.GetRequiredService<GiftIntake>().ReceiveGiftAsync(FundingWorld.Facts("pi_d_anonymous", 3000) with { Email = null }));
        await world.GiveAsync("pi_d_known", 100, email: "known@example.org");
        var code = await world.WithAsync(async sp => (await sp.GetRequiredService<DonorDirectory>().FindByEmailAsync("known@example.org"))!.Code);

        Assert.Equal(DecisionOutcome.Recorded, (await Decide(world, d => d.MarkReturnedAsync(Finance, "pi_d_returned"))).Outcome);
        Assert.Equal(DecisionOutcome.NotApplicable, (await Decide(world, d => d.ChooseFundAsync(Finance, "pi_d_returned", "rescue"))).Outcome);
        Assert.Equal(DecisionOutcome.NotApplicable, (await Decide(world, d => d.MarkReturnedAsync(Finance, "pi_d_known"))).Outcome);

        var pending = await world.WithAsync(sp => sp.GetRequiredService<GiftDecisions>().PendingAsync(Finance));
        Assert.Equal(["pi_d_anonymous"], pending.Select(p => p.Reference));
        Assert.True(pending[0].NeedsDonor);
        Assert.Equal(DecisionOutcome.UnknownChoice, (await Decide(world, d => d.ChooseDonorAsync(Finance, "pi_d_anonymous", "D-ZZZZZ"))).Outcome);
        Assert.Equal(DecisionOutcome.Recorded, (await Decide(world, d => d.ChooseDonorAsync(Finance, "pi_d_anonymous", code.ToLowerInvariant()))).Outcome);
        Assert.Empty(await world.WithAsync(sp => sp.GetRequiredService<GiftDecisions>().PendingAsync(Finance)));
        Assert.Equal(DecisionOutcome.UnknownGift, (await Decide(world, d => d.ChooseDonorAsync(Finance, "pi_unknown", code))).Outcome);

        var check = await world.CheckAsync();
        Assert.True(check.Holds, string.Join("; ", check.Violations));
        Assert.Equal(3000 + 100, await world.BalanceAsync("general"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Decide(world, d => d.MarkReturnedAsync(Field, "pi_d_known")));
    }

    private static Task<DecisionResult> Decide(FundingWorld world, Func<GiftDecisions, Task<DecisionResult>> decide) =>
        world.WithAsync(sp => decide(sp.GetRequiredService<GiftDecisions>()));
}
