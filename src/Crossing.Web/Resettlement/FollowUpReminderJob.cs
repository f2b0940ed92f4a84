using Crossing.Core.Resettlement;
using Quartz;
using Quartz.Impl;
using Quartz.Spi;

namespace Crossing.Web.Resettlement;

/// <summary>The scheduled run of <see cref="FollowUpReminders"/>: idempotent, so a run repeated after a restart or on a second node adds nothing.</summary>
[DisallowConcurrentExecution]
public sealed class FollowUpReminderJob(IServiceScopeFactory scopes, ILogger<FollowUpReminderJob> log) : IJob
{
    public const string Actor = "system:reminder-job";

    public Task Execute(IJobExecutionContext context) => RunOnceAsync(context.CancellationToken);

    public async Task<FollowUpReminders.Run> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<FollowUpReminders>().RunAsync(Actor, ct);
        log.LogInformation("Follow-up reminders: {Created} made, {Already} already made.", run.Created, run.AlreadyReminded);
        return run;
    }
}

/// <summary>
/// Runs <see cref="FollowUpReminderJob"/> on <see cref="ResettlementOptions.ReminderCron"/> with Quartz.NET (in memory:
/// the reminders' unique key, not the scheduler, keeps them single). Each host gets its own scheduler name, so
/// several hosts in one process (tests) do not share one.
/// </summary>
public sealed class FollowUpReminderSchedule(IServiceProvider services, ResettlementOptions options) : IHostedService
{
    private IScheduler? scheduler;

    public DateTimeOffset? NextRun { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.ReminderCron))
            return;
        var factory = new StdSchedulerFactory(new System.Collections.Specialized.NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "crossing-" + Guid.NewGuid().ToString("N"),
            ["quartz.threadPool.maxConcurrency"] = "1",
        });
        scheduler = await factory.GetScheduler(cancellationToken);
        scheduler.JobFactory = new Factory(services);
        var job = JobBuilder.Create<FollowUpReminderJob>().WithIdentity("follow-up-reminders").Build();
        var trigger = TriggerBuilder.Create().WithIdentity("follow-up-reminders")
            .WithCronSchedule(options.ReminderCron, c => c.InTimeZone(TimeZoneInfo.Utc)).Build();
        NextRun = await scheduler.ScheduleJob(job, trigger, cancellationToken);
        await scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (scheduler is not null)
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }

    private sealed class Factory(IServiceProvider services) : IJobFactory
    {
        public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) => ActivatorUtilities.CreateInstance<FollowUpReminderJob>(services);

        public void ReturnJob(IJob job)
        {
        }
    }
}
