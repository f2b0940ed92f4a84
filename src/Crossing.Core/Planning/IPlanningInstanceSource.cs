namespace Crossing.Core.Planning;

/// <summary>
/// Builds a planning instance from live data: the waiting family groups with their triage weights and deadlines, the
/// open travel windows with their cost estimates, the rescue fund's balance and its expected income. Journeys and the
/// ledger provide an implementation; the CLI and pages plan from it and can export what it built, so every plan can be
/// reproduced from a file.
/// </summary>
public interface IPlanningInstanceSource
{
    /// <summary>The instance as of <paramref name="start"/>, on the requested cost basis, limited to what the caller may see.</summary>
    Task<PlanningInstance> BuildAsync(DateOnly start, CostBasis costBasis, CancellationToken ct);
}
