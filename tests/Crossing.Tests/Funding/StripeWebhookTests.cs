using System.Net;
using System.Text.Json.Nodes;
using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Crossing.Tests.Funding.StripePayloads;

namespace Crossing.Tests.Funding;

public sealed class StripeWebhookTests
{
    [Fact]
    public async Task One_time_checkout_gift_posts_its_gross_to_general_and_a_replay_changes_nothing()
    {
        await using var web = await FundingWeb.CreateAsync();
        var id = NewEventId();
        Assert.Equal("applied", await web.SendAsync("checkout.session.completed", Checkout("pi_one", 2500), id));
        Assert.Equal("duplicate", await web.SendAsync("checkout.session.completed", Checkout("pi_one", 2500), id));
        Assert.Equal("25.00", await web.BalanceAsync("general"));
        var gift = Assert.Single(await web.AllAsync<Gift>());
        Assert.Equal(("pi_one", GiftStatus.Posted, "general", DesignationSource.Default), (gift.PaymentId, gift.Status, gift.FundId, gift.Designation));
        Assert.Single(await web.AllAsync<LedgerTransfer>());
        Assert.Single(await web.AllAsync<ProcessorEvent>());
        await web.AssertHoldsAsync();
    }

    [Fact]
    public async Task The_same_gift_in_a_second_event_is_still_posted_once()
    {
        await using var web = await FundingWeb.CreateAsync();
        await web.SendAsync("checkout.session.completed", Checkout("pi_twice", 1000));
        await web.SendAsync("checkout.session.completed", Checkout("pi_twice", 1000));
        Assert.Equal("10.00", await web.BalanceAsync("general"));
        Assert.Equal(2, (await web.AllAsync<ProcessorEvent>()).Count);
        Assert.Single(await web.AllAsync<LedgerTransfer>());
    }

