namespace Crossing.Core.Planning;

/// <summary>Which per-person cost estimate of a window the plan spends: the 80th percentile is the conservative default, because costs swing.</summary>
public enum CostBasis
{
    P80,
    Median,
}

/// <summary>
/// Everything the planner decides from, in the versioned format of <c>docs/planner-format.md</c>. Built only by
/// <see cref="PlanningInstanceJson.Parse"/> or <see cref="Create"/>, both of which refuse an invalid instance, so a
/// solver never meets a duplicated id, a negative amount or a window on an unknown route.
/// </summary>
public sealed record PlanningInstance
{
    public const int CurrentVersion = 1;

    private PlanningInstance(DateOnly start, CostBasis costBasis, decimal cashAvailable, IReadOnlyList<PlannedIncome> income,
        IReadOnlyList<PlanRoute>? routes, IReadOnlyList<TravelWindowOption> windows, IReadOnlyList<WaitingGroup> groups)
    {
        Start = start;
        CostBasis = costBasis;
        CashAvailable = cashAvailable;
        Income = income;
        Routes = routes;
        Windows = windows;
        Groups = groups;
    }

    public DateOnly Start { get; }
    public CostBasis CostBasis { get; init; }

    /// <summary>Cash at hand at the start of the plan.</summary>
    public decimal CashAvailable { get; }

    public IReadOnlyList<PlannedIncome> Income { get; }

    /// <summary>The complete list of routes, when the instance gives one; otherwise the routes are those the groups list.</summary>
    public IReadOnlyList<PlanRoute>? Routes { get; }

    public IReadOnlyList<TravelWindowOption> Windows { get; }
    public IReadOnlyList<WaitingGroup> Groups { get; }

    /// <summary>Validates and builds an instance; throws <see cref="PlanningInstanceException"/> naming the first bad item.</summary>
    public static PlanningInstance Create(DateOnly start, CostBasis costBasis, decimal cashAvailable, IEnumerable<PlannedIncome> income,
        IEnumerable<PlanRoute>? routes, IEnumerable<TravelWindowOption> windows, IEnumerable<WaitingGroup> groups)
    {
        var instance = new PlanningInstance(start, costBasis, cashAvailable, [.. income], routes is null ? null : [.. routes], [.. windows], [.. groups]);
        PlanningInstanceValidator.Validate(instance);
        return instance;
    }

    /// <summary>The same instance with more income (a funding gap's extra money, for instance).</summary>
    public PlanningInstance WithExtraIncome(IEnumerable<PlannedIncome> extra) =>
        Create(Start, CostBasis, CashAvailable, Income.Concat(extra), Routes, Windows, Groups);

    /// <summary>The per-person cost of a window on this instance's basis.</summary>
    public decimal PerPersonCost(TravelWindowOption window) => CostBasis == CostBasis.Median ? window.MedianCost : window.P80Cost;
}

public sealed record PlannedIncome(DateOnly Date, decimal Amount);

/// <summary>A route as the plan sees it; windows on a route that is not open are never used.</summary>
public sealed record PlanRoute(string Id, PlanRouteStatus Status);

public enum PlanRouteStatus
{
    Open,
    Suspended,
    Compromised,
}

/// <summary>A dated opportunity to move people on a route: at most <see cref="Capacity"/> people, at a per-person cost estimate.</summary>
public sealed record TravelWindowOption(string Id, string Route, DateOnly Date, int Capacity, decimal MedianCost, decimal P80Cost);

/// <summary>A family group that travels together or not at all; <see cref="Weight"/> is its urgency per person.</summary>
public sealed record WaitingGroup(string Id, int Size, decimal Weight, IReadOnlyList<string> Routes, DateOnly? Deadline);

/// <summary>An instance that cannot be planned, with a message naming the bad item.</summary>
public sealed class PlanningInstanceException(string message) : Exception(message);
