namespace Crossing.Core.Funding;

public enum GiftKind
{
    OneTime,
    Recurring,
}

public enum GiftStatus
{
    /// <summary>In the ledger: exactly one gift transfer with the gift's key.</summary>
    Posted,

    /// <summary>A paid invoice whose payment (and so its key) has not arrived yet.</summary>
    AwaitingPayment,

    /// <summary>Kept but not posted: unknown currency, amount that does not fit, unknown fund. Finance decides.</summary>
    NeedsAttention,

    /// <summary>Never posted: finance recorded that the money went back to the donor before a fund was decided.</summary>
    Returned,
}

/// <summary>Where a gift's fund came from, in precedence order.</summary>
public enum DesignationSource
{
    Donor,
    Fundraiser,
    Campaign,
    Default,

    /// <summary>Finance chose the fund for a gift that needed attention.</summary>
    Decided,
}

/// <summary>
/// Money in from one donor. Keyed by the processor's payment (Stripe's payment intent), so a gift is posted exactly once
/// however many events mention it. Refunds and disputes are tracked as cumulative amounts posted so far.
/// </summary>
public sealed class Gift
{
    private Gift()
    {
        Processor = Channel = CurrencyCode = RawAmount = "";
    }

    public Guid Id { get; private set; }
    public string Processor { get; private set; }

    /// <summary>The processor's payment id (Stripe payment intent); null while an invoice waits for its payment.</summary>
    public string? PaymentId { get; private set; }

    public string? InvoiceId { get; private set; }
    public string Channel { get; private set; }
    public GiftKind Kind { get; private set; }
    public DonorId? DonorId { get; private set; }

    /// <summary>As received, upper case; may be a code the ledger does not know (then the gift needs attention).</summary>
    public string CurrencyCode { get; private set; }

    public long AmountMinor { get; private set; }

    /// <summary>The amount exactly as the processor sent it, kept for finance when it did not fit.</summary>
    public string RawAmount { get; private set; }

