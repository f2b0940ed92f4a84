using System.Security.Cryptography;
using System.Text;
using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Vault;

/// <summary>Hands out per-record keys. New keys are added to the unit of work and saved with the record.</summary>
public sealed class Vault(CrossingDbContext db, MasterKeyRing ring, TimeProvider time)
{
    public RecordKey CreateRecordKey(string entityType, string recordId)
    {
        var (row, plain) = DataKey.Create(entityType, recordId, ring.Current, time.GetUtcNow());
        db.DataKeys.Add(row);
        return new RecordKey(entityType, recordId, plain);
    }

    /// <summary>
    /// A new record key whose row the caller writes itself, in the same transaction as the record (bulk imports write
    /// rows with prepared commands instead of the unit of work).
    /// </summary>
    public (RecordKey Key, DataKey Row) CreateDetachedRecordKey(string entityType, string recordId)
    {
        var (row, plain) = DataKey.Create(entityType, recordId, ring.Current, time.GetUtcNow());
        return (new RecordKey(entityType, recordId, plain), row);
    }

    /// <summary>Opens a record's key; a shredded or missing key raises <see cref="VaultDecryptionException"/>.</summary>
    public async Task<RecordKey> OpenRecordKeyAsync(string entityType, string recordId, CancellationToken ct = default)
    {
        var row = await db.DataKeys.AsNoTracking()
            .SingleOrDefaultAsync(k => k.EntityType == entityType && k.RecordId == recordId, ct);
        if (row is null)
            throw new VaultDecryptionException($"The data key of {entityType} {recordId} does not exist (never created, or shredded).");
        return new RecordKey(entityType, recordId, row.Unwrap(ring));
    }

    /// <summary>Opens the keys of several records in one query; records without a key are left out.</summary>
    public async Task<Dictionary<string, RecordKey>> OpenRecordKeysAsync(string entityType, IReadOnlyCollection<string> recordIds, CancellationToken ct = default)
    {
        var rows = await db.DataKeys.AsNoTracking()
            .Where(k => k.EntityType == entityType && recordIds.Contains(k.RecordId))
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.RecordId, r => new RecordKey(entityType, r.RecordId, r.Unwrap(ring)), StringComparer.Ordinal);
    }

    /// <summary>Crypto-shredding: deletes the record's data key so its fields are unreadable everywhere.</summary>
    public async Task<bool> ShredAsync(string entityType, string recordId, CancellationToken ct = default)
    {
        var deleted = await db.DataKeys
            .Where(k => k.EntityType == entityType && k.RecordId == recordId)
            .ExecuteDeleteAsync(ct);
        return deleted > 0;
    }
}

/// <summary>An opened data key for one record. Dispose it when done so the key bytes are wiped.</summary>
public sealed class RecordKey : IDisposable
{
    private readonly byte[] key;

    internal RecordKey(string entityType, string recordId, byte[] key)
    {
        EntityType = entityType;
        RecordId = recordId;
        this.key = key;
    }

    public string EntityType { get; }
    public string RecordId { get; }

    public SealedValue Seal(string field, string plaintext)
    {
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return new SealedValue(FieldCipher.Encrypt(key, bytes, FieldCipher.FieldAssociatedData(EntityType, RecordId, field)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public SealedValue? SealOptional(string field, string? plaintext) =>
        string.IsNullOrEmpty(plaintext) ? null : Seal(field, plaintext);

    public string Open(string field, SealedValue value)
    {
        var bytes = FieldCipher.Decrypt(key, value.Ciphertext, FieldCipher.FieldAssociatedData(EntityType, RecordId, field), $"field {field} of {EntityType} {RecordId}");
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public string? OpenOptional(string field, SealedValue? value) => value is null ? null : Open(field, value);

    /// <summary>Only for the blind-index root, whose key material seeds HKDF rather than encrypting fields.</summary>
    internal byte[] ExportKeyForIndexing() => (byte[])key.Clone();

    public void Dispose() => CryptographicOperations.ZeroMemory(key);
}
