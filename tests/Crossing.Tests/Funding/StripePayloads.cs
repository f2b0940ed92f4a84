using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crossing.Tests.Funding;

/// <summary>Stripe event bodies in the current (2025) API shapes, and Stripe's signature scheme: HMAC-SHA256 of "{t}.{body}".</summary>
internal static class StripePayloads
{
    public const string Secret = "whsec_test_crossing_0123456789abcdef";
    public const string CurrentApiVersion = "2025-10-29.clover";

    private static long counter;

    public static string NewEventId() => "evt_test_" + Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];

    public static string Event(string type, JsonObject obj, string? id = null, string apiVersion = CurrentApiVersion, DateTimeOffset? created = null) =>
        new JsonObject
        {
            ["id"] = id ?? NewEventId(),
            ["object"] = "event",
            ["api_version"] = apiVersion,
            ["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = obj },
        }.ToJsonString();

    public static JsonObject Metadata(string? fund = null, string? campaign = null, string? fundraiser = null)
    {
        var m = new JsonObject();
        if (fund is not null)
            m["fund"] = fund;
        if (campaign is not null)
            m["campaign"] = campaign;
        if (fundraiser is not null)
            m["fundraiser"] = fundraiser;
        return m;
    }

    public static JsonObject Checkout(string paymentIntent, JsonNode amount, string currency = "usd", string email = "ji-min@example.org", string name = "Ji-min Test", JsonObject? metadata = null, string mode = "payment", string paid = "paid") => new()
    {
        ["id"] = "cs_test_" + paymentIntent,
        ["object"] = "checkout.session",
        ["mode"] = mode,
        ["payment_status"] = paid,
        ["status"] = "complete",
        ["amount_total"] = amount,
        ["currency"] = currency,
        ["payment_intent"] = paymentIntent,
        ["customer_details"] = new JsonObject
        {
            ["email"] = email,
            ["name"] = name,
            ["address"] = new JsonObject { ["line1"] = "1 Test Street", ["city"] = "Seoul", ["country"] = "KR" },
        },
        ["metadata"] = metadata ?? new JsonObject(),
    };

    public static JsonObject Invoice(string invoiceId, long amount, string currency = "usd", string email = "monthly@example.org", JsonObject? subscriptionMetadata = null, string? legacyPaymentIntent = null)
    {
        var invoice = new JsonObject
        {
            ["id"] = invoiceId,
            ["object"] = "invoice",
            ["amount_paid"] = amount,
            ["currency"] = currency,
            ["customer_email"] = email,
            ["customer_name"] = "Monthly Donor",
            ["billing_reason"] = "subscription_cycle",
            ["status"] = "paid",
            ["metadata"] = new JsonObject(),
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details",
                ["subscription_details"] = new JsonObject { ["subscription"] = "sub_" + invoiceId, ["metadata"] = subscriptionMetadata ?? new JsonObject() },
            },
        };
        if (legacyPaymentIntent is not null)
        {
            invoice.Remove("parent");
            invoice["subscription"] = "sub_" + invoiceId;
            invoice["payment_intent"] = legacyPaymentIntent;
            invoice["charge"] = "ch_" + legacyPaymentIntent;
        }
        return invoice;
    }

    public static JsonObject InvoicePayment(string invoiceId, string paymentIntent) => new()
    {
        ["id"] = "inpay_" + invoiceId,
        ["object"] = "invoice_payment",
        ["invoice"] = invoiceId,
        ["status"] = "paid",
        ["is_default"] = true,
        ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = paymentIntent },
    };

    public static JsonObject Refund(string paymentIntent, long cumulative, long amount, string currency = "usd") => new()
    {
        ["id"] = "ch_" + paymentIntent,
        ["object"] = "charge",
        ["amount"] = amount,
        ["amount_refunded"] = cumulative,
        ["refunded"] = cumulative == amount,
        ["currency"] = currency,
        ["payment_intent"] = paymentIntent,
    };

    public static JsonObject Dispute(string disputeId, string paymentIntent, long amount, string status, string currency = "usd") => new()
    {
        ["id"] = disputeId,
        ["object"] = "dispute",
        ["amount"] = amount,
        ["currency"] = currency,
        ["charge"] = "ch_" + paymentIntent,
        ["payment_intent"] = paymentIntent,
        ["status"] = status,
        ["reason"] = "fraudulent",
    };

    public static string Sign(string body, DateTimeOffset? at = null, string secret = Secret)
    {
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature ?? Sign(body));
        return await client.SendAsync(request);
    }

    public static string Outcome(string answer) => JsonDocument.Parse(answer).RootElement.GetProperty("outcome").GetString()!;
}
