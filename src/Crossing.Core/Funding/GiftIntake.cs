using System.Globalization;
using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

/// <summary>What a processor told us about one gift, before any decision about it.</summary>
public sealed record GiftFacts(
    string Processor,
    string? PaymentId,
    string? InvoiceId,
    string Channel,
    GiftKind Kind,
    string? Email,
    string? Name,
    string? Address,
    string Currency,
    long? AmountMinor,
    string RawAmount,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset GivenAt)
{
    public override string ToString() => $"[gift facts {Processor} {PaymentId ?? InvoiceId}]";
}

/// <summary>The outcome of applying one fact: what it is about and whether it waits or needs a person.</summary>
public sealed record IntakeResult(EventOutcome Outcome, string? Reference, string? Problem = null)
{
    public static IntakeResult Applied(string? reference) => new(EventOutcome.Applied, reference);
}

/// <summary>
/// Turns processor facts into gifts and ledger transfers. Every method runs inside <see cref="Ledger.WriteAsync{T}"/>
/// (it starts one if the caller has not), so a fact and everything it causes commit together. Facts may arrive in any
/// order and any number of times: each gift's state is reconciled against everything known about it, and transfer
/// keys make repeated postings no-ops.
/// </summary>
public sealed class GiftIntake(CrossingDbContext db, Ledger ledger, DonorDirectory donors, Designations designations, TimeProvider time)
{
    public const int MaxIdLength = 255;

    // Payment and invoice ids whose gifts, invoice links and adjustments were loaded for this write (PrefetchAsync):
    // what the tracker does not hold for them is not in the database either.
    private readonly HashSet<string> prefetchedPayments = new(StringComparer.Ordinal);
    private readonly HashSet<string> prefetchedInvoices = new(StringComparer.Ordinal);

    /// <summary>
    /// Loads in a few queries what a batch of processor events can refer to (gifts by payment or invoice, invoice links,
    /// refunds and disputes, posted gift transfers), so applying each event needs no look-up of its own. Call inside
    /// <see cref="Ledger.WriteAsync{T}"/> (the gate keeps other writers out until the batch commits);
    /// <see cref="ForgetPrefetched"/> when the write ends.
    /// </summary>
    internal async Task PrefetchAsync(string processor, IReadOnlyCollection<string> paymentIds, IReadOnlyCollection<string> invoiceIds, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        await donors.PrefetchAsync(emails, ct);
        if (paymentIds.Count > 0)
        {
            await db.Set<Gift>().Where(g => g.Processor == processor && g.PaymentId != null && paymentIds.Contains(g.PaymentId)).LoadAsync(ct);
            await db.Set<GiftAdjustment>().Where(a => a.Processor == processor && paymentIds.Contains(a.PaymentId)).LoadAsync(ct);
            await ledger.PrefetchKeysAsync([.. paymentIds.Select(p => Gift.TransferKeyFor(processor, p))], ct);
            prefetchedPayments.UnionWith(paymentIds);
        }
        if (invoiceIds.Count > 0)
        {
            await db.Set<Gift>().Where(g => g.Processor == processor && g.InvoiceId != null && invoiceIds.Contains(g.InvoiceId)).LoadAsync(ct);
            await db.Set<InvoicePaymentLink>().Where(l => invoiceIds.Contains(l.InvoiceId)).LoadAsync(ct);
            prefetchedInvoices.UnionWith(invoiceIds);
        }
    }

    internal void ForgetPrefetched()
    {
        donors.ForgetPrefetched();
        prefetchedPayments.Clear();
        prefetchedInvoices.Clear();
    }

    private async Task<InvoicePaymentLink?> FindLinkAsync(string invoiceId, CancellationToken ct) =>
        prefetchedInvoices.Contains(invoiceId)
            ? db.Set<InvoicePaymentLink>().Local.FindEntry(invoiceId)?.Entity
            : await db.Set<InvoicePaymentLink>().FindAsync([invoiceId], ct);

