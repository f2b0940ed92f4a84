using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Vault;

/// <summary>
/// Re-wraps every data key under a new master key without touching any ciphertext.
/// Order matters for crash safety: the new key file is written first (as master.key.next), the data keys are
/// re-wrapped in one transaction, and only then does the new file replace master.key. A crash at any point
/// leaves every record readable, because the ring loads both files while the pending one exists.
/// </summary>
public sealed class KeyRotation(CrossingDbContext db, MasterKeyRing ring)
{
    public sealed record Result(string OldKeyId, string NewKeyId, int DataKeysRewrapped);

    public async Task<Result> RotateKeyFileAsync(string dataDirectory, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var pendingPath = MasterKeyRing.PendingKeyFilePath(dataDirectory);
        if (File.Exists(pendingPath))
        {
            // An earlier rotation stopped part-way. If it committed, its key is the real one: finish its swap.
            var pending = MasterKeyRing.Load(dataDirectory, null).All.First(k => k.Id != ring.Current.Id);
            if (await db.DataKeys.AnyAsync(k => k.MasterKeyId == pending.Id, ct))
                File.Move(pendingPath, MasterKeyRing.KeyFilePath(dataDirectory), overwrite: true);
            else
                File.Delete(pendingPath);
        }
        var next = MasterKey.Generate();
        MasterKeyRing.WriteKeyFile(pendingPath, next);
        var count = await RewrapAllAsync(next, progress, ct);
        File.Move(pendingPath, MasterKeyRing.KeyFilePath(dataDirectory), overwrite: true);
        return new Result(ring.Current.Id, next.Id, count);
    }

    /// <summary>For a master key supplied by the environment: re-wraps under <paramref name="next"/>; the operator then swaps the variable.</summary>
    public async Task<int> RewrapAllAsync(MasterKey next, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var extended = ring.With(next);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var keys = await db.DataKeys.ToListAsync(ct);
        var done = 0;
        foreach (var key in keys)
        {
            key.Rewrap(extended, next);
            done++;
            if (done % 500 == 0 || done == keys.Count)
                progress?.Report((done, keys.Count));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return keys.Count;
    }
}
