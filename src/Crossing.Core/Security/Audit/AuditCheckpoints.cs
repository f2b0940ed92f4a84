using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Audit;

public sealed record CheckpointCheck(bool Holds, AuditCheckpoint Checkpoint, AuditVerification Chain, bool SignedByThisDataFolder, string? Problem);

/// <summary>Signs the verified head of the chain, and checks a checkpoint kept elsewhere against the chain as it is now.</summary>
public sealed class AuditCheckpoints(CrossingDbContext db, AuditVerifier verifier, IAuditLog audit, TimeProvider time)
{
    /// <summary>Records the checkpoint as an event, then signs the head only if the whole chain (that event included) verifies.</summary>
    public async Task<AuditCheckpoint> CreateAsync(string dataDirectory, string actor, CancellationToken ct = default)
    {
        using var key = AuditCheckpointKey.Load(dataDirectory);
        await audit.AppendAsync(new AuditEntry(actor, "audit.checkpoint"), ct);
        var chain = await verifier.VerifyAsync(ct);
        if (!chain.Intact)
            throw new AuditCheckpointException($"The audit chain is broken, so it cannot be checkpointed: {chain.Problem}.");
        return AuditCheckpoint.Sign(chain.Events, chain.Head, time.GetUtcNow(), key);
    }

    /// <summary>The checkpoint holds when its signature is valid, the chain is intact and the checkpointed event is still the one signed.</summary>
    public async Task<CheckpointCheck> CheckAsync(AuditCheckpoint checkpoint, string dataDirectory, CancellationToken ct = default)
    {
        var chain = await verifier.VerifyAsync(ct);
        var ours = SignedByThisDataFolder(checkpoint, dataDirectory);
        if (!checkpoint.SignatureIsValid())
            return new CheckpointCheck(false, checkpoint, chain, ours, "the checkpoint's signature does not match its content: the checkpoint file was altered");
        if (!chain.Intact)
            return new CheckpointCheck(false, checkpoint, chain, ours, chain.Problem);
        if (checkpoint.Events > chain.Events)
            return new CheckpointCheck(false, checkpoint, chain, ours,
                $"the checkpoint covers {checkpoint.Events} events but the chain now holds {chain.Events}: events after {chain.Events} were deleted");
        var storedHash = checkpoint.Events == 0
            ? AuditEvent.GenesisHash
            : await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == checkpoint.Events).Select(e => e.Hash).SingleAsync(ct);
        if (storedHash != checkpoint.Head)
            return new CheckpointCheck(false, checkpoint, chain, ours,
                $"event {checkpoint.Events} is no longer the event the checkpoint signed: the chain up to it was rewritten");
        return new CheckpointCheck(true, checkpoint, chain, ours, null);
    }

    private static bool SignedByThisDataFolder(AuditCheckpoint checkpoint, string dataDirectory)
    {
        if (!File.Exists(AuditCheckpointKey.PathIn(dataDirectory)))
            return false;
        using var key = AuditCheckpointKey.Load(dataDirectory);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) == checkpoint.PublicKey;
    }
}