    public string? FundId { get; private set; }
    public DesignationSource Designation { get; private set; }
    public string? CampaignId { get; private set; }
    public string? FundraiserId { get; private set; }
    public DateTimeOffset GivenAt { get; private set; }
    public GiftStatus Status { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>Refunded so far, as posted to the ledger.</summary>
    public long RefundedMinor { get; private set; }

    /// <summary>Written off after lost disputes, as posted.</summary>
    public long DisputeLostMinor { get; private set; }

    /// <summary>Held while disputes are open, as posted.</summary>
    public long DisputeHeldMinor { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public string TransferKey => TransferKeyFor(Processor, PaymentId!);

    /// <summary>The ledger key of the transfer that posts the gift paid by <paramref name="paymentId"/>.</summary>
    public static string TransferKeyFor(string processor, string paymentId) => $"{processor}:gift:{paymentId}";

    /// <summary>The gift as money, when its currency is known.</summary>
    public Money? Amount => Currency.TryGet(CurrencyCode, out var c) ? new Money(AmountMinor, c) : null;

    internal static Gift Receive(
        string processor, string? paymentId, string? invoiceId, string channel, GiftKind kind, DonorId? donor,
        string currency, long amountMinor, string rawAmount, DateTimeOffset givenAt, DateTimeOffset now) => new()
        {
            // Time-ordered ids keep the primary-key index append-mostly (imports insert a million at a time).
            Id = Guid.CreateVersion7(),
            Processor = processor,
            PaymentId = paymentId,
            InvoiceId = invoiceId,
            Channel = channel,
            Kind = kind,
            DonorId = donor,
            CurrencyCode = currency,
            AmountMinor = amountMinor,
            RawAmount = rawAmount,
            GivenAt = givenAt,
            ReceivedAt = now,
            Status = GiftStatus.AwaitingPayment,
        };

    internal void Designate(string? fundId, DesignationSource source, string? campaignId, string? fundraiserId)
    {
        FundId = fundId;
        Designation = source;
        CampaignId = campaignId;
        FundraiserId = fundraiserId;
    }

    internal void LinkPayment(string paymentId) => PaymentId ??= paymentId;

    internal void MarkPosted()
    {
        Status = GiftStatus.Posted;
        Problem = null;
    }

    internal void NeedsAttention(string problem)
    {
        Status = GiftStatus.NeedsAttention;
        Problem = problem;
    }

    /// <summary>Finance's decision on a gift that needs attention: the fund it goes to.</summary>
    internal void ChooseFund(string fundId)
    {
        RequireUndecided();
        FundId = fundId;
        Designation = DesignationSource.Decided;
    }

    /// <summary>Finance's decision on a gift whose currency code the ledger did not know.</summary>
    internal void ChooseCurrency(Currency currency)
    {
        RequireUndecided();
        CurrencyCode = currency.Code;
    }

    internal void AssignDonor(DonorId donor) => DonorId = donor;

    /// <summary>Ready to be posted again after a decision; the intake posts it or names what is still missing.</summary>
    internal void Reopen(string? stillMissing)
    {
        RequireUndecided();
        if (stillMissing is null)
        {
            Status = GiftStatus.AwaitingPayment;
            Problem = null;
        }
        else
        {
            Problem = stillMissing;
        }
    }

    internal void MarkReturned()
    {
        RequireUndecided();
        Status = GiftStatus.Returned;
        Problem = null;
    }

    private void RequireUndecided()
    {
        if (Status != GiftStatus.NeedsAttention)
            throw new InvalidOperationException("Only a gift that needs attention can be decided.");
    }

    internal void AddRefunded(long amount) => RefundedMinor += amount;

    internal void AddDisputeHeld(long amount) => DisputeHeldMinor += amount;

    internal void ReleaseDispute(long amount) => DisputeHeldMinor -= amount;

    internal void LoseDispute(long amount)
    {
        DisputeHeldMinor -= amount;
        DisputeLostMinor += amount;
    }
}

public enum AdjustmentKind
{
    /// <summary>A refund event with the charge's cumulative amount refunded.</summary>
    Refund,

    /// <summary>A dispute event: opened, or closed won or lost.</summary>
    Dispute,
}

/// <summary>
/// A refund or dispute fact from the processor, kept until it is reflected in the ledger: it may arrive before its gift,
/// out of order, or several times. Applied facts stay as the record of what the processor told us.
/// </summary>
public sealed class GiftAdjustment
{
    private GiftAdjustment()
    {
        Processor = PaymentId = EventId = CurrencyCode = "";
    }

    public long Id { get; private set; }
    public string Processor { get; private set; }
    public string PaymentId { get; private set; }
    public string EventId { get; private set; }
    public AdjustmentKind Kind { get; private set; }

    /// <summary>Refunds: the cumulative amount refunded. Disputes: the disputed amount.</summary>
    public long AmountMinor { get; private set; }

    public string CurrencyCode { get; private set; }
    public string? DisputeId { get; private set; }

    /// <summary>For disputes: open, won or lost.</summary>
    public string? DisputeStatus { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }
    public bool Reflected { get; private set; }
    public string? Problem { get; private set; }

    internal static GiftAdjustment Refund(string processor, string paymentId, string eventId, long cumulative, string currency, DateTimeOffset at) => new()
    {
        Processor = processor, PaymentId = paymentId, EventId = eventId, Kind = AdjustmentKind.Refund,
        AmountMinor = cumulative, CurrencyCode = currency, OccurredAt = at,
    };

    internal static GiftAdjustment Dispute(string processor, string paymentId, string eventId, string disputeId, long amount, string currency, string status, DateTimeOffset at) => new()
    {
        Processor = processor, PaymentId = paymentId, EventId = eventId, Kind = AdjustmentKind.Dispute, DisputeId = disputeId,
        AmountMinor = amount, CurrencyCode = currency, DisputeStatus = status, OccurredAt = at,
    };

    internal void MarkReflected()
    {
        Reflected = true;
        Problem = null;
    }

    internal void NeedsAttention(string problem)
    {
        Reflected = false;
        Problem = problem;
    }
}

/// <summary>Stripe's invoice_payment.paid when it arrives before its invoice.paid: which payment pays which invoice.</summary>
public sealed class InvoicePaymentLink
{
    private InvoicePaymentLink()
    {
        InvoiceId = PaymentId = "";
    }

    internal InvoicePaymentLink(string invoiceId, string paymentId)
    {
        InvoiceId = invoiceId;
        PaymentId = paymentId;
    }

    public string InvoiceId { get; private set; }
    public string PaymentId { get; private set; }
}
