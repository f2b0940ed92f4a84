using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Vault;

/// <summary>One blind-index value of one record. Holds no plaintext and no full hash, only the truncated value.</summary>
public sealed class BlindIndexEntry
{
    private BlindIndexEntry()
    {
        IndexName = "";
        EntityType = "";
        RecordId = "";
    }

    internal BlindIndexEntry(string indexName, int value, string entityType, string recordId)
    {
        IndexName = indexName;
        Value = value;
        EntityType = entityType;
        RecordId = recordId;
    }

    public long Id { get; private set; }
    public string IndexName { get; private set; }
    public int Value { get; private set; }
    public string EntityType { get; private set; }
    public string RecordId { get; private set; }
}

/// <summary>Writes and queries blind-index entries. The root key is a data key like any other, created on first use.</summary>
public sealed class BlindIndexStore(CrossingDbContext db, Vault vault)
{
    internal const string RootEntityType = "blind-index";
    internal const string RootRecordId = "root";
    private BlindIndexer? indexer;

    public async Task<BlindIndexer> IndexerAsync(CancellationToken ct = default)
    {
        if (indexer is not null)
            return indexer;
        var exists = await db.DataKeys.AnyAsync(k => k.EntityType == RootEntityType && k.RecordId == RootRecordId, ct);
        if (!exists)
        {
            using var created = vault.CreateRecordKey(RootEntityType, RootRecordId);
            await db.SaveChangesAsync(ct);
        }
        using var root = await vault.OpenRecordKeyAsync(RootEntityType, RootRecordId, ct);
        indexer = new BlindIndexer(root.ExportKeyForIndexing());
        return indexer;
    }

    /// <summary>Replaces the record's entries for this index with the given value sets (one entry per set). Saved with the unit of work.</summary>
    public async Task ReplaceAsync(BlindIndexDefinition index, string entityType, string recordId, IEnumerable<string[]> valueSets, CancellationToken ct = default)
    {
        var existing = await db.BlindIndexEntries
            .Where(e => e.IndexName == index.Name && e.EntityType == entityType && e.RecordId == recordId)
            .ToListAsync(ct);
        db.BlindIndexEntries.RemoveRange(existing);
        await AddForNewRecordAsync(index, entityType, recordId, valueSets, ct);
    }

    /// <summary>
    /// The entries of a record created in this unit of work, which cannot have any yet: <see cref="ReplaceAsync"/>
    /// without the look-up of old entries (one query less per new donor in a batch of webhook events).
    /// </summary>
    public async Task AddForNewRecordAsync(BlindIndexDefinition index, string entityType, string recordId, IEnumerable<string[]> valueSets, CancellationToken ct = default)
    {
        var idx = await IndexerAsync(ct);
        foreach (var value in valueSets.Select(v => idx.Compute(index, v)).Distinct())
            db.BlindIndexEntries.Add(new BlindIndexEntry(index.Name, value, entityType, recordId));
    }

    /// <summary>Record ids whose entries match any of the value sets: candidates only, to be confirmed by decrypting.</summary>
    public async Task<List<string>> CandidatesAsync(BlindIndexDefinition index, string entityType, IEnumerable<string[]> valueSets, CancellationToken ct = default)
    {
        var idx = await IndexerAsync(ct);
        var values = valueSets.Select(v => idx.Compute(index, v)).Distinct().ToList();
        if (values.Count == 0)
            return [];
        // Filtering the entity type in SQL lets SQLite's planner pick the (EntityType, RecordId) index and scan
        // every entry of the entity (21 ms instead of 0.1 ms at 50 000 entries); matches are few, so filter here.
        var matches = await db.BlindIndexEntries
            .Where(e => e.IndexName == index.Name && values.Contains(e.Value))
            .Select(e => new { e.EntityType, e.RecordId })
            .ToListAsync(ct);
        return [.. matches.Where(m => m.EntityType == entityType).Select(m => m.RecordId).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>An entry for a bulk writer to insert itself, in the same transaction as its record.</summary>
    public static BlindIndexEntry NewEntry(BlindIndexDefinition index, int value, string entityType, string recordId) =>
        new(index.Name, value, entityType, recordId);

    /// <summary>Every entry of one index for one entity type, by value: a bulk import's candidates in one query.</summary>
    public async Task<Dictionary<int, List<string>>> AllEntriesAsync(BlindIndexDefinition index, string entityType, CancellationToken ct = default)
    {
        var rows = await db.BlindIndexEntries.AsNoTracking()
            .Where(e => e.IndexName == index.Name && e.EntityType == entityType)
            .Select(e => new { e.Value, e.RecordId })
            .ToListAsync(ct);
        var byValue = new Dictionary<int, List<string>>();
        foreach (var r in rows)
        {
            if (!byValue.TryGetValue(r.Value, out var list))
                byValue[r.Value] = list = [];
            list.Add(r.RecordId);
        }
        return byValue;
    }

    public Task<int> RemoveAllAsync(string entityType, string recordId, CancellationToken ct = default) =>
        db.BlindIndexEntries.Where(e => e.EntityType == entityType && e.RecordId == recordId).ExecuteDeleteAsync(ct);
}
