using System.Collections.Concurrent;
using Crossing.Core.Planning;
using Crossing.Core.Security.Access;

namespace Crossing.Web.Planning;

/// <summary>One plan being made or made: the live instance it was made from, the solver's stages, its result and its acceptance.</summary>
public sealed class PlanRun(Guid id, Guid staffId, DateTimeOffset startedAt, LivePlanningInstance live) : IProgress<string>
{
    private readonly List<string> stages = [];

    public Guid Id { get; } = id;
    public Guid StaffId { get; } = staffId;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public LivePlanningInstance Live { get; } = live;

    /// <summary>Set once, when the solver returns; until then the page shows the stages and refreshes itself.</summary>
    public PlanResult? Result { get; private set; }

    /// <summary>Set when the solver failed; the message names no person (the instance holds codes only).</summary>
    public string? Failure { get; private set; }

    public PlanAcceptanceResult? Accepted { get; set; }

    public bool Solving => Result is null && Failure is null;

    public IReadOnlyList<string> Stages
    {
        get
        {
            lock (stages)
                return [.. stages];
        }
    }

    public void Report(string value)
    {
        lock (stages)
            stages.Add(value);
    }

    internal void Finish(PlanResult result) => Result = result;

    internal void Fail(string failure) => Failure = failure;
}

/// <summary>
/// Plans being made in the background, so the page that starts one answers at once and a progress page refreshes
/// itself (an HTTP Refresh header: no script) until the plan is ready. Kept in memory only: a plan is reproduced from
/// its exported instance, and accepting it is what leaves a record (journeys and the plan.accept audit event).
/// Each run is visible only to the staff member who started it; anyone else gets the page's ordinary 404.
/// </summary>
public sealed class PlanningRuns(PlanningOptions options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<PlanningRuns> logger)
{
    /// <summary>Older finished runs are forgotten beyond this many (a plan takes seconds; they are re-made at will).</summary>
    public const int Kept = 20;

    private readonly ConcurrentDictionary<Guid, PlanRun> runs = new();

    public PlanRun Start(StaffCaller caller, LivePlanningInstance live)
    {
        var run = new PlanRun(Guid.NewGuid(), caller.StaffId, time.GetUtcNow(), live);
        runs[run.Id] = run;
        Forget();
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(() =>
        {
            try
            {
                run.Finish(PlanSolver.Solve(live.Instance, new PlanOptions { TimeLimit = TimeSpan.FromSeconds(options.Seconds), Progress = run }, stopping));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Planning run {Run} failed", run.Id);
                run.Fail(e is OperationCanceledException ? "The server stopped while planning; start the plan again." : "The solver failed; start the plan again, and tell the administrator if it fails twice.");
            }
        }, CancellationToken.None);
        return run;
    }

    /// <summary>The run, only for the staff member who started it.</summary>
    public PlanRun? Find(StaffCaller caller, Guid id) => runs.TryGetValue(id, out var run) && run.StaffId == caller.StaffId ? run : null;

    public IReadOnlyList<PlanRun> Mine(StaffCaller caller) =>
        [.. runs.Values.Where(r => r.StaffId == caller.StaffId).OrderByDescending(r => r.StartedAt)];

    private void Forget()
    {
        foreach (var old in runs.Values.Where(r => !r.Solving).OrderByDescending(r => r.StartedAt).Skip(Kept))
            runs.TryRemove(old.Id, out _);
    }
}
