namespace Crossing.Core.Planning;

public enum PlanStatus
{
    /// <summary>The objective equals the proven bound: no plan moves more urgency-weighted people.</summary>
    Optimal,

    /// <summary>A valid plan whose objective is below the best proven bound (the gap is what is not proven).</summary>
    Feasible,
}

public sealed record PlanOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Overrides the instance's cost basis when set.</summary>
    public CostBasis? CostBasis { get; init; }

    /// <summary>How many waiting groups, most urgent first, the funding gap looks at.</summary>
    public int FundingGapGroups { get; init; } = 10;

    /// <summary>CP-SAT workers; by default one per core, at most eight.</summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>Receives one line per stage (greedy, LP, CP-SAT), for a progress display; never carries identities.</summary>
    public IProgress<string>? Progress { get; init; }
}

public sealed record PlanAssignment(string Group, string Window);

public enum WaitingReasonCode
{
    NoRoutes,
    RouteClosed,
    NoWindowOnRoutes,
    NoWindowBeforeDeadline,
    NoWindowAfterStart,
    TooLargeForAnyWindow,
    CapacityFull,
    Money,
}

/// <summary>Why a group waits, in words for staff in English and Korean.</summary>
public sealed record WaitingReason(string Group, WaitingReasonCode Code, string Reason, string ReasonKorean);

/// <summary>Extra money by a date that lets the named groups travel, on top of the plan and of every earlier entry.</summary>
public sealed record FundingGapEntry(DateOnly By, decimal Amount, IReadOnlyList<string> Groups, IReadOnlyList<string> Windows);

public sealed record PlanResult(
    PlanStatus Status,
    decimal Objective,
    decimal Bound,
    TimeSpan Elapsed,
    IReadOnlyList<PlanAssignment> Assignments,
    IReadOnlyList<WaitingReason> Waiting,
    IReadOnlyList<FundingGapEntry> FundingGap,
    decimal GreedyObjective,
    decimal? LpBound,
    CostBasis CostBasis);