    private async Task<bool> AdjustmentKnownAsync(string paymentId, string eventId, CancellationToken ct) =>
        prefetchedPayments.Contains(paymentId)
            ? db.Set<GiftAdjustment>().Local.Any(a => a.EventId == eventId)
            : await db.Set<GiftAdjustment>().AnyAsync(a => a.EventId == eventId, ct);

    public Task<IntakeResult> ReceiveGiftAsync(GiftFacts facts, CancellationToken ct = default) =>
        ledger.WriteAsync(async c =>
        {
            var gift = await FindGiftAsync(facts.Processor, facts.PaymentId, facts.InvoiceId, c);
            if (gift is not null)
            {
                if (facts.PaymentId is not null)
                    gift.LinkPayment(facts.PaymentId);
                return await SettleAsync(gift, c);
            }
            var paymentId = facts.PaymentId;
            if (paymentId is null && facts.InvoiceId is not null)
                paymentId = (await FindLinkAsync(facts.InvoiceId, c))?.PaymentId;
            var donor = await donors.ResolveAsync(facts.Email, facts.Name, facts.Address, c);
            var currency = facts.Currency.Trim().ToUpperInvariant();
            gift = Gift.Receive(facts.Processor, paymentId, facts.InvoiceId, facts.Channel, facts.Kind, donor?.Id,
                currency.Length > 8 ? currency[..8] : currency, facts.AmountMinor ?? 0, Truncate(facts.RawAmount, 40), facts.GivenAt, time.GetUtcNow());
            db.Add(gift);
            var designation = await designations.ResolveAsync(facts.Metadata, facts.Kind, DateOnly.FromDateTime(facts.GivenAt.UtcDateTime), c);
            gift.Designate(designation.FundId, designation.Source, designation.CampaignId, designation.FundraiserId);
            var problem = AmountProblem(facts, currency) ?? designation.Problem;
            if (problem is not null)
            {
                gift.NeedsAttention(problem);
                return new IntakeResult(EventOutcome.NeedsAttention, Reference(gift), problem);
            }
            return await SettleAsync(gift, c);
        }, ct);

    /// <summary>Stripe's invoice_payment.paid: the payment that pays an invoice, in either order with invoice.paid.</summary>
    public Task<IntakeResult> LinkInvoicePaymentAsync(string processor, string invoiceId, string paymentId, CancellationToken ct = default) =>
        ledger.WriteAsync(async c =>
        {
            var gift = await FindGiftAsync(processor, null, invoiceId, c);
            if (gift is null)
            {
                if (await FindLinkAsync(invoiceId, c) is null)
                    db.Add(new InvoicePaymentLink(invoiceId, paymentId));
                return new IntakeResult(EventOutcome.Waiting, invoiceId);
            }
            if (gift.PaymentId is not null && gift.PaymentId != paymentId)
                return new IntakeResult(EventOutcome.NeedsAttention, invoiceId, $"invoice {invoiceId} is already paid by another payment");
            gift.LinkPayment(paymentId);
            return await SettleAsync(gift, c);
        }, ct);

    public Task<IntakeResult> ReceiveRefundAsync(string processor, string paymentId, string eventId, long? cumulativeRefunded, string currency, DateTimeOffset at, CancellationToken ct = default) =>
        ledger.WriteAsync(async c =>
        {
            if (cumulativeRefunded is not > 0)
                return new IntakeResult(EventOutcome.NeedsAttention, paymentId, "the refunded amount is not a positive whole number of minor units");
            if (!await AdjustmentKnownAsync(paymentId, eventId, c))
                db.Add(GiftAdjustment.Refund(processor, paymentId, eventId, cumulativeRefunded.Value, currency.Trim().ToUpperInvariant(), at));
            return await ReconcileByPaymentAsync(processor, paymentId, c);
        }, ct);

    public Task<IntakeResult> ReceiveDisputeAsync(string processor, string paymentId, string eventId, string disputeId, long? amount, string currency, string status, DateTimeOffset at, CancellationToken ct = default) =>
        ledger.WriteAsync(async c =>
        {
            if (amount is not > 0)
                return new IntakeResult(EventOutcome.NeedsAttention, paymentId, "the disputed amount is not a positive whole number of minor units");
            if (!await AdjustmentKnownAsync(paymentId, eventId, c))
                db.Add(GiftAdjustment.Dispute(processor, paymentId, eventId, disputeId, amount.Value, currency.Trim().ToUpperInvariant(), status, at));
            return await ReconcileByPaymentAsync(processor, paymentId, c);
        }, ct);

