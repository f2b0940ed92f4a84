using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Crossing.Core.Security.Vault;

/// <summary>How much a field on its own says about a person. An index on low-entropy fields alone is refused.</summary>
public enum FieldEntropy
{
    /// <summary>Few possible values (sex, a yes/no flag, a surname, a birth year): alone it partitions people into a few large groups.</summary>
    Low,

    /// <summary>Many possible values (a full name key, a full date of birth with a name).</summary>
    High,
}

public sealed record IndexedField(string Name, FieldEntropy Entropy);

public sealed class LowEntropyBlindIndexException(string message) : Exception(message);

/// <summary>
/// A keyed, truncated hash over normalised field values. The bit length follows from the expected record
/// count so that each value is shared, on average, by at least <see cref="MinimumBucketSize"/> records at
/// full size: a match means "possibly the same", never proof. See docs/blind-indexes.md for the budget.
/// </summary>
public sealed class BlindIndexDefinition
{
    public const int MinimumBucketSize = 4;
    public const int MinimumBits = 8;
    public const int MaximumBits = 32;

    public BlindIndexDefinition(string name, int expectedRecords, params IndexedField[] fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (fields.Length == 0)
            throw new ArgumentException("A blind index needs at least one field.", nameof(fields));
        if (fields.All(f => f.Entropy == FieldEntropy.Low))
            throw new LowEntropyBlindIndexException(
                $"Blind index '{name}' would be defined on low-entropy fields alone ({string.Join(", ", fields.Select(f => f.Name))}); its values would identify groups of people. Combine them with a high-entropy field.");
        if (expectedRecords < 1)
            throw new ArgumentOutOfRangeException(nameof(expectedRecords), "Expected record count must be positive.");
        Name = name;
        ExpectedRecords = expectedRecords;
        Fields = fields;
        Bits = BitsFor(expectedRecords);
    }

    public string Name { get; }
    public int ExpectedRecords { get; }
    public IReadOnlyList<IndexedField> Fields { get; }
    public int Bits { get; }

    /// <summary>floor(log2(N / k)), clamped to [8, 32]: at N records each of the 2^bits values holds at least k of them.</summary>
    public static int BitsFor(int expectedRecords)
    {
        var buckets = Math.Max(1, expectedRecords / MinimumBucketSize);
        var bits = (int)Math.Floor(Math.Log2(buckets));
        return Math.Clamp(bits, MinimumBits, MaximumBits);
    }
}

/// <summary>
/// Computes blind-index values. Per-index keys are derived with HKDF from the index root key, which is itself
/// a data key wrapped by the master key, so master-key rotation does not change any index value.
/// </summary>
public sealed class BlindIndexer
{
    private readonly byte[] rootKey;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> indexKeys = new(StringComparer.Ordinal);

    public BlindIndexer(byte[] rootKey)
    {
        if (rootKey.Length != 32)
            throw new ArgumentException("The index root key must be 32 bytes.", nameof(rootKey));
        this.rootKey = (byte[])rootKey.Clone();
    }

    public int Compute(BlindIndexDefinition index, params string[] normalisedValues)
    {
        if (normalisedValues.Length != index.Fields.Count)
            throw new ArgumentException($"Index '{index.Name}' takes {index.Fields.Count} values.", nameof(normalisedValues));
        var indexKey = indexKeys.GetOrAdd(index.Name, name =>
            HKDF.DeriveKey(HashAlgorithmName.SHA256, rootKey, 32, salt: [], info: Encoding.UTF8.GetBytes("crossing/blind-index/v1/" + name)));
        var message = Encoding.UTF8.GetBytes(string.Join('\u001f', normalisedValues));
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(indexKey, message, mac);
        var value = BinaryPrimitives.ReadUInt32BigEndian(mac);
        return (int)(value >> (32 - index.Bits));
    }
}
