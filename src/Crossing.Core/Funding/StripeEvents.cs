using System.Text.Json;
using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

public enum WebhookDisposition
{
    Applied,

    /// <summary>An event id seen before and already applied: nothing changed.</summary>
    Duplicate,

    Waiting,
    Ignored,
    NeedsAttention,
}

public sealed class StripeEventFormatException(string message) : Exception(message);

/// <summary>
/// Applies Stripe events whose signature the web host has verified. Reads the event's JSON directly (not Stripe.net's
/// typed objects) so events of an older or newer api_version keep working. Each event is stored (id unique) before it
/// is applied; a redelivery of an applied event changes nothing, one whose apply failed is applied again.
/// </summary>
public sealed class StripeEvents(CrossingDbContext db, Ledger ledger, GiftIntake intake, TimeProvider time, RecurringHealth health)
{
    public const string Processor = "stripe";
    public const string CheckoutChannel = "stripe-checkout";
    public const string SubscriptionChannel = "stripe-subscription";
    public const string InvoiceChannel = "stripe-invoice";

    /// <summary>
    /// One event: stored in its own transaction first (so a failure while applying leaves it stored as received), then
    /// applied in a ledger write. The batch path (<see cref="StripeBatcher"/>) falls back to this for each event of a
    /// batch that failed.
    /// </summary>
    public async Task<WebhookDisposition> ProcessAsync(string json, CancellationToken ct = default)
    {
        using var parsed = ParsedEvent.From(json);
        return await ApplyAloneAsync(parsed, ct);
    }

    internal async Task<WebhookDisposition> ApplyAloneAsync(ParsedEvent parsed, CancellationToken ct = default)
    {
        if (!await StoreAsync(parsed.Id, parsed.Type, parsed.ApiVersion, parsed.Created, ct))
            return WebhookDisposition.Duplicate;

        return await ledger.WriteAsync(async c =>
        {
            var stored = await db.Set<ProcessorEvent>().SingleAsync(e => e.Id == parsed.Id, c);
            return stored.Outcome != EventOutcome.Received ? WebhookDisposition.Duplicate : await ApplyStoredAsync(stored, parsed, c);
        }, ct);
    }

    /// <summary>
    /// Several events in one ledger transaction (one commit for all: group commit). Each event row is inserted before
    /// its application, in the same transaction; an event id seen before, in the database or earlier in the batch, is a
    /// duplicate. If anything fails the whole batch rolls back and the caller retries the events one by one.
    /// </summary>
    public async Task<WebhookDisposition[]> ProcessBatchAsync(IReadOnlyList<ParsedEvent> events, CancellationToken ct = default)
    {
        try
        {
            return await ApplyBatchAsync(events, ct);
        }
        finally
        {
            intake.ForgetPrefetched();
        }
    }

