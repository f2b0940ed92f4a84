namespace Crossing.Core.Funding;

public enum ReceiptKind
{
    /// <summary>One gift's receipt.</summary>
    Gift,

    /// <summary>A donor's year-end giving statement.</summary>
    Statement,
}

/// <summary>
/// A receipt or statement that was delivered (sent by SMTP or written to the outbox). Its existence is what makes
/// `crossing receipts send` idempotent: a donor's statement for a year is sent once unless finance asks again.
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
    public DateTimeOffset SentAt { get; private set; }

    internal static ReceiptRecord Sent(ReceiptKind kind, DonorId donor, int year, Guid? giftId, string number, string delivery, string language, DateTimeOffset at) => new()
    {
        Kind = kind, DonorId = donor, Year = year, GiftId = giftId, Number = number, Delivery = delivery, Language = language, SentAt = at,
    };
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