    private async Task<IntakeResult> ReconcileByPaymentAsync(string processor, string paymentId, CancellationToken ct)
    {
        // The look-ups below query the database unless this payment was prefetched (then they read the tracker).
        if (!prefetchedPayments.Contains(paymentId))
            await db.SaveChangesAsync(ct);
        var gift = await FindGiftAsync(processor, paymentId, null, ct);
        if (gift is null || gift.Status != GiftStatus.Posted)
            return new IntakeResult(EventOutcome.Waiting, paymentId);
        var problem = await ReconcileAdjustmentsAsync(gift, ct);
        return problem is null ? IntakeResult.Applied(paymentId) : new IntakeResult(EventOutcome.NeedsAttention, paymentId, problem);
    }

    /// <summary>After finance decided on a gift that needed attention: posts it (inside the caller's ledger write) like any other.</summary>
    internal Task<IntakeResult> SettleDecidedAsync(Gift gift, CancellationToken ct) => SettleAsync(gift, ct);

    /// <summary>Posts the gift when it has a payment id and fits, then applies any refunds and disputes that were waiting for it.</summary>
    private async Task<IntakeResult> SettleAsync(Gift gift, CancellationToken ct)
    {
        if (gift.Status == GiftStatus.NeedsAttention)
            return new IntakeResult(EventOutcome.NeedsAttention, Reference(gift), gift.Problem);
        if (gift.PaymentId is null)
            return new IntakeResult(EventOutcome.Waiting, Reference(gift));
        if (gift.Status != GiftStatus.Posted)
        {
            var outcome = await ledger.PostAsync(gift.TransferKey, ClearingAccount(gift.Processor), LedgerAccounts.Fund(gift.FundId!), gift.Amount!.Value, TransferCodes.Gift, gift.TransferKey, ct);
            if (outcome is not (PostOutcome.Posted or PostOutcome.AlreadyPosted))
            {
                gift.NeedsAttention($"the gift could not be posted: {outcome}");
                return new IntakeResult(EventOutcome.NeedsAttention, Reference(gift), gift.Problem);
            }
            gift.MarkPosted();
        }
        // Adjustments that arrived earlier were saved when they arrived, so the query below finds them without a save here.
        var problem = await ReconcileAdjustmentsAsync(gift, ct);
        return problem is null ? IntakeResult.Applied(Reference(gift)) : new IntakeResult(EventOutcome.NeedsAttention, Reference(gift), problem);
    }

