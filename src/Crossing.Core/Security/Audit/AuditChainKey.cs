using System.Security.Cryptography;
using System.Text;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Audit;

/// <summary>
/// The key that MACs the audit chain (events of version 2 and the head row). Derived with HKDF from the audit root,
/// which is a data key wrapped by the master key like the blind-index root: master-key rotation re-wraps the root and
/// leaves every MAC valid, and a database writer without the master key cannot compute one.
/// </summary>
public sealed class AuditChainKey
{
    public const string Info = "crossing/audit-chain/v2";
    private readonly byte[] key;

    public AuditChainKey(byte[] macKey)
    {
        if (macKey.Length != 32)
            throw new ArgumentException("The audit chain key is 32 bytes.", nameof(macKey));
        key = (byte[])macKey.Clone();
    }

    public static AuditChainKey FromRoot(byte[] root) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, root, 32, salt: [], info: Encoding.UTF8.GetBytes(Info)));

    /// <summary>Lower-case hex of HMAC-SHA256 over the UTF-8 text.</summary>
    public string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));

    /// <summary>The MAC of the head row: binds the newest sequence to its hash, so the head cannot be moved back.</summary>
    public string HeadMac(long sequence, string hash) => Mac(AuditHead.CanonicalForm(sequence, hash));

    public bool Matches(string text, string? mac) =>
        mac is { Length: 64 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(text)), Encoding.ASCII.GetBytes(mac));

    /// <summary>For `crossing audit export-key`, so an independent verifier can check the MACs.</summary>
    public string ToHex() => Convert.ToHexStringLower(key);
}

/// <summary>The chain key once a scope has opened it: master-key rotation does not change it, so a process opens it once.</summary>
public sealed class AuditChainKeyCache
{
    internal AuditChainKey? Key { get; set; }
}

/// <summary>Opens (or, on first use, creates) the audit root data key and derives the chain key from it.</summary>
public sealed class AuditChainKeys(CrossingDbContext db, Vault.Vault vault, AuditChainKeyCache? cache = null)
{
    internal const string RootEntityType = "audit-chain";
    internal const string RootRecordId = "root";
    private AuditChainKey? opened = cache?.Key;

    /// <summary>The key, or null when this database has never had one (a log written before keyed chaining).</summary>
    public async Task<AuditChainKey?> FindAsync(CancellationToken ct = default)
    {
        if (opened is not null)
            return opened;
        if (!await db.DataKeys.AnyAsync(k => k.EntityType == RootEntityType && k.RecordId == RootRecordId, ct))
            return null;
        using var root = await vault.OpenRecordKeyAsync(RootEntityType, RootRecordId, ct);
        var material = root.ExportKeyForIndexing();
        try
        {
            opened = AuditChainKey.FromRoot(material);
            if (cache is not null)
                cache.Key = opened;
            return opened;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Creates the root in the current unit of work when missing (saved with the event that first uses it).</summary>
    public async Task<AuditChainKey> GetOrCreateAsync(CancellationToken ct = default)
    {
        if (await FindAsync(ct) is { } key)
            return key;
        using var root = vault.CreateRecordKey(RootEntityType, RootRecordId);
        var material = root.ExportKeyForIndexing();
        try
        {
            return opened = AuditChainKey.FromRoot(material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