    private Task<WebhookDisposition[]> ApplyBatchAsync(IReadOnlyList<ParsedEvent> events, CancellationToken ct) =>
        ledger.WriteAsync(async c =>
        {
            var ids = events.Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
            var known = await db.Set<ProcessorEvent>().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, c);
            var payments = new HashSet<string>(StringComparer.Ordinal);
            var invoices = new HashSet<string>(StringComparer.Ordinal);
            var emails = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in events)
                AddReferences(e.Type, e.Object, payments, invoices, emails);
            await intake.PrefetchAsync(Processor, payments, invoices, emails, c);
            var results = new WebhookDisposition[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var parsed = events[i];
                if (!known.TryGetValue(parsed.Id, out var stored))
                {
                    stored = new ProcessorEvent(parsed.Id, Processor, parsed.Type, parsed.ApiVersion, parsed.Created, time.GetUtcNow());
                    db.Add(stored);
                    known[parsed.Id] = stored;
                }
                else if (stored.Outcome != EventOutcome.Received)
                {
                    results[i] = WebhookDisposition.Duplicate;
                    continue;
                }
                results[i] = await ApplyStoredAsync(stored, parsed, c);
            }
            return results;
        }, ct);

    /// <summary>The payment and invoice ids an event can refer to, read the way <see cref="ApplyAsync"/> reads them.</summary>
    private static void AddReferences(string type, JsonElement obj, HashSet<string> payments, HashSet<string> invoices, HashSet<string> emails)
    {
        switch (type)
        {
            case "checkout.session.completed":
                Add(payments, IdOf(obj, "payment_intent"));
                Add(emails, String(Object(obj, "customer_details"), "email") ?? String(obj, "customer_email"));
                break;
            case "charge.refunded" or "charge.dispute.created" or "charge.dispute.closed":
                Add(payments, IdOf(obj, "payment_intent"));
                break;
            case "invoice.paid":
                Add(invoices, IdOf(obj, "id"));
                Add(payments, IdOf(obj, "payment_intent"));
                Add(emails, String(obj, "customer_email"));
                break;
            case "invoice_payment.paid":
                Add(invoices, IdOf(obj, "invoice"));
                Add(payments, IdOf(Object(obj, "payment"), "payment_intent"));
                break;
        }

        static void Add(HashSet<string> set, string? id)
        {
            if (id is not null)
                set.Add(id);
        }
    }

    private async Task<WebhookDisposition> ApplyStoredAsync(ProcessorEvent stored, ParsedEvent parsed, CancellationToken ct)
    {
        var result = await ApplyAsync(parsed.Id, parsed.Type, parsed.Created, parsed.Object, ct);
        stored.Settle(result.Outcome, Clip(result.Reference), result.Problem);
        return result.Outcome switch
        {
            EventOutcome.Applied => WebhookDisposition.Applied,
            EventOutcome.Waiting => WebhookDisposition.Waiting,
            EventOutcome.Ignored => WebhookDisposition.Ignored,
            _ => WebhookDisposition.NeedsAttention,
        };
    }

    /// <summary>Inserts the event row; false when the unique id shows it was stored before and has been settled.</summary>
    private async Task<bool> StoreAsync(string id, string type, string apiVersion, DateTimeOffset created, CancellationToken ct)
    {
        var row = new ProcessorEvent(id, Processor, type, apiVersion, created, time.GetUtcNow());
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await db.Set<ProcessorEvent>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
            if (existing is null)
                throw;
            // Stored by an earlier delivery whose apply did not finish: apply it now (under the ledger gate, once).
            return existing.Outcome == EventOutcome.Received;
        }
    }

    private async Task<IntakeResult> ApplyAsync(string eventId, string type, DateTimeOffset created, JsonElement obj, CancellationToken ct)
    {
        switch (type)
        {
            case "checkout.session.completed":
                if (String(obj, "mode") != "payment" || String(obj, "payment_status") != "paid")
                    return new IntakeResult(EventOutcome.Ignored, Clip(String(obj, "id")));
                var paymentIntent = IdOf(obj, "payment_intent");
                if (paymentIntent is null)
                    return new IntakeResult(EventOutcome.NeedsAttention, String(obj, "id"), "a paid checkout session without a payment_intent");
                var details = Object(obj, "customer_details");
                return await intake.ReceiveGiftAsync(new GiftFacts(
                    Processor, paymentIntent, null, CheckoutChannel, GiftKind.OneTime,
                    String(details, "email") ?? String(obj, "customer_email"), String(details, "name"), Address(Object(details, "address")),
                    String(obj, "currency") ?? "", Minor(obj, "amount_total"), Raw(obj, "amount_total"), Metadata(Object(obj, "metadata")), created), ct);

            case "invoice.paid":
                var invoiceId = IdOf(obj, "id") ?? throw new StripeEventFormatException("invoice.paid without an invoice id.");
                if (Long(obj, "amount_paid") == 0)
                    return new IntakeResult(EventOutcome.Ignored, invoiceId);
                var subscription = Object(Object(obj, "parent"), "subscription_details");
                var metadata = Metadata(Object(obj, "metadata"));
                foreach (var (k, v) in Metadata(Object(subscription, "metadata")))
                    metadata.TryAdd(k, v);
                var recurring = subscription.ValueKind == JsonValueKind.Object || String(obj, "subscription") is not null
                    || (String(obj, "billing_reason")?.StartsWith("subscription", StringComparison.Ordinal) ?? false);
                // Before the 2025 API versions an invoice named its payment intent directly.
                return await intake.ReceiveGiftAsync(new GiftFacts(
                    Processor, IdOf(obj, "payment_intent"), invoiceId, recurring ? SubscriptionChannel : InvoiceChannel,
                    recurring ? GiftKind.Recurring : GiftKind.OneTime,
                    String(obj, "customer_email"), String(obj, "customer_name"), Address(Object(obj, "customer_address")),
                    String(obj, "currency") ?? "", Minor(obj, "amount_paid"), Raw(obj, "amount_paid"), metadata, created), ct);

            case "invoice_payment.paid":
                var paidInvoice = IdOf(obj, "invoice");
                var payment = IdOf(Object(obj, "payment"), "payment_intent");
                if (paidInvoice is null || payment is null)
                    return new IntakeResult(EventOutcome.Ignored, Clip(String(obj, "id")), "not a payment-intent payment of an invoice");
                return await intake.LinkInvoicePaymentAsync(Processor, paidInvoice, payment, ct);

            case "charge.refunded":
                var refunded = IdOf(obj, "payment_intent");
                if (refunded is null)
                    return new IntakeResult(EventOutcome.NeedsAttention, Clip(String(obj, "id")), "a refunded charge without a payment_intent");
                return await intake.ReceiveRefundAsync(Processor, refunded, eventId, Minor(obj, "amount_refunded"), String(obj, "currency") ?? "", created, ct);

            case "charge.dispute.created":
            case "charge.dispute.closed":
                var disputed = IdOf(obj, "payment_intent");
                var disputeId = IdOf(obj, "id");
                if (disputed is null || disputeId is null)
                    return new IntakeResult(EventOutcome.NeedsAttention, disputeId, "a dispute without a payment_intent");
                var status = type == "charge.dispute.created" ? DisputeStatuses.Open : String(obj, "status") switch
                {
                    "won" or "warning_closed" => DisputeStatuses.Won,
                    "lost" => DisputeStatuses.Lost,
                    _ => null,
                };
                if (status is null)
                    return new IntakeResult(EventOutcome.NeedsAttention, disputed, "a closed dispute whose status is neither won nor lost");
                return await intake.ReceiveDisputeAsync(Processor, disputed, eventId, disputeId, Minor(obj, "amount"), String(obj, "currency") ?? "", status, created, ct);

            case "invoice.payment_failed":
                var failedInvoice = IdOf(obj, "id") ?? throw new StripeEventFormatException("invoice.payment_failed without an invoice id.");
                var failedSubscription = String(Object(Object(obj, "parent"), "subscription_details"), "subscription") ?? IdOf(obj, "subscription");
                if (failedSubscription is null)
                    return new IntakeResult(EventOutcome.Ignored, failedInvoice);
                var card = FailedCard(obj);
                return await health.RecordFailureAsync(
                    Processor, eventId, failedInvoice, Clip(failedSubscription), String(obj, "customer_email"), Minor(obj, "amount_due"), String(obj, "currency") ?? "",
                    (int)Math.Clamp(Long(obj, "attempt_count") ?? 1, 0, 1000), created,
                    RecurringHealth.CardStopsWorking(Long(card, "exp_month"), Long(card, "exp_year")), ct);

            default:
                return new IntakeResult(EventOutcome.Ignored, null);
        }
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    /// <summary>An id that may be expanded into an object by some API versions and settings.</summary>
    private static string? IdOf(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var p))
            return null;
        var id = p.ValueKind switch
        {
            JsonValueKind.String => p.GetString(),
            JsonValueKind.Object => String(p, "id"),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(id) || id.Length > GiftIntake.MaxIdLength ? null : id;
    }

    private static JsonElement Object(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Object ? p : default;

    private static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out var v) ? v : null;

    /// <summary>A whole number of minor units, or null when the amount is missing, fractional or out of range.</summary>
    private static long? Minor(JsonElement e, string name) => Long(e, name) is { } v and >= 0 and < 1_000_000_000_000_000 ? v : null;

    private static string Raw(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) ? p.GetRawText() : "";

    private static Dictionary<string, string> Metadata(JsonElement e)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (e.ValueKind != JsonValueKind.Object)
            return result;
        foreach (var p in e.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.String)
                result[p.Name] = p.Value.GetString()!;
        return result;
    }

    private static string? Address(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return null;
        var parts = new[] { "line1", "line2", "postal_code", "city", "state", "country" }.Select(n => String(e, n)).Where(s => !string.IsNullOrWhiteSpace(s));
        var text = string.Join(", ", parts);
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// The card of a failed invoice payment, when the event carries it: the invoice's payment intent expanded with its
    /// last error's payment method, or its latest charge's payment method details. Otherwise an undefined element.
    /// </summary>
    private static JsonElement FailedCard(JsonElement invoice)
    {
        var intent = Object(invoice, "payment_intent");
        var fromError = Object(Object(Object(intent, "last_payment_error"), "payment_method"), "card");
        if (fromError.ValueKind == JsonValueKind.Object)
            return fromError;
        return Object(Object(Object(intent, "latest_charge"), "payment_method_details"), "card");
    }

    private static string? Clip(string? text) => text is null ? null : text.Length <= 120 ? text : text[..120];
}