    /// <summary>
    /// Brings the ledger in line with every refund and dispute known for a posted gift. Refunds are cumulative, so the
    /// largest one seen is the target and smaller, late ones change nothing; each dispute is held once, then released
    /// (won) or written off (lost).
    /// </summary>
    private async Task<string?> ReconcileAdjustmentsAsync(Gift gift, CancellationToken ct)
    {
        var adjustments = prefetchedPayments.Contains(gift.PaymentId!)
            ? [.. db.Set<GiftAdjustment>().Local.Where(a => a.Processor == gift.Processor && a.PaymentId == gift.PaymentId)
                .OrderBy(a => db.Entry(a).State == EntityState.Added).ThenBy(a => a.Id)] // unsaved ones (temporary ids) arrived last
            : await db.Set<GiftAdjustment>()
                .Where(a => a.Processor == gift.Processor && a.PaymentId == gift.PaymentId)
                .OrderBy(a => a.Id)
                .ToListAsync(ct);
        if (adjustments.Count == 0)
            return null;
        var amount = gift.Amount!.Value;
        var fund = LedgerAccounts.Fund(gift.FundId!);
        var clearing = ClearingAccount(gift.Processor);
        string? firstProblem = null;

        void Flag(IReadOnlyCollection<GiftAdjustment> items, string problem)
        {
            if (items.Count == 0)
                return;
            foreach (var a in items)
                a.NeedsAttention(problem);
            firstProblem ??= problem;
        }

        var wrongCurrency = adjustments.Where(a => a.CurrencyCode != gift.CurrencyCode).ToList();
        Flag(wrongCurrency, $"the processor reported it in {string.Join(", ", wrongCurrency.Select(a => a.CurrencyCode).Distinct())}, the gift is in {gift.CurrencyCode}");
        var usable = adjustments.Except(wrongCurrency).ToList();

        var refunds = usable.Where(a => a.Kind == AdjustmentKind.Refund).ToList();
        if (refunds.Count > 0)
        {
            var target = refunds.Max(a => a.AmountMinor);
            if (target > amount.Minor)
            {
                Flag(refunds, $"refunds of {Money.Format(target, amount.Currency)} exceed the gift of {amount.Format()}");
            }
            else if (target > gift.RefundedMinor)
            {
                var delta = new Money(target - gift.RefundedMinor, amount.Currency);
                var outcome = await ledger.PostAsync($"{gift.Processor}:refund:{gift.PaymentId}:{target.ToString(CultureInfo.InvariantCulture)}", fund, clearing, delta, TransferCodes.Refund, gift.TransferKey, ct);
                if (outcome == PostOutcome.Posted)
                    gift.AddRefunded(delta.Minor);
                if (outcome is PostOutcome.Posted or PostOutcome.AlreadyPosted)
                    refunds.ForEach(a => a.MarkReflected());
                else
                    Flag(refunds, $"the refund could not be posted: {outcome}");
            }
            else
            {
                refunds.ForEach(a => a.MarkReflected());
            }
        }

        foreach (var dispute in usable.Where(a => a.Kind == AdjustmentKind.Dispute).GroupBy(a => a.DisputeId!, StringComparer.Ordinal))
        {
            var events = dispute.ToList();
            var disputed = events.Max(a => a.AmountMinor);
            if (disputed > amount.Minor)
            {
                Flag(events, $"dispute {dispute.Key} of {Money.Format(disputed, amount.Currency)} exceeds the gift of {amount.Format()}");
                continue;
            }
            var money = new Money(disputed, amount.Currency);
            var keyBase = $"{gift.Processor}:dispute:{dispute.Key}";
            var hold = await ledger.PostAsync(keyBase + ":hold", fund, LedgerAccounts.StripeDisputesHeld, money, TransferCodes.DisputeHold, gift.TransferKey, ct);
            if (hold == PostOutcome.Posted)
                gift.AddDisputeHeld(disputed);
            else if (hold != PostOutcome.AlreadyPosted)
            {
                Flag(events, $"dispute {dispute.Key} could not be held: {hold}");
                continue;
            }
            var lost = events.Any(a => a.DisputeStatus == DisputeStatuses.Lost);
            var won = !lost && events.Any(a => a.DisputeStatus == DisputeStatuses.Won);
            if (lost && await ledger.PostAsync(keyBase + ":lost", LedgerAccounts.StripeDisputesHeld, clearing, money, TransferCodes.DisputeLost, gift.TransferKey, ct) == PostOutcome.Posted)
                gift.LoseDispute(disputed);
            if (won && await ledger.PostAsync(keyBase + ":won", LedgerAccounts.StripeDisputesHeld, fund, money, TransferCodes.DisputeWon, gift.TransferKey, ct) == PostOutcome.Posted)
                gift.ReleaseDispute(disputed);
            events.ForEach(a => a.MarkReflected());
        }
        return firstProblem;
    }

    private async Task<Gift?> FindGiftAsync(string processor, string? paymentId, string? invoiceId, CancellationToken ct)
    {
        var local = db.Set<Gift>().Local.FirstOrDefault(g => g.Processor == processor && ((paymentId is not null && g.PaymentId == paymentId) || (invoiceId is not null && g.InvoiceId == invoiceId)));
        if (local is not null)
            return local;
        if (paymentId is not null && !prefetchedPayments.Contains(paymentId)
            && await db.Set<Gift>().SingleOrDefaultAsync(g => g.Processor == processor && g.PaymentId == paymentId, ct) is { } byPayment)
            return byPayment;
        return invoiceId is null || prefetchedInvoices.Contains(invoiceId)
            ? null
            : await db.Set<Gift>().SingleOrDefaultAsync(g => g.Processor == processor && g.InvoiceId == invoiceId, ct);
    }

