using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Security.Access;

/// <summary>
/// Sealed fields of records, opened for a named purpose. The only way feature code opens a record's data key
/// (an architecture test holds every other caller of <see cref="Vault.Vault.OpenRecordKeyAsync"/> to this
/// folder). Identity reads are audited one by one; look-ups that decrypt names to compare them are audited once
/// per look-up; other purposes may open only the fields they name.
/// </summary>
public sealed class SealedReader(Vault.Vault vault, IAuditLog audit)
{
    /// <summary>Every sealed field of one record the caller may see; writes <c>ENTITY.identity.read</c> with the record's code.</summary>
    public async Task<OpenedRecord> OpenIdentityAsync(StaffCaller caller, string entityType, string recordId, string code, CancellationToken ct = default)
    {
        var key = await vault.OpenRecordKeyAsync(entityType, recordId, ct);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, entityType + ".identity.read", code), ct);
        return new OpenedRecord(key, null);
    }

    /// <summary>
    /// Every sealed field of several records the caller's query returned (a list a person asked to see); one audit
    /// event <c>ENTITY.identity.read</c> naming the single code, or how many records were read.
    /// </summary>
    public async Task<Dictionary<string, OpenedRecord>> OpenIdentitiesAsync(
        StaffCaller caller, string entityType, IReadOnlyCollection<(string RecordId, string Code)> records, CancellationToken ct = default)
    {
        if (records.Count == 0)
            return [];
        var what = records.Count == 1 ? records.First().Code : $"{records.Count} records";
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, entityType + ".identity.read", what), ct);
        return await OpenManyAsync(entityType, [.. records.Select(r => r.RecordId)], null, ct);
    }

    /// <summary>
    /// An existing record's key to seal new values into it (a field completed later); not a read, so not audited.
    /// The key opens nothing by itself: the caller must not use it to read (reads go through the methods above).
    /// </summary>
    public Task<RecordKey> OpenForSealingAsync(string entityType, string recordId, CancellationToken ct = default) =>
        vault.OpenRecordKeyAsync(entityType, recordId, ct);

    /// <summary>
    /// Names (and what else <paramref name="fields"/> lists) of candidate records, decrypted only to be compared.
    /// One audit event <c>ENTITY.match</c> per look-up; a shredded record is simply absent.
    /// </summary>
    public async Task<Dictionary<string, OpenedRecord>> OpenForMatchingAsync(
        string actor, string entityType, IReadOnlyCollection<string> recordIds, IReadOnlySet<string> fields, string? code, CancellationToken ct = default)
    {
        await audit.AppendAsync(new AuditEntry(actor, entityType + ".match", code), ct);
        return await OpenManyAsync(entityType, recordIds, fields, ct);
    }

    /// <summary>
    /// Non-identifying sealed fields (such as urgency factors, to explain a triage score) of records the caller's
    /// query already returned; only the <paramref name="fields"/> named can be opened. Not audited one by one.
    /// </summary>
    public Task<Dictionary<string, OpenedRecord>> OpenFieldsAsync(string entityType, IReadOnlyCollection<string> recordIds, IReadOnlySet<string> fields, CancellationToken ct = default) =>
        OpenManyAsync(entityType, recordIds, fields, ct);

    /// <summary>
    /// Contact fields (such as a donor's e-mail and name) of records, opened to deliver something to the person
    /// themselves, such as a receipt. Only the <paramref name="fields"/> named can be opened; one audit event
    /// <c>ENTITY.contact.open:PURPOSE</c> naming the single code, or how many records were opened.
    /// </summary>
    public async Task<Dictionary<string, OpenedRecord>> OpenForDeliveryAsync(
        string actor, string entityType, IReadOnlyCollection<(string RecordId, string Code)> records, IReadOnlySet<string> fields, string purpose, CancellationToken ct = default)
    {
        if (records.Count == 0)
            return [];
        var what = records.Count == 1 ? records.First().Code : $"{records.Count} records";
        await audit.AppendAsync(new AuditEntry(actor, $"{entityType}.contact.open:{purpose}", what), ct);
        return await OpenManyAsync(entityType, [.. records.Select(r => r.RecordId)], fields, ct);
    }

    private async Task<Dictionary<string, OpenedRecord>> OpenManyAsync(string entityType, IReadOnlyCollection<string> recordIds, IReadOnlySet<string>? fields, CancellationToken ct)
    {
        if (recordIds.Count == 0)
            return [];
        var keys = await vault.OpenRecordKeysAsync(entityType, recordIds, ct);
        return keys.ToDictionary(k => k.Key, k => new OpenedRecord(k.Value, fields), StringComparer.Ordinal);
    }
}

/// <summary>A record's data key opened for a purpose: opens only the fields that purpose allows.</summary>
public sealed class OpenedRecord : IDisposable
{
    private readonly RecordKey key;
    private readonly IReadOnlySet<string>? allowed;

    internal OpenedRecord(RecordKey key, IReadOnlySet<string>? allowed)
    {
        this.key = key;
        this.allowed = allowed;
    }

    public string EntityType => key.EntityType;
    public string RecordId => key.RecordId;

    public string Open(string field, SealedValue value)
    {
        if (allowed is not null && !allowed.Contains(field))
            throw new InvalidOperationException($"The field '{field}' is not opened for this purpose.");
        return key.Open(field, value);
    }

    public string? OpenOptional(string field, SealedValue? value) => value is null ? null : Open(field, value);

    public void Dispose() => key.Dispose();
}

/// <summary>Disposes every opened record of a batch.</summary>
public static class OpenedRecords
{
    public static void DisposeAll(this Dictionary<string, OpenedRecord> records)
    {
        foreach (var record in records.Values)
            record.Dispose();
    }
}
