using Crossing.Core.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crossing.Web.Shell;

/// <summary>The body of <c>/healthz</c>: <c>{"status":"ok"}</c> or <c>{"status":"unavailable"}</c>.</summary>
public sealed record HealthResponse(string Status);

/// <summary>
/// <c>/healthz</c> for load balancers and uptime checks: 200 when the database answers a quick query, 503 otherwise.
/// Anonymous, and says nothing about why it failed.
/// </summary>
public static class ShellHealth
{
    public const string Path = "/healthz";

    public static IServiceCollection AddShellHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", timeout: TimeSpan.FromSeconds(3));
        return services;
    }

    public static void MapShellHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (HealthCheckService health, CancellationToken ct) =>
            {
                var report = await health.CheckHealthAsync(ct);
                return report.Status == HealthStatus.Healthy
                    ? TypedResults.Json(new HealthResponse("ok"))
                    : TypedResults.Json(new HealthResponse("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .WithTags("Operations")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .Describe<ShellText>("Health", response: new HealthResponse("ok"));
}

/// <summary>Reads one row of a table every migrated database has, so a missing schema counts as unhealthy too.</summary>
internal sealed class DatabaseHealthCheck(DatabaseProbe database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", e);
        }
    }
}