    private static string? AmountProblem(GiftFacts facts, string currency)
    {
        if (!Currency.TryGet(currency, out var known))
            return $"currency '{Truncate(currency, 12)}' is not one the ledger knows";
        if (facts.AmountMinor is null)
            return $"amount '{Truncate(facts.RawAmount, 40)}' is not a whole number of {known.Code} minor units";
        if (facts.AmountMinor <= 0)
            return "the amount is not positive";
        return null;
    }

    public static string ClearingAccount(string processor) => "clearing:" + processor;

    private static string? Reference(Gift gift) => gift.PaymentId ?? gift.InvoiceId;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

public static class DisputeStatuses
{
    public const string Open = "open";
    public const string Won = "won";
    public const string Lost = "lost";
}

public sealed record Designation(string? FundId, DesignationSource Source, string? CampaignId, string? FundraiserId, string? Problem);

/// <summary>
/// Which fund a gift goes to. Precedence: the donor's explicit choice (metadata fund), then the fundraiser's fund, then a
/// campaign (named in the metadata, else the dated rule covering the day and kind), then general. An unknown fund named
/// by the donor is never replaced by a guess: the gift needs attention.
/// </summary>
public sealed class Designations(CrossingDbContext db)
{
    public const string FundKey = "fund";
    public const string CampaignKey = "campaign";
    public const string FundraiserKey = "fundraiser";

    public async Task<Designation> ResolveAsync(IReadOnlyDictionary<string, string> metadata, GiftKind kind, DateOnly day, CancellationToken ct)
    {
        var fundraiser = await FindAsync<Fundraiser>(Value(metadata, FundraiserKey), ct);
        var named = Value(metadata, CampaignKey);
        var campaign = await FindAsync<Campaign>(named, ct) ?? await CoveringAsync(kind, day, ct);
        var fundraiserId = fundraiser?.Id;
        if (Value(metadata, FundKey) is { } chosen)
        {
            return await FundExistsAsync(chosen, ct)
                ? new Designation(chosen, DesignationSource.Donor, campaign?.Id, fundraiserId, null)
                : new Designation(null, DesignationSource.Donor, campaign?.Id, fundraiserId, $"the gift names fund '{chosen}', which does not exist");
        }
        if (fundraiser is not null)
            return new Designation(fundraiser.FundId, DesignationSource.Fundraiser, campaign?.Id, fundraiserId, null);
        if (campaign is not null)
            return new Designation(campaign.FundId, DesignationSource.Campaign, campaign.Id, null, null);
        return new Designation(LedgerAccounts.General, DesignationSource.Default, null, null, null);
    }

    // Campaigns are few and funds fewer; one unit of work (a request, a batch of webhook events) reads each once.
    private List<Campaign>? campaigns;
    private readonly HashSet<string> knownFunds = new(StringComparer.Ordinal);

    private async Task<Campaign?> CoveringAsync(GiftKind kind, DateOnly day, CancellationToken ct)
    {
        campaigns ??= await db.Set<Campaign>().AsNoTracking().ToListAsync(ct);
        return campaigns.Where(c => c.From <= day && c.To >= day && c.Covers(day, kind))
            .OrderByDescending(c => c.From).ThenBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
    }

    private async Task<T?> FindAsync<T>(string? id, CancellationToken ct)
        where T : class => id is null ? null : await db.Set<T>().FindAsync([id], ct);

    private async Task<bool> FundExistsAsync(string fundId, CancellationToken ct)
    {
        if (knownFunds.Contains(fundId))
            return true;
        var exists = await db.Set<LedgerAccount>().AnyAsync(a => a.Id == LedgerAccounts.Fund(fundId) && a.Kind == LedgerAccountKind.Fund, ct);
        if (exists)
            knownFunds.Add(fundId);
        return exists;
    }

    private static string? Value(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? Clip(v.Trim().ToLowerInvariant()) : null;

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64];
}
