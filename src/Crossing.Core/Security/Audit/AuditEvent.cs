using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crossing.Core.Security.Audit;

/// <summary>
/// One link of the chain. Holds who, what, which record code, when and the outcome: never identity data.
/// Version 2 events (all new ones) carry HMAC-SHA256 under the audit chain key; version 1 events, written before
/// keyed chaining, carry plain SHA-256. The canonical form is documented in docs/audit-format.md; keep the two in step.
/// </summary>
public sealed class AuditEvent
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    public const int LegacyVersion = 1;
    public const int KeyedVersion = 2;

    private AuditEvent()
    {
        Actor = Action = Outcome = PreviousHash = Hash = "";
    }

    public long Sequence { get; private set; }
    public int Version { get; private set; } = LegacyVersion;
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; }
    public string Action { get; private set; }
    public string? RecordCode { get; private set; }
    public string Outcome { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    internal static AuditEvent Next(long sequence, string previousHash, AuditEntry entry, DateTimeOffset at, AuditChainKey key)
    {
        var ev = new AuditEvent
        {
            Sequence = sequence,
            Version = KeyedVersion,
            // Microsecond precision: what both SQLite (as stored here) and PostgreSQL keep exactly.
            At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero),
            Actor = entry.Actor,
            Action = entry.Action,
            RecordCode = entry.RecordCode,
            Outcome = entry.Outcome,
            PreviousHash = previousHash,
        };
        ev.Hash = ev.ComputeHash(key)!;
        return ev;
    }

    public string CanonicalForm() => string.Join('\n',
        "crossing-audit/v" + Version.ToString(CultureInfo.InvariantCulture),
        Sequence.ToString(CultureInfo.InvariantCulture),
        At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        Escape(Actor),
        Escape(Action),
        Escape(RecordCode ?? ""),
        Escape(Outcome),
        PreviousHash);

    /// <summary>What <see cref="Hash"/> must be: SHA-256 for a version 1 event, HMAC-SHA256 under the key for version 2; null when it cannot be computed.</summary>
    public string? ComputeHash(AuditChainKey? key) => Version switch
    {
        LegacyVersion => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalForm()))),
        KeyedVersion when key is not null => key.Mac(CanonicalForm()),
        _ => null,
    };

    // A value cannot forge a field boundary: backslash and newline are escaped.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

/// <summary>What a caller asks to be recorded. Record codes are pseudonymous (C-7K3Q), never names.</summary>
public sealed record AuditEntry(string Actor, string Action, string? RecordCode = null, string Outcome = "ok")
{
    public AuditEntry Validated()
    {
        foreach (var (name, value) in new[] { ("actor", Actor), ("action", Action), ("outcome", Outcome) })
            if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
                throw new ArgumentException($"Audit {name} must be 1 to 200 characters.");
        if (RecordCode is { Length: > 64 })
            throw new ArgumentException("Audit record code must be at most 64 characters.");
        return this;
    }
}

/// <summary>
/// The last event's sequence and hash, kept in its own row so that deleting the newest events is detected, and MACed
/// under the audit chain key so that a database writer cannot set it back (only replay an older copy of the row,
/// which a checkpoint kept elsewhere reveals).
/// </summary>
public sealed class AuditHead
{
    private AuditHead()
    {
        Hash = AuditEvent.GenesisHash;
    }

    public int Id { get; private set; } = 1;
    public long Sequence { get; private set; }
    public string Hash { get; private set; }

    /// <summary>HMAC of <see cref="CanonicalForm"/>; null only on a log never appended to since keyed chaining arrived.</summary>
    public string? Mac { get; private set; }

    public static string CanonicalForm(long sequence, string hash) =>
        string.Join('\n', "crossing-audit-head/v2", sequence.ToString(CultureInfo.InvariantCulture), hash);

    internal static AuditHead Empty() => new();

    internal void Advance(AuditEvent ev, AuditChainKey key)
    {
        Sequence = ev.Sequence;
        Hash = ev.Hash;
        Mac = key.HeadMac(Sequence, Hash);
    }
}
