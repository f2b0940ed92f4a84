using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Journeys;

/// <param name="Purged">Codes of the journeys purged in this run.</param>
public sealed record RetentionResult(DateTimeOffset Cutoff, int RetentionDays, IReadOnlyList<string> Purged);

/// <summary>
/// Retention: <see cref="JourneyOptions.RetentionDays"/> days after arrival a journey loses its links to the route,
/// window and legs (and so to partners and safe houses): check-ins and needs are deleted, costs forget their leg,
/// and the journey's data key is shredded, so its sealed itinerary is unreadable everywhere, backups included.
/// Kept: the journey's code and date, its people's codes and every cost (the totals still add up). One audit
/// event per journey purged. Runs across compartments (the audited <see cref="BypassReason.Retention"/>).
/// </summary>
public sealed class JourneyRetention(CrossingDbContext db, Vault vault, CompartmentBypass bypass, IAuditLog audit, JourneyOptions options, TimeProvider time)
{
    public async Task<RetentionResult> RunAsync(string actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-options.RetentionDays);
        var session = await bypass.OpenAsync(BypassReason.Retention, actor, null, ct);
        var due = await session.Set<Journey>().Where(j => j.PurgedAt == null && j.ArrivedAt != null && j.ArrivedAt <= cutoff).ToListAsync(ct);
        var purged = new List<string>();
        foreach (var journey in due.OrderBy(j => j.Code, StringComparer.Ordinal))
        {
            // One journey per transaction: an interrupted run leaves every journey either purged or untouched, and a re-run finishes the rest.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await session.Set<JourneyCheckIn>().Where(c => c.JourneyId == journey.Id).ExecuteDeleteAsync(ct);
            await session.Set<JourneyNeed>().Where(c => c.JourneyId == journey.Id).ExecuteDeleteAsync(ct);
            foreach (var cost in await session.Set<JourneyCost>().Where(c => c.JourneyId == journey.Id).ToListAsync(ct))
                cost.ForgetLeg();
            journey.Purge(now);
            await vault.ShredAsync(Journey.EntityType, journey.Id.RecordId, ct);
            await audit.AppendAsync(new AuditEntry(actor, "journey.retention.purge", journey.Code, $"after {options.RetentionDays} days"), ct);
            await transaction.CommitAsync(ct);
            purged.Add(journey.Code);
        }
        return new RetentionResult(cutoff, options.RetentionDays, purged);
    }
}
