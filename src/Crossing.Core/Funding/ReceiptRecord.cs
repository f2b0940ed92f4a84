namespace Crossing.Core.Funding;

public enum ReceiptKind
{
    /// <summary>One gift's receipt.</summary>
    Gift,

    /// <summary>A donor's year-end giving statement.</summary>
    Statement,
}

/// <summary>Where a receipt is between "about to deliver" and "delivered" (docs/receipts.md, crash safety).</summary>
public enum ReceiptState
{
    /// <summary>Recorded before delivery; still so after a crash, or when delivery may or may not have happened.</summary>
    Sending = 1,

    /// <summary>Delivered (by SMTP, to the outbox folder), found in the outbox after a crash, or confirmed by a person.</summary>
    Sent = 2,
}

/// <summary>
/// A receipt or statement: recorded as <see cref="ReceiptState.Sending"/> (with its number and Message-ID) before it is
/// delivered, and marked <see cref="ReceiptState.Sent"/> after. Its existence is what makes `crossing receipts send`
/// idempotent: a donor's statement for a year is sent once unless finance asks again, and a row left
/// <see cref="ReceiptState.Sending"/> by a crash is never sent again blindly.
/// </summary>
public sealed class ReceiptRecord
{
    private ReceiptRecord()
    {
        Number = Delivery = Language = "";
    }

    public long Id { get; private set; }
    public ReceiptKind Kind { get; private set; }
    public DonorId DonorId { get; private set; }
    public int Year { get; private set; }

    /// <summary>For a gift receipt: the gift it is for.</summary>
    public Guid? GiftId { get; private set; }

    /// <summary>Printed on the document: R-… for a gift, S-YEAR-DONOR-N for a statement.</summary>
    public string Number { get; private set; }

    /// <summary>"smtp" or "outbox".</summary>
    public string Delivery { get; private set; }

    public string Language { get; private set; }

    /// <summary>When it was last delivered, or, while <see cref="ReceiptState.Sending"/>, when delivery began.</summary>
    public DateTimeOffset SentAt { get; private set; }

    public ReceiptState State { get; private set; }

    /// <summary>The e-mail's Message-ID (without angle brackets), fixed before the first attempt: NUMBER@sender-domain. Null for rows older than it.</summary>
    public string? MessageId { get; private set; }

    /// <summary>A receipt about to be delivered: saved before delivery, so a crash leaves a trace that is checked, not resent.</summary>
    internal static ReceiptRecord Sending(ReceiptKind kind, DonorId donor, int year, Guid? giftId, string number, string messageId, string delivery, string language, DateTimeOffset at) => new()
    {
        Kind = kind, DonorId = donor, Year = year, GiftId = giftId, Number = number, MessageId = messageId, Delivery = delivery, Language = language,
        SentAt = at, State = ReceiptState.Sending,
    };

    /// <summary>A new attempt at the same receipt (same number and Message-ID), e.g. a resend a person asked for.</summary>
    internal void Retry(string delivery, DateTimeOffset at)
    {
        Delivery = delivery;
        SentAt = at;
        State = ReceiptState.Sending;
    }

    internal void MarkSent(DateTimeOffset at)
    {
        SentAt = at;
        State = ReceiptState.Sent;
    }

    /// <summary>Confirmed by a person (e.g. from the mail server's log) without a new delivery; the time of the attempt stays.</summary>
    internal void Confirm() => State = ReceiptState.Sent;
}

/// <summary>
/// Stripe's invoice.payment_failed for a donor's subscription: kept so finance can see monthly donors whose last
/// payment failed, and, when the event carries the card, when that card expires.
/// </summary>
public sealed class PaymentFailure
{
    private PaymentFailure()
    {
        Processor = EventId = InvoiceId = CurrencyCode = "";
    }

    public long Id { get; private set; }
    public string Processor { get; private set; }
    public string EventId { get; private set; }
    public string InvoiceId { get; private set; }
    public string? SubscriptionId { get; private set; }
    public DonorId? DonorId { get; private set; }
    public long AmountMinor { get; private set; }
    public string CurrencyCode { get; private set; }
    public int AttemptCount { get; private set; }
    public DateTimeOffset FailedAt { get; private set; }

    /// <summary>The first day of the month after the card's expiry month (the card is unusable from then), when known.</summary>
    public DateOnly? CardExpiresOn { get; private set; }

    internal static PaymentFailure Record(
        string processor, string eventId, string invoiceId, string? subscriptionId, DonorId? donor, long amountMinor, string currency,
        int attempts, DateTimeOffset at, DateOnly? cardExpiresOn) => new()
        {
            Processor = processor, EventId = eventId, InvoiceId = invoiceId, SubscriptionId = subscriptionId, DonorId = donor,
            AmountMinor = amountMinor, CurrencyCode = currency, AttemptCount = attempts, FailedAt = at, CardExpiresOn = cardExpiresOn,
        };
}
