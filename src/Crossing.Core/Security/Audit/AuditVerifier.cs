using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Audit;

public sealed record AuditVerification(bool Intact, long Events, string Head, long? FirstBadSequence, string? Problem);

/// <summary>
/// Re-walks the whole chain. Streams in pages so a long chain does not sit in memory. Version 2 events and the head
/// are checked with the audit chain key; version 1 events (written before keyed chaining) may only precede them.
/// </summary>
public sealed class AuditVerifier(CrossingDbContext db, AuditChainKeys keys)
{
    /// <summary>For code outside dependency injection that holds a context and the keys.</summary>
    public static AuditVerifier Over(CrossingDbContext db, Vault.MasterKeyRing keys) =>
        new(db, new AuditChainKeys(db, new Vault.Vault(db, keys, TimeProvider.System)));

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        const int page = 5000;
        var key = await keys.FindAsync(ct);
        long expectedSequence = 1;
        var previous = AuditEvent.GenesisHash;
        long count = 0;
        var seenKeyed = false;
        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= expectedSequence)
                .OrderBy(e => e.Sequence)
                .Take(page)
                .ToListAsync(ct);
            foreach (var ev in batch)
            {
                if (ev.Sequence != expectedSequence)
                    return Bad(count, previous, expectedSequence, $"event {expectedSequence} is missing (next stored is {ev.Sequence}): deleted");
                if (ev.PreviousHash != previous)
                    return Bad(count, previous, ev.Sequence, $"event {ev.Sequence} does not link to event {ev.Sequence - 1}: inserted, reordered or its predecessor edited");
                if (ev.Version == AuditEvent.KeyedVersion && key is null)
                    return Bad(count, previous, ev.Sequence, $"event {ev.Sequence} is MACed but the audit chain key is missing from the database: deleted");
                if (ev.Version == AuditEvent.LegacyVersion && seenKeyed)
                    return Bad(count, previous, ev.Sequence, $"event {ev.Sequence} is in the unkeyed version 1 form after keyed events: rewritten");
                if (ev.ComputeHash(key) != ev.Hash)
                    return Bad(count, previous, ev.Sequence, $"event {ev.Sequence} does not match its hash: edited");
                seenKeyed |= ev.Version == AuditEvent.KeyedVersion;
                previous = ev.Hash;
                count++;
                expectedSequence++;
            }
            if (batch.Count < page)
                break;
        }

        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var headSequence = head?.Sequence ?? 0;
        var headHash = head?.Hash ?? AuditEvent.GenesisHash;
        if (headSequence != count || headHash != previous)
            return Bad(count, previous, Math.Min(headSequence, count) + 1,
                headSequence > count
                    ? $"the chain ends at event {count} but the head records {headSequence}: the newest events were deleted"
                    : $"the head records event {headSequence} but the chain holds {count}: the head or the newest events were altered");
        // Once the database has a chain key, the head must carry its MAC (the key is created together with the first
        // MACed head): a head set back, or a chain re-hashed in the old form, has none that fits.
        if (count > 0 && key is not null && !key.Matches(AuditHead.CanonicalForm(headSequence, headHash), head?.Mac))
            return Bad(count, previous, count, $"the head MAC does not match event {count}: the head was set by someone without the audit key");
        return new AuditVerification(true, count, previous, null, null);
    }

    private static AuditVerification Bad(long count, string head, long sequence, string problem) =>
        new(false, count, head, sequence, problem);
}
