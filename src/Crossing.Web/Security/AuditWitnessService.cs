using System.Globalization;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;

namespace Crossing.Web.Security;

/// <summary>
/// Writes signed audit checkpoints to the witness folder automatically: every 15 minutes and every 1,000 events by
/// default (Crossing:Audit:Checkpoint:*, docs/configuration.md). Only the checkpoint is written; mailing it is not
/// built yet, so point the folder at storage the database's administrators cannot write.
/// </summary>
public sealed partial class AuditWitnessService(IServiceScopeFactory scopes, StorageOptions storage, AuditWitnessOptions options, TimeSpan poll, ILogger<AuditWitnessService> log)
    : BackgroundService
{
    public const string Section = "Crossing:Audit:Checkpoint";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(poll);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var path = await scope.ServiceProvider.GetRequiredService<AuditWitness>().WriteIfDueAsync(options, storage.DataDirectory, stoppingToken);
                if (path is not null)
                    LogWritten(log, path);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Messages here are Crossing's own (paths, counts); no identity data reaches this code.
                LogFailed(log, e.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint written to {Path}")]
    private static partial void LogWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit checkpoint failed ({Kind}): {Problem}")]
    private static partial void LogFailed(ILogger logger, string kind, string problem);
}

public static class AuditWitnessRegistration
{
    public static IServiceCollection AddCrossingAuditWitness(this IServiceCollection services, IConfiguration configuration, StorageOptions storage)
    {
        var section = configuration.GetSection(AuditWitnessService.Section);
        services.AddScoped<AuditCheckpoints>();
        services.AddScoped<AuditWitness>();
        if (!bool.TryParse(section["Enabled"], out var enabled))
            enabled = true;
        if (!enabled)
            return services;
        AuditCheckpointKey.EnsureCreated(storage.DataDirectory);
        var options = new AuditWitnessOptions(
            Path.GetFullPath(section["Folder"] is { Length: > 0 } folder ? folder : AuditWitnessOptions.DefaultFolder(storage.DataDirectory)),
            TimeSpan.FromMinutes(Number(section["IntervalMinutes"], AuditWitnessOptions.DefaultInterval.TotalMinutes)),
            (long)Number(section["EveryEvents"], AuditWitnessOptions.DefaultEveryEvents));
        var poll = TimeSpan.FromSeconds(Number(section["PollSeconds"], 30));
        services.AddHostedService(sp => new AuditWitnessService(
            sp.GetRequiredService<IServiceScopeFactory>(), storage, options, poll, sp.GetRequiredService<ILogger<AuditWitnessService>>()));
        return services;
    }

    private static double Number(string? text, double fallback) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
