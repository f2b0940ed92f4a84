using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Audit;

public sealed record AuditVerification(bool Intact, long Events, string Head, long? FirstBadSequence, string? Problem);

/// <summary>Re-walks the whole chain. Streams in pages so a long chain does not sit in memory.</summary>
public sealed class AuditVerifier(CrossingDbContext db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        const int page = 5000;
        long expectedSequence = 1;
        var previous = AuditEvent.GenesisHash;
        long count = 0;
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
                if (ev.ComputeHash() != ev.Hash)
                    return Bad(count, previous, ev.Sequence, $"event {ev.Sequence} does not match its hash: edited");
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
        return new AuditVerification(true, count, previous, null, null);
    }

    private static AuditVerification Bad(long count, string head, long sequence, string problem) =>
        new(false, count, head, sequence, problem);
}
