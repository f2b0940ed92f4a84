using Microsoft.AspNetCore.Diagnostics;

namespace Crossing.Web.Shell;

/// <summary>
/// Errors never carry a stack trace or an exception message to the client, in any environment.
/// The JSON API (and the OpenAPI document) answers with ProblemDetails; pages answer with the localised error page.
/// </summary>
public static class ShellErrors
{
    public const string ErrorPagePath = "/Error";

    public static bool IsApiRequest(HttpRequest request) => IsApiPath(request.Path);

    public static bool IsApiPath(PathString path) =>
        (path.StartsWithSegments("/api") && !path.StartsWithSegments(ApiDocsPath)) ||
        path.StartsWithSegments("/openapi") ||
        path.StartsWithSegments(ShellHealth.Path);

    public const string ApiDocsPath = "/api/docs";

    public static IServiceCollection AddShellErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // Whatever produced the problem (the developer exception page included), only the status,
            // a title and the trace id leave the server.
            c.ProblemDetails.Detail = c.Exception is null ? c.ProblemDetails.Detail : null;
            c.ProblemDetails.Extensions.Remove("exception");
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    public static WebApplication UseShellErrors(this WebApplication app)
    {
        app.UseExceptionHandler(ErrorPagePath);
        // Not UseWhen branches: a branch loses the global route builder, and the re-executed error page
        // would then never be routed. The inner handler answers API requests with JSON, which the outer
        // re-execution sees as an answered response and leaves alone; everything else gets the HTML page.
        app.UseStatusCodePagesWithReExecute(ErrorPagePath + "/{0}");
        app.UseStatusCodePages(WriteApiProblemAsync);
        return app;
    }

    /// <summary>An API client gets JSON whatever its Accept header says; a page request is left to the error page.</summary>
    private static Task WriteApiProblemAsync(StatusCodeContext status) =>
        IsApiRequest(status.HttpContext.Request)
            ? Results.Problem(statusCode: status.HttpContext.Response.StatusCode).ExecuteAsync(status.HttpContext)
            : Task.CompletedTask;
}

/// <summary>Exceptions on API paths become a 500 ProblemDetails; page requests fall through to the error page.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the original.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
        if (!ShellErrors.IsApiPath(path))
            return false;
        logger.LogError(exception, "Unhandled exception on an API request (trace {TraceId}).", context.TraceIdentifier);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await Results.Problem(statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
        return true;
    }
}
