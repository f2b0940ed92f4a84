using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Crossing.Bench;

/// <summary>
/// Loopback load generator for POST /api/webhooks/stripe on a running host (see bench/webhooks.sh). Sends signed Stripe
/// events in the current API shapes: one-time gifts from a pool of donors, invoice pairs, partial refunds, disputes and
/// replays. Open loop by default: event k is due at start + k/rate and its latency is measured from when it was due,
/// so a slow server cannot hide its queueing (no coordinated omission).
///   webhooks --url http://127.0.0.1:5099 --secret whsec_... [--rate 1000] [--seconds 20] [--closed N]
/// </summary>
public static class WebhookLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = Option(args, "--url") ?? "http://127.0.0.1:5099";
        var secret = Option(args, "--secret") ?? Environment.GetEnvironmentVariable("CROSSING_STRIPE_WEBHOOK_SECRET")
            ?? throw new ArgumentException("--secret or CROSSING_STRIPE_WEBHOOK_SECRET is needed.");
        var rate = double.Parse(Option(args, "--rate") ?? "1000", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        var closed = Option(args, "--closed") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 0;
        var warmup = int.Parse(Option(args, "--warmup") ?? "200", CultureInfo.InvariantCulture);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var events = new EventSource(Guid.NewGuid().ToString("N")[..8]);

        Console.WriteLine($"warm-up: {warmup} events, one at a time");
        for (var i = 0; i < warmup; i++)
            await SendAsync(client, secret, events.Next());

        var count = (int)(rate * seconds);
        var bodies = Enumerable.Range(0, closed > 0 ? Math.Max(count, closed * 50) : count).Select(_ => events.Next()).ToArray();
        var latencies = new double[bodies.Length];
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        if (closed > 0)
        {
            Console.WriteLine($"closed loop: {closed} concurrent senders, {bodies.Length} events");
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, closed).Select(async _ =>
            {
                int k;
                while ((k = Interlocked.Increment(ref next)) < bodies.Length)
                {
                    var started = clock.Elapsed.TotalMilliseconds;
                    outcomes.AddOrUpdate(await SendAsync(client, secret, bodies[k]), 1, (_, n) => n + 1);
                    latencies[k] = clock.Elapsed.TotalMilliseconds - started;
                }
            }));
        }
        else
        {
            Console.WriteLine($"open loop: {rate:F0} events/s for {seconds:F0} s ({bodies.Length} events)");
            var inFlight = new List<Task>(bodies.Length);
            for (var k = 0; k < bodies.Length; k++)
            {
                var due = k * 1000.0 / rate;
                var wait = due - clock.Elapsed.TotalMilliseconds;
                if (wait > 1)
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
                var index = k;
                inFlight.Add(Task.Run(async () =>
                {
                    outcomes.AddOrUpdate(await SendAsync(client, secret, bodies[index]), 1, (_, n) => n + 1);
                    latencies[index] = clock.Elapsed.TotalMilliseconds - due;
                }));
            }
            await Task.WhenAll(inFlight);
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine($"events {bodies.Length}, elapsed {elapsed:F1} s, throughput {bodies.Length / elapsed:F0} events/s");
        Console.WriteLine($"latency ms: p50 {P(0.50):F1}  p90 {P(0.90):F1}  p99 {P(0.99):F1}  max {latencies[^1]:F1}");
        Console.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        return outcomes.Keys.Any(k => k.StartsWith("http", StringComparison.Ordinal)) ? 1 : 0;
    }

    private static async Task<string> SendAsync(HttpClient client, string secret, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(body, secret));
        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
                return "http " + (int)response.StatusCode;
            return JsonNode.Parse(text)?["outcome"]?.GetValue<string>() ?? "?";
        }
        catch (HttpRequestException e)
        {
            return "http error " + e.HttpRequestError;
        }
    }

    private static string Sign(string body, string secret)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body)))}";
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A stream of realistic events; refunds, disputes and replays refer to gifts sent earlier in the stream.</summary>
    internal sealed class EventSource(string run)
    {
        private readonly Random random = new(20261123);
        private readonly List<(string PaymentIntent, long Amount)> gifts = [];
        private readonly List<string> sent = [];
        private readonly Queue<string> pending = new();
        private int n;

        public string Next()
        {
            if (pending.Count > 0)
                return Remember(pending.Dequeue());
            n++;
            var roll = random.Next(100);
            if (gifts.Count > 20 && roll < 8)
            {
                var (pi, amount) = gifts[random.Next(gifts.Count)];
                return Remember(Event("charge.refunded", new JsonObject
                {
                    ["id"] = "ch_" + pi, ["object"] = "charge", ["amount"] = amount, ["amount_refunded"] = Math.Max(1, amount / (1 + random.Next(3))),
                    ["currency"] = "usd", ["payment_intent"] = pi,
                }));
            }
            if (gifts.Count > 20 && roll < 11)
            {
                var (pi, amount) = gifts[random.Next(gifts.Count)];
                return Remember(Event("charge.dispute.created", new JsonObject
                {
                    ["id"] = $"dp_{run}_{n}", ["object"] = "dispute", ["amount"] = amount, ["currency"] = "usd", ["payment_intent"] = pi, ["status"] = "needs_response",
                }));
            }
            if (sent.Count > 20 && roll < 16)
                return sent[random.Next(sent.Count)];
            var amountMinor = 500 + random.Next(50) * 100L;
            var piNew = $"pi_{run}_{n}";
            var email = $"donor{random.Next(5000)}@bench.crossing.invalid";
            if (roll < 30)
            {
                var invoice = $"in_{run}_{n}";
                gifts.Add((piNew, 2000));
                pending.Enqueue(Event("invoice_payment.paid", new JsonObject
                {
                    ["id"] = "inpay_" + invoice, ["object"] = "invoice_payment", ["invoice"] = invoice,
                    ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = piNew },
                }));
                return Remember(Event("invoice.paid", new JsonObject
                {
                    ["id"] = invoice, ["object"] = "invoice", ["amount_paid"] = 2000, ["currency"] = "usd", ["customer_email"] = email,
                    ["customer_name"] = "Bench Donor", ["billing_reason"] = "subscription_cycle", ["metadata"] = new JsonObject(),
                    ["parent"] = new JsonObject { ["type"] = "subscription_details", ["subscription_details"] = new JsonObject { ["metadata"] = new JsonObject { ["fund"] = "rescue" } } },
                }));
            }
            gifts.Add((piNew, amountMinor));
            return Remember(Event("checkout.session.completed", new JsonObject
            {
                ["id"] = "cs_" + piNew, ["object"] = "checkout.session", ["mode"] = "payment", ["payment_status"] = "paid", ["amount_total"] = amountMinor,
                ["currency"] = "usd", ["payment_intent"] = piNew,
                ["customer_details"] = new JsonObject { ["email"] = email, ["name"] = "Bench Donor" },
                ["metadata"] = roll < 60 ? new JsonObject { ["fund"] = "rescue" } : new JsonObject(),
            }));
        }

        private string Remember(string body)
        {
            sent.Add(body);
            return body;
        }

        private string Event(string type, JsonObject obj) => new JsonObject
        {
            ["id"] = $"evt_{run}_{n}_{pending.Count}", ["object"] = "event", ["api_version"] = "2025-10-29.clover",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["type"] = type, ["data"] = new JsonObject { ["object"] = obj },
        }.ToJsonString();
    }
}