    [Fact]
    public async Task Donor_is_deduplicated_by_normalised_email_and_sealed()
    {
        await using var web = await FundingWeb.CreateAsync();
        await web.SendAsync("checkout.session.completed", Checkout("pi_a", 1000, email: "Ji.Min@Example.ORG "));
        await web.SendAsync("checkout.session.completed", Checkout("pi_b", 2000, email: "ji.min@example.org"));
        await web.SendAsync("checkout.session.completed", Checkout("pi_c", 3000, email: "someone.else@example.org"));
        var donors = await web.AllAsync<Donor>();
        Assert.Equal(2, donors.Count);
        var gifts = await web.AllAsync<Gift>();
        Assert.Equal(gifts.Single(g => g.PaymentId == "pi_a").DonorId, gifts.Single(g => g.PaymentId == "pi_b").DonorId);
        Assert.NotEqual(gifts.Single(g => g.PaymentId == "pi_a").DonorId, gifts.Single(g => g.PaymentId == "pi_c").DonorId);
        // Nothing identifying is stored in clear: not in the donor rows, not in the stored events.
        var bytes = await File.ReadAllBytesAsync(web.Factory.Storage.SqlitePath);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain("ji.min@example.org", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ji-min Test", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_fund_designates_and_an_unknown_fund_is_kept_for_attention_never_guessed()
    {
        await using var web = await FundingWeb.CreateAsync();
        Assert.Equal("applied", await web.SendAsync("checkout.session.completed", Checkout("pi_r", 5000, metadata: Metadata(fund: "rescue"))));
        Assert.Equal("needsattention", await web.SendAsync("checkout.session.completed", Checkout("pi_x", 7000, metadata: Metadata(fund: "holidays"))));
        Assert.Equal("50.00", await web.BalanceAsync("rescue"));
        Assert.Null(await web.BalanceAsync("general"));
        var kept = (await web.AllAsync<Gift>()).Single(g => g.PaymentId == "pi_x");
        Assert.Equal(GiftStatus.NeedsAttention, kept.Status);
        Assert.Contains("holidays", kept.Problem, StringComparison.Ordinal);
        await web.AssertHoldsAsync();
    }

    [Fact]
    public async Task Korean_won_has_no_minor_units_and_stays_in_won()
    {
        await using var web = await FundingWeb.CreateAsync();
        await web.SendAsync("checkout.session.completed", Checkout("pi_krw", 90000, currency: "krw", metadata: Metadata(fund: "rescue")));
        await web.SendAsync("checkout.session.completed", Checkout("pi_usd", 123450, metadata: Metadata(fund: "rescue")));
        Assert.Equal("90000", await web.BalanceAsync("rescue", "KRW"));
        Assert.Equal("1234.50", await web.BalanceAsync("rescue", "USD"));
    }

    [Theory]
    [InlineData("xyz", 1000, "currency 'XYZ'")]
    [InlineData("usd", 12.5, "not a whole number")]
    [InlineData("usd", -100, "not a whole number")]
    public async Task Gift_that_does_not_fit_the_ledger_is_kept_and_flagged(string currency, double amount, string problem)
    {
        await using var web = await FundingWeb.CreateAsync();
        Assert.Equal("needsattention", await web.SendAsync("checkout.session.completed", Checkout("pi_bad", JsonValue.Create(amount), currency: currency)));
        var gift = Assert.Single(await web.AllAsync<Gift>());
        Assert.Equal(GiftStatus.NeedsAttention, gift.Status);
        Assert.Contains(problem, gift.Problem, StringComparison.Ordinal);
        Assert.Empty(await web.AllAsync<LedgerTransfer>());
        await web.AssertHoldsAsync();
    }

    [Fact]
    public async Task Partial_refunds_out_of_order_and_before_their_gift_are_applied_once_the_gift_arrives()
    {
        await using var web = await FundingWeb.CreateAsync();
        Assert.Equal("waiting", await web.SendAsync("charge.refunded", Refund("pi_ref", 5000, 10000)));
        Assert.Equal("waiting", await web.SendAsync("charge.refunded", Refund("pi_ref", 3000, 10000)));
        Assert.Equal("applied", await web.SendAsync("checkout.session.completed", Checkout("pi_ref", 10000, metadata: Metadata(fund: "rescue"))));
        Assert.Equal("50.00", await web.BalanceAsync("rescue"));
        Assert.Equal("applied", await web.SendAsync("charge.refunded", Refund("pi_ref", 10000, 10000)));
        Assert.Equal("0.00", await web.BalanceAsync("rescue"));
        Assert.Equal(10000, (await web.AllAsync<Gift>()).Single().RefundedMinor);
        await web.AssertHoldsAsync();
    }

    [Fact]
    public async Task Dispute_before_its_gift_is_held_then_lost_writes_it_off()
    {
        await using var web = await FundingWeb.CreateAsync();
        Assert.Equal("waiting", await web.SendAsync("charge.dispute.created", Dispute("dp_1", "pi_dp", 4000, "needs_response")));
        await web.SendAsync("checkout.session.completed", Checkout("pi_dp", 4000));
        Assert.Equal("0.00", await web.BalanceAsync("general"));
        Assert.Equal("applied", await web.SendAsync("charge.dispute.closed", Dispute("dp_1", "pi_dp", 4000, "lost")));
        Assert.Equal("0.00", await web.BalanceAsync("general"));
        var gift = (await web.AllAsync<Gift>()).Single();
        Assert.Equal((0L, 4000L), (gift.DisputeHeldMinor, gift.DisputeLostMinor));
        await web.AssertHoldsAsync();
    }

    [Fact]
    public async Task Won_dispute_closed_before_it_was_opened_returns_the_money()
    {
        await using var web = await FundingWeb.CreateAsync();
        await web.SendAsync("checkout.session.completed", Checkout("pi_won", 4000, metadata: Metadata(fund: "rescue")));
        Assert.Equal("applied", await web.SendAsync("charge.dispute.closed", Dispute("dp_2", "pi_won", 4000, "won")));
        Assert.Equal("applied", await web.SendAsync("charge.dispute.created", Dispute("dp_2", "pi_won", 4000, "needs_response")));
        Assert.Equal("40.00", await web.BalanceAsync("rescue"));
        Assert.Equal(2, (await web.AllAsync<LedgerTransfer>()).Count(t => t.Code is TransferCodes.DisputeHold or TransferCodes.DisputeWon));
        await web.AssertHoldsAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Recurring_gift_joins_invoice_paid_and_invoice_payment_paid_in_either_order(bool invoiceFirst)
    {
        await using var web = await FundingWeb.CreateAsync();
        var invoice = Invoice("in_1", 2000, subscriptionMetadata: Metadata(fund: "rescue"));
        var payment = InvoicePayment("in_1", "pi_sub_1");
        if (invoiceFirst)
        {
            Assert.Equal("waiting", await web.SendAsync("invoice.paid", invoice));
            Assert.Null(await web.BalanceAsync("rescue"));
            Assert.Equal("applied", await web.SendAsync("invoice_payment.paid", payment));
        }
        else
        {
            Assert.Equal("waiting", await web.SendAsync("invoice_payment.paid", payment));
            Assert.Equal("applied", await web.SendAsync("invoice.paid", invoice));
        }
        Assert.Equal("20.00", await web.BalanceAsync("rescue"));
        var gift = Assert.Single(await web.AllAsync<Gift>());
        Assert.Equal(("pi_sub_1", "in_1", GiftKind.Recurring, "stripe-subscription"), (gift.PaymentId, gift.InvoiceId, gift.Kind, gift.Channel));
        // The refund of a recurring gift is matched through the joined payment intent.
        await web.SendAsync("charge.refunded", Refund("pi_sub_1", 2000, 2000));
        Assert.Equal("0.00", await web.BalanceAsync("rescue"));
        await web.AssertHoldsAsync();
    }

    [Fact]
    public async Task Event_of_an_older_api_version_is_accepted_and_its_invoice_names_the_payment_directly()
    {
        await using var web = await FundingWeb.CreateAsync();
        Assert.Equal("applied", await web.SendAsync("invoice.paid", Invoice("in_old", 2000, legacyPaymentIntent: "pi_old"), apiVersion: "2020-08-27"));
        Assert.Equal("applied", await web.SendAsync("checkout.session.completed", Checkout("pi_old2", 1500), apiVersion: "2019-12-03"));
        Assert.Equal("35.00", await web.BalanceAsync("general"));
        Assert.Contains(await web.AllAsync<ProcessorEvent>(), e => e.ApiVersion == "2020-08-27");
    }

    [Fact]
    public async Task Unknown_event_types_and_unpaid_sessions_are_recorded_as_ignored()
    {
        await using var web = await FundingWeb.CreateAsync();
        Assert.Equal("ignored", await web.SendAsync("customer.created", new JsonObject { ["id"] = "cus_1", ["object"] = "customer" }));
        Assert.Equal("ignored", await web.SendAsync("checkout.session.completed", Checkout("pi_unpaid", 1000, paid: "unpaid")));
        Assert.Equal("ignored", await web.SendAsync("checkout.session.completed", Checkout("pi_sub", 1000, mode: "subscription")));
        Assert.All(await web.AllAsync<ProcessorEvent>(), e => Assert.Equal(EventOutcome.Ignored, e.Outcome));
        Assert.Empty(await web.AllAsync<Gift>());
    }

    [Fact]
    public async Task Bad_signature_wrong_secret_and_stale_timestamp_are_refused_and_nothing_is_stored()
    {
        await using var web = await FundingWeb.CreateAsync();
        var body = Event("checkout.session.completed", Checkout("pi_forged", 99999));
        var tampered = body.Replace("99999", "99998", StringComparison.Ordinal);
        var refusals = new[]
        {
            await PostAsync(web.Client, tampered, Sign(body)),
            await PostAsync(web.Client, body, Sign(body, secret: "whsec_someone_else")),
            await PostAsync(web.Client, body, Sign(body, DateTimeOffset.UtcNow.AddSeconds(-301))),
            await PostAsync(web.Client, body, "t=1,v1=00"),
            await PostAsync(web.Client, body, ""),
        };
        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Empty(await web.AllAsync<ProcessorEvent>());
        Assert.Empty(await web.AllAsync<Gift>());
        Assert.Empty(await web.AllAsync<Donor>());
        // A signature within the tolerance is accepted.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(web.Client, body, Sign(body, DateTimeOffset.UtcNow.AddSeconds(-200)))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_same_event_delivered_several_times_at_the_same_moment_posts_once(DatabaseProvider provider)
    {
        await using var web = await FundingWeb.CreateAsync(provider);
        var body = Event("checkout.session.completed", Checkout("pi_race", 4200, metadata: Metadata(fund: "rescue")));
        var signature = Sign(body);
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await PostAsync(web.Client, body, signature);
        })).ToArray();
        start.Release(posts.Length);
        var responses = await Task.WhenAll(posts);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var outcomes = await Task.WhenAll(responses.Select(async r => Outcome(await r.Content.ReadAsStringAsync())));
        Assert.Single(outcomes, o => o == "applied");
        Assert.Equal("42.00", await web.BalanceAsync("rescue"));
        Assert.Single(await web.AllAsync<LedgerTransfer>());
        await web.AssertHoldsAsync();
    }

    [Fact]
    public async Task Campaign_designates_one_time_gifts_in_its_dates_below_a_donor_choice_and_a_fundraiser()
    {
        await using var web = await FundingWeb.CreateAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await web.WithAsync(async sp =>
        {
            var campaigns = sp.GetRequiredService<Campaigns>();
            await sp.GetRequiredService<Ledger>().AddFundAsync("education", "Education", restricted: true);
            await campaigns.AddAsync("This month for rescue", "rescue", today.AddDays(-3), today.AddDays(3), CampaignGiftKind.OneTime);
            await campaigns.AddFundraiserAsync("mina-runs", "Mina runs for rescue", "education");
            return 0;
        });
        await web.SendAsync("checkout.session.completed", Checkout("pi_camp", 1000));
        await web.SendAsync("checkout.session.completed", Checkout("pi_chosen", 2000, metadata: Metadata(fund: "general")));
        await web.SendAsync("checkout.session.completed", Checkout("pi_fr", 3000, metadata: Metadata(fundraiser: "mina-runs")));
        await web.SendAsync("invoice.paid", Invoice("in_m", 2000, legacyPaymentIntent: "pi_monthly"));
        var gifts = (await web.AllAsync<Gift>()).ToDictionary(g => g.PaymentId!);
        Assert.Equal(("rescue", DesignationSource.Campaign), (gifts["pi_camp"].FundId, gifts["pi_camp"].Designation));
        Assert.Equal(("general", DesignationSource.Donor), (gifts["pi_chosen"].FundId, gifts["pi_chosen"].Designation));
        Assert.Equal(("education", DesignationSource.Fundraiser), (gifts["pi_fr"].FundId, gifts["pi_fr"].Designation));
        // Recurring gifts are not covered by a one-time campaign.
        Assert.Equal(("general", DesignationSource.Default), (gifts["pi_monthly"].FundId, gifts["pi_monthly"].Designation));
    }
}
