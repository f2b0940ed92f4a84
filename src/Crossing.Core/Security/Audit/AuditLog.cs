using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Audit;

public interface IAuditLog
{
    /// <summary>Appends one event, saving it together with any pending changes of the same unit of work.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken ct = default);
}

/// <summary>
/// Appends to the chain. The head row carries the sequence as a concurrency token, so two writers (two web
/// nodes on PostgreSQL) can never both extend the same head: the loser retries on the new head.
/// </summary>
public sealed class AuditLog(CrossingDbContext db, AuditChainKeys keys, TimeProvider time) : IAuditLog
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>For code outside dependency injection (backup, restore, upgrade) that holds a context and the keys.</summary>
    public static AuditLog Over(CrossingDbContext db, Vault.MasterKeyRing keys, TimeProvider time) =>
        new(db, new AuditChainKeys(db, new Vault.Vault(db, keys, time)), time);

    public async Task AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        entry = entry.Validated();
        await InProcess.WaitAsync(ct);
        try
        {
            var key = await keys.GetOrCreateAsync(ct);
            for (var attempt = 1; ; attempt++)
            {
                var head = await db.AuditHeads.SingleOrDefaultAsync(h => h.Id == 1, ct);
                if (head is null)
                {
                    head = AuditHead.Empty();
                    db.AuditHeads.Add(head);
                }
                var ev = AuditEvent.Next(head.Sequence + 1, head.Hash, entry, time.GetUtcNow(), key);
                db.AuditEvents.Add(ev);
                head.Advance(ev, key);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    db.Entry(ev).State = EntityState.Detached;
                    db.Entry(head).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            InProcess.Release();
        }
    }
}
