using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Crossing.Web.Shell;

/// <summary>
/// Strict headers on every response. They are written when the response starts, so they survive the error
/// handlers (which clear headers) and cover static files, redirects, 404s and problem details alike.
/// It is also the last line of defence: an exception nothing else handled becomes a bare 500 problem,
/// never the developer exception page.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, ILogger<SecurityHeadersMiddleware> logger)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), " +
        "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    private static readonly object StaticFileMarker = new();

    /// <summary>Static files are the only responses a cache may keep; everything else is no-store.</summary>
    public static void MarkStaticFile(StaticFileResponseContext file)
    {
        var context = file.Context;
        context.Items[StaticFileMarker] = true;
        // asp-append-version adds ?v=<hash>, so a versioned URL can be cached for good.
        context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v")
            ? "public, max-age=31536000, immutable"
            : "public, max-age=3600";
    }

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            ApplyHeaders((HttpContext)state);
            return Task.CompletedTask;
        }, context);

        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "Unhandled exception escaped the error handlers (trace {TraceId}).", context.TraceIdentifier);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await Results.Problem(statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
        }
    }

    private static void ApplyHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (context.Request.IsHttps)
            headers.StrictTransportSecurity = StrictTransportSecurity;
        if (!context.Items.ContainsKey(StaticFileMarker))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }
        headers.Remove(HeaderNames.Server);
        headers.Remove("X-Powered-By");
    }
}