/// <summary>A Stripe event's envelope, read once; the object stays a view into the parsed document until disposed.</summary>
public sealed class ParsedEvent : IDisposable
{
    private readonly JsonDocument document;

    private ParsedEvent(JsonDocument document, string id, string type, string apiVersion, DateTimeOffset created, JsonElement obj)
    {
        this.document = document;
        Id = id;
        Type = type;
        ApiVersion = apiVersion;
        Created = created;
        Object = obj;
    }

    public string Id { get; }
    public string Type { get; }
    public string ApiVersion { get; }
    public DateTimeOffset Created { get; }
    public JsonElement Object { get; }

    /// <summary>Reads the envelope; a body that is not a Stripe event raises <see cref="StripeEventFormatException"/>.</summary>
    public static ParsedEvent From(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            throw new StripeEventFormatException("The body is not JSON.");
        }
        try
        {
            var root = document.RootElement;
            var id = Text(root, "id");
            var type = Text(root, "type");
            if (id.Length > GiftIntake.MaxIdLength || type.Length > 100)
                throw new StripeEventFormatException("The event id or type is too long.");
            var apiVersion = root.TryGetProperty("api_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
            var created = root.TryGetProperty("created", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var seconds)
                && seconds is > 0 and < 253402300800 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UtcNow;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
                throw new StripeEventFormatException("The event has no data.object.");
            return new ParsedEvent(document, id, type, apiVersion.Length > 40 ? apiVersion[..40] : apiVersion, created, obj);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(p.GetString())
            ? p.GetString()!
            : throw new StripeEventFormatException($"The event has no '{name}'.");

    public void Dispose() => document.Dispose();
}
