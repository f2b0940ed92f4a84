using Crossing.Core.Security.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Cases;

/// <summary>
/// Keeps the blind indexer for the life of the process, so a look-up does not unwrap the index root key on every
/// request. Safe: the root key never changes (master-key rotation re-wraps it, the plaintext stays the same), and
/// this process already holds the master key that unwraps it.
/// </summary>
public sealed class CaseIndexerCache(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private BlindIndexer? indexer;

    public async Task<BlindIndexer> GetAsync(CancellationToken ct = default)
    {
        if (indexer is not null)
            return indexer;
        await gate.WaitAsync(ct);
        try
        {
            if (indexer is null)
            {
                // Its own scope: creating the root key on first use saves it, and must not save a caller's pending changes.
                await using var scope = scopes.CreateAsyncScope();
                indexer = await scope.ServiceProvider.GetRequiredService<BlindIndexStore>().IndexerAsync(ct);
            }
            return indexer;
        }
        finally
        {
            gate.Release();
        }
    }
}
