using System.Collections.Specialized;
using Crossing.Core.Journeys;
using Quartz;
using Quartz.Impl;
using Quartz.Spi;

namespace Crossing.Web.Journeys;

/// <summary>
/// Runs journey retention on the cron schedule <c>Crossing:Journeys:RetentionSchedule</c> (default 03:30 UTC daily;
/// empty turns it off, leaving <c>crossing retention run</c>). Each journey is purged in its own transaction, so a
/// run overlapping another (two web nodes) purges nothing twice in effect.
/// </summary>
internal sealed partial class RetentionScheduler(IServiceProvider services, JourneyOptions options, ILogger<RetentionScheduler> logger) : IHostedService
{
    private IScheduler? scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.RetentionSchedule))
            return;
        if (!CronExpression.IsValidExpression(options.RetentionSchedule))
            throw new InvalidOperationException($"{JourneyOptions.Section}:RetentionSchedule is not a valid Quartz cron expression.");
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "crossing-retention-" + Guid.NewGuid().ToString("N"),
            ["quartz.threadPool.threadCount"] = "1",
        };
        scheduler = await new StdSchedulerFactory(properties).GetScheduler(cancellationToken);
        scheduler.JobFactory = new ServiceJobFactory(services);
        var job = JobBuilder.Create<RetentionJob>().WithIdentity("journey-retention").Build();
        var trigger = TriggerBuilder.Create().WithIdentity("journey-retention-schedule")
            .WithCronSchedule(options.RetentionSchedule, c => c.InTimeZone(TimeZoneInfo.Utc)).Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken);
        await scheduler.Start(cancellationToken);
        LogScheduled(logger, options.RetentionSchedule);
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        scheduler?.Shutdown(waitForJobsToComplete: true, cancellationToken) ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey retention scheduled: {Schedule} (UTC)")]
    private static partial void LogScheduled(ILogger logger, string schedule);

    private sealed class ServiceJobFactory(IServiceProvider services) : IJobFactory
    {
        public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) => (IJob)ActivatorUtilities.CreateInstance(services, bundle.JobDetail.JobType);

        public void ReturnJob(IJob job)
        {
        }
    }
}

/// <summary>One retention run in its own scope (its own unit of work); logs only how many journeys were purged.</summary>
[DisallowConcurrentExecution]
internal sealed partial class RetentionJob(IServiceScopeFactory scopes, ILogger<RetentionJob> logger) : IJob
{
    public const string Actor = "system:retention";

    public async Task Execute(IJobExecutionContext context)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<JourneyRetention>().RunAsync(Actor, context.CancellationToken);
        LogRun(logger, result.Purged.Count, result.RetentionDays);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey retention purged {Count} journeys ({Days} days after arrival)")]
    private static partial void LogRun(ILogger logger, int count, int days);
}
