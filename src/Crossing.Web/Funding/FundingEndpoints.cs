using System.Text;
using Crossing.Core.Funding;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Stripe;

namespace Crossing.Web.Funding;

/// <summary>The Stripe webhook secret: configuration Stripe:WebhookSecret, or the environment variable CROSSING_STRIPE_WEBHOOK_SECRET.</summary>
public sealed record StripeWebhookSecret(string? Value)
{
    public const string ConfigurationKey = "Stripe:WebhookSecret";
    public const string EnvironmentVariable = "CROSSING_STRIPE_WEBHOOK_SECRET";

    public static StripeWebhookSecret From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
            value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return new(string.IsNullOrWhiteSpace(value) ? null : value.Trim());
    }
}

/// <summary>
/// GET /api/funds for finance (cookie or bearer token) and POST /api/webhooks/stripe for Stripe (anonymous, signed).
/// The webhook never logs the body or its donor data; a bad signature or a stale timestamp stores nothing.
/// </summary>
public static class FundingEndpoints
{
    /// <summary>Stripe events are a few kilobytes; anything much larger is not one.</summary>
    public const int MaxWebhookBytes = 256 * 1024;

    /// <summary>Stripe's default: a signature older than five minutes is a replay.</summary>
    public const long ToleranceSeconds = 300;

    public static IServiceCollection AddFundingWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => StripeWebhookSecret.From(configuration));
        return services;
    }

    public static IEndpointRouteBuilder MapFundingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/funds", FundsAsync).RequireAuthorization(Policies.Staff).WithTags("Funding").Describe<FundingText>("ListFunds");
        app.MapPost("/api/webhooks/stripe", StripeAsync).AllowAnonymous().WithTags("Funding").Describe<FundingText>("StripeWebhook")
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> FundsAsync(CallerAccessor callers, Ledger ledger, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewFinance))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Finance only", detail: "Fund balances are for finance staff.");
        return TypedResults.Ok(FundsDocument.From(await ledger.FundBalancesAsync(ct)));
    }

    private static async Task<IResult> StripeAsync(HttpRequest http, StripeWebhookSecret secret, StripeBatcher intake, ILoggerFactory logs, CancellationToken ct)
    {
        if (secret.Value is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not configured",
                detail: $"Set {StripeWebhookSecret.ConfigurationKey} or {StripeWebhookSecret.EnvironmentVariable} to receive Stripe events.");
        var json = await ReadBodyAsync(http, ct);
        if (json is null)
            return BadRequest("The body is not a Stripe event (too large or not UTF-8).");
        var signature = http.Headers["Stripe-Signature"].ToString();
        try
        {
            // Verifies the signature over the exact bytes and the timestamp; never refuses an event for its api_version.
            EventUtility.ConstructEvent(json, signature, secret.Value, ToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return BadRequest("The Stripe-Signature header does not match this body, or its timestamp is too old.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Signed, but Stripe.net's typed model cannot hold it (a fractional amount, a newer field shape). The event
            // is read from its JSON below; confirm the signature on its own so nothing unverified gets through.
            try
            {
                EventUtility.ValidateSignature(json, signature, secret.Value, ToleranceSeconds);
            }
            catch (StripeException)
            {
                return BadRequest("The Stripe-Signature header does not match this body, or its timestamp is too old.");
            }
        }
        try
        {
            var outcome = await intake.SubmitAsync(json, ct);
            return TypedResults.Ok(new WebhookAnswer(true, outcome.ToString().ToLowerInvariant()));
        }
        catch (StripeEventFormatException e)
        {
            logs.CreateLogger("Crossing.Funding.Stripe").LogWarning("A signed Stripe event could not be read: {Problem}", e.Message);
            return BadRequest(e.Message);
        }
    }

    public sealed record WebhookAnswer(bool Received, string Outcome);

    private static IResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Rejected", detail: detail);

    private static async Task<string?> ReadBodyAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.ContentLength > MaxWebhookBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxWebhookBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
