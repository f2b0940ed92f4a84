using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Audit;

/// <summary>
/// Brings a log written before keyed chaining under the chain key: creates the key and appends one MACed event,
/// which MACs the head and links to the last plain SHA-256 event, so that every older event is covered from then on.
/// Runs when a data folder is initialised (`crossing init`, web host start); never from `audit verify`.
/// </summary>
public static class AuditUpgrade
{
    public const string Action = "audit.keyed";

    public static async Task<bool> EnsureKeyedAsync(StorageOptions storage, MasterKeyRing keys, CancellationToken ct = default)
    {
        await using var db = CrossingDatabase.CreateContext(storage);
        var chainKeys = new AuditChainKeys(db, new Vault.Vault(db, keys, TimeProvider.System));
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        // With a key present, a head without a MAC is tampering for `audit verify` to report, not something to re-MAC.
        if (await chainKeys.FindAsync(ct) is not null)
            return false;
        if (head is null || head.Sequence == 0)
        {
            // A new database: the key now, so that the first event is already MACed.
            await chainKeys.GetOrCreateAsync(ct);
            await db.SaveChangesAsync(ct);
            return true;
        }
        await AuditLog.Over(db, keys, TimeProvider.System).AppendAsync(new AuditEntry("system:upgrade", Action, null, $"from event {head.Sequence}"), ct);
        return true;
    }
}
