using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Bench;

/// <summary>Field sealing and opening, data-key creation and unwrap, and master-key rotation.</summary>
public static class VaultBench
{
    // 40 UTF-8 bytes: a name with its Hangul spelling, about what one identity field holds.
    private const string IdentityField = "Ms Kim Ji-hyun 김지현 born 1990-03-14";
    private const int KeysInTable = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        Bench.Configure(args);
        await using var store = await VaultBenchStore.CreateAsync(args);
        var note = new string('n', 4096);
        var identityBytes = System.Text.Encoding.UTF8.GetByteCount(IdentityField);

        await using (var scope = store.Scope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            using var key = vault.CreateRecordKey("case", "C-BENCH");
            var sealedIdentity = key.Seal("fullName", IdentityField);
            var sealedNote = key.Seal("notes", note);

            Bench.Header("Vault: AES-256-GCM fields (in memory, one opened record key)");
            Bench.Measure($"seal identity field ({identityBytes} B)", () => key.Seal("fullName", IdentityField), bytesPerOp: identityBytes);
            Bench.Measure($"open identity field ({identityBytes} B)", () => key.Open("fullName", sealedIdentity), bytesPerOp: identityBytes);
            Bench.Measure("seal note (4 KB)", () => key.Seal("notes", note), bytesPerOp: note.Length);
            Bench.Measure("open note (4 KB)", () => key.Open("notes", sealedNote), bytesPerOp: note.Length);

            var ring = scope.ServiceProvider.GetRequiredService<MasterKeyRing>();
            var (row, plain) = DataKey.Create("case", "C-UNWRAP", ring.Current, DateTimeOffset.UtcNow);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plain);
            Bench.Header("Vault: data keys");
            Bench.Measure("create data key (random + wrap, not saved)", () => DataKey.Create("case", "C-NEW", ring.Current, DateTimeOffset.UtcNow));
            Bench.Measure("unwrap data key (in memory)", () => row.Unwrap(ring));
            db.ChangeTracker.Clear();
        }

        await FillKeysAsync(store, KeysInTable);
        await using (var scope = store.Scope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
            var ids = Enumerable.Range(0, 1000).Select(i => RecordId(i * (KeysInTable / 1000))).ToList();
            var next = 0;
            Bench.Header($"Vault: opening keys from {store.ProviderName} ({KeysInTable:N0} data keys stored)");
            await Bench.MeasureAsync("open one record key (query + unwrap)", async () =>
            {
                using var k = await vault.OpenRecordKeyAsync("case", ids[next++ % ids.Count]);
            });
            await Bench.MeasureAsync("open 1 000 record keys in one query (per key)", async () =>
            {
                var keys = await vault.OpenRecordKeysAsync("case", ids);
                foreach (var k in keys.Values)
                    k.Dispose();
            }, opsPerCall: ids.Count);
        }

        Bench.Header($"Vault: master-key rotation on {store.ProviderName} (re-wrap every data key in one transaction)");
        await Bench.MeasureOnceEachAsync($"rotate key file, {KeysInTable:N0} data keys (keys/s)", async () =>
        {
            await using var scope = store.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateKeyFileAsync(store.Storage.DataDirectory);
            await store.ReloadAsync();
            return result.DataKeysRewrapped;
        }, samples: Math.Min(Bench.Rounds, 5));
        return 0;
    }

    private static string RecordId(int i) => $"C-{i:D6}";

    private static async Task FillKeysAsync(VaultBenchStore store, int count)
    {
        const int batch = 2000;
        for (var start = 0; start < count; start += batch)
        {
            await using var scope = store.Scope();
            var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            for (var i = start; i < Math.Min(count, start + batch); i++)
                vault.CreateRecordKey("case", RecordId(i)).Dispose();
            await db.SaveChangesAsync();
        }
        await using var check = store.Scope();
        var stored = await check.ServiceProvider.GetRequiredService<CrossingDbContext>().DataKeys.CountAsync(k => k.EntityType == "case");
        if (stored != count)
            throw new InvalidOperationException($"Expected {count} data keys, found {stored}.");
    }
}
