using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Resettlement;

/// <param name="Services">How many services of this kind started that year; null when under the threshold.</param>
/// <param name="Achieved">How many of them ended with their aim achieved; null when under the threshold.</param>
public sealed record OutcomeCell(string Service, int Year, int? Services, int? Achieved);

/// <summary>
/// Counts of services by kind and year, for the board and funders: no codes, no names, and every count under
/// <see cref="SmallestShown"/> (zero included) replaced by null, so no cell points at one or two people. Counts the
/// services in the caller's compartments (the resettlement compartment holds them); no cross-compartment read.
/// </summary>
public sealed class OutcomeReport(CrossingDbContext db, AccessPolicy access, CallerScope scope)
{
    public const int SmallestShown = 5;

    public static int? Suppress(int count) => count < SmallestShown ? null : count;

    public async Task<IReadOnlyList<OutcomeCell>> BuildAsync(StaffCaller caller, CancellationToken ct = default)
    {
        using var acting = scope.Use(caller);
        var rows = await access.Visible(db.Set<ResettlementService>().AsNoTracking(), caller, Permission.ViewCases)
            .Select(s => new { s.Kind, s.StartedOn, s.Outcome })
            .ToListAsync(ct);
        return [.. rows
            .GroupBy(r => (r.Kind, r.StartedOn.Year))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Kind)
            .Select(g => new OutcomeCell(g.Key.Kind.Slug(), g.Key.Year, Suppress(g.Count()), Suppress(g.Count(r => r.Outcome == ServiceOutcome.Achieved))))];
    }
}
