using Crossing.Core.Security.Access;

namespace Crossing.Core.Planning;

/// <summary>
/// Builds a planning instance from live data: the waiting family groups with their triage weights and deadlines, the
/// open travel windows with their cost estimates, the rescue fund's balance and its expected income. The CLI and the
/// pages plan from it and can export what it built, so every plan can be reproduced from a file.
/// </summary>
public interface IPlanningInstanceSource
{
    /// <summary>The instance as of today, limited to what the caller may see; throws <see cref="PlanningAccessDeniedException"/> without the plan permission.</summary>
    Task<LivePlanningInstance> BuildAsync(StaffCaller caller, CancellationToken ct = default);
}

/// <param name="Instance">Exactly what the solver is given (and what an export writes).</param>
/// <param name="Currency">The currency of every amount in the instance.</param>
/// <param name="Left">What live data the instance leaves out, and why, so staff are not surprised by a missing window.</param>
public sealed record LivePlanningInstance(PlanningInstance Instance, string Currency, LiveInstanceNotes Left);

/// <param name="WindowsInOtherCurrencies">Open windows priced in another currency (never converted).</param>
/// <param name="WindowsWithoutEstimate">Open windows with no cost estimate yet.</param>
/// <param name="WindowsFull">Open windows whose capacity is already booked.</param>
/// <param name="GroupsAlreadyPlanned">Waiting groups already on a journey that has not been handed over.</param>
/// <param name="CommittedToPlannedJourneys">Estimated cost of the people on journeys planned in the horizon that have not departed (not paid yet), taken off the fund's balance.</param>
public sealed record LiveInstanceNotes(int WindowsInOtherCurrencies, int WindowsWithoutEstimate, int WindowsFull, int GroupsAlreadyPlanned, decimal CommittedToPlannedJourneys);

/// <summary>The caller may not plan (only field managers may); told apart from nothing else.</summary>
public sealed class PlanningAccessDeniedException() : Exception("Only a field manager may make or accept a rescue plan.");
