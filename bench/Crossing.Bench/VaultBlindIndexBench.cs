using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Bench;

/// <summary>Blind-index values (HKDF-derived key, HMAC-SHA256, truncation) and candidate lookups in the database.</summary>
public static class VaultBlindIndexBench
{
    private const int Records = 50_000;
    private static readonly IndexedField NameKey = new("nameKey", FieldEntropy.High);
    private static readonly IndexedField BirthYear = new("birthYear", FieldEntropy.Low);
    private static readonly BlindIndexDefinition Name = new("bench-name", Records, NameKey);
    private static readonly BlindIndexDefinition NameYear = new("bench-name-year", Records, NameKey, BirthYear);

    public static async Task<int> RunAsync(string[] args)
    {
        Bench.Configure(args);
        var indexer = new BlindIndexer(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string[] spellings = ["gimjihyeon", "kimjihyun", "kimchihyon", "gimjihyun", "kimjihyeon", "gimchihyeon"];
        var i = 0;

        Bench.Header($"Blind index: computing values ({Name.Bits} bits for {Records:N0} expected records)");
        Bench.Measure("one field (romanised name key)", () => indexer.Compute(Name, spellings[i++ % spellings.Length]));
        Bench.Measure("two fields (name key + birth year)", () => indexer.Compute(NameYear, spellings[i++ % spellings.Length], "1990"));
        Bench.Measure("a lookup's 6 spelling variants (per lookup)", () =>
        {
            foreach (var s in spellings)
                indexer.Compute(Name, s);
        });

        await using var store = await VaultBenchStore.CreateAsync(args);
        await FillAsync(store);
        await using var scope = store.Scope();
        var index = scope.ServiceProvider.GetRequiredService<BlindIndexStore>();
        var probes = Enumerable.Range(0, 256).Select(n => new[] { NameFor(n * 97) }).ToList();
        var next = 0;
        var candidates = 0L;
        var lookups = 0L;
        Bench.Header($"Blind index: candidate lookups on {store.ProviderName} ({Records:N0} records, one entry each)");
        await Bench.MeasureAsync("candidates for one name", async () =>
        {
            candidates += (await index.CandidatesAsync(Name, "case", [probes[next++ % probes.Count]])).Count;
            lookups++;
        });
        await Bench.MeasureAsync("candidates for 6 spelling variants", async () =>
        {
            var start = next++;
            candidates += (await index.CandidatesAsync(Name, "case", Enumerable.Range(start, 6).Select(n => probes[n % probes.Count]))).Count;
            lookups += 6;
        });
        Console.WriteLine($"  average candidates per name: {(double)candidates / lookups:N1} (bucket size target ≥ {BlindIndexDefinition.MinimumBucketSize}; {Records:N0} / 2^{Name.Bits} = {(double)Records / (1 << Name.Bits):N1})");
        return 0;
    }

    private static string NameFor(int n) => $"name{n:D6}";

    private static async Task FillAsync(VaultBenchStore store)
    {
        // Entries are added directly (ReplaceAsync would first query each record's old entries).
        const int batch = 10_000;
        for (var start = 0; start < Records; start += batch)
        {
            await using var scope = store.Scope();
            var indexer = await scope.ServiceProvider.GetRequiredService<BlindIndexStore>().IndexerAsync();
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = start; n < Math.Min(Records, start + batch); n++)
                db.BlindIndexEntries.Add(new BlindIndexEntry(Name.Name, indexer.Compute(Name, NameFor(n)), "case", $"C-{n:D6}"));
            await db.SaveChangesAsync();
        }
    }
}
