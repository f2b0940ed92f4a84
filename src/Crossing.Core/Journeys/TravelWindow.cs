using Crossing.Core.Security.Access;

namespace Crossing.Core.Journeys;

public readonly record struct WindowId(Guid Value)
{
    public static WindowId New() => new(Guid.NewGuid());
}

public enum WindowStatus
{
    Open,
    Suspended,
}

/// <summary>Where a window's per-person estimate came from.</summary>
public enum EstimateBasis
{
    /// <summary>No actual costs yet and none given: no estimate.</summary>
    None,

    /// <summary>From the route's recent actual leg costs (docs/journeys.md gives the rule).</summary>
    Computed,

    /// <summary>Typed by a person, with the reason recorded.</summary>
    Given,
}

/// <summary>A dated opportunity to travel a route, for up to <see cref="Capacity"/> people.</summary>
public sealed class TravelWindow : ICompartmented
{
    private TravelWindow()
    {
        Code = Currency = "";
    }

    public WindowId Id { get; private set; }
    public string Code { get; private set; }
    public RouteId RouteId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public DateOnly Date { get; private set; }
    public int Capacity { get; private set; }
    public WindowStatus Status { get; private set; }
    public string Currency { get; private set; }

    /// <summary>Per-person median cost in the currency's minor units (null without an estimate).</summary>
    public long? MedianPerPersonMinor { get; private set; }

    /// <summary>Per-person 80th-percentile cost in minor units.</summary>
    public long? P80PerPersonMinor { get; private set; }

    public EstimateBasis Basis { get; private set; }

    /// <summary>Why an estimate was given by hand (short text; never names or places).</summary>
    public string? EstimateReason { get; private set; }

    public int EstimateSamples { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal static TravelWindow Open(string code, Route route, DateOnly date, int capacity, CostEstimate estimate, DateTimeOffset now)
    {
        if (!PseudonymousCode.IsWellFormed(code, 'W'))
            throw new ArgumentException("A window code looks like W-7K3Q.", nameof(code));
        if (capacity <= 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), "A window carries at least one person.");
        return new TravelWindow
        {
            Id = WindowId.New(),
            Code = code,
            RouteId = route.Id,
            CompartmentId = route.CompartmentId,
            Date = date,
            Capacity = capacity,
            Status = WindowStatus.Open,
            Currency = estimate.Currency,
            MedianPerPersonMinor = estimate.MedianMinor,
            P80PerPersonMinor = estimate.P80Minor,
            Basis = estimate.Basis,
            EstimateReason = estimate.Reason,
            EstimateSamples = estimate.Samples,
            CreatedAt = now,
        };
    }

    /// <summary>Replaces the estimate with one given by hand; the reason is kept with it.</summary>
    internal void GiveEstimate(long medianMinor, long p80Minor, string reason)
    {
        if (medianMinor <= 0 || p80Minor < medianMinor)
            throw new ArgumentOutOfRangeException(nameof(p80Minor), "An estimate is more than zero and its 80th percentile at least its median.");
        MedianPerPersonMinor = medianMinor;
        P80PerPersonMinor = p80Minor;
        Basis = EstimateBasis.Given;
        EstimateReason = reason;
        EstimateSamples = 0;
    }

    internal bool Suspend()
    {
        if (Status == WindowStatus.Suspended)
            return false;
        Status = WindowStatus.Suspended;
        return true;
    }
}

/// <summary>A per-person cost estimate in minor units of one currency.</summary>
public sealed record CostEstimate(string Currency, long? MedianMinor, long? P80Minor, EstimateBasis Basis, string? Reason, int Samples)
{
    /// <summary>
    /// The documented rule (docs/journeys.md): each of the route's most recent journeys (up to
    /// <paramref name="recent"/>) that has costs in the currency gives one sample, its total cost in that currency
    /// divided by the number of people travelling; the estimate is the median and the 80th percentile (nearest rank)
    /// of those samples, rounded up to a whole minor unit.
    /// </summary>
    public static CostEstimate FromSamples(string currency, IReadOnlyList<long> perPersonMinor)
    {
        if (perPersonMinor.Count == 0)
            return new CostEstimate(currency, null, null, EstimateBasis.None, null, 0);
        var sorted = perPersonMinor.Order().ToList();
        return new CostEstimate(currency, Median(sorted), NearestRank(sorted, 0.8), EstimateBasis.Computed, null, sorted.Count);
    }

    internal static long Median(IReadOnlyList<long> sorted)
    {
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2] + 1) / 2;
    }

    internal static long NearestRank(IReadOnlyList<long> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
