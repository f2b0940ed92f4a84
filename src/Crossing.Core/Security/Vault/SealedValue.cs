namespace Crossing.Core.Security.Vault;

/// <summary>
/// A sensitive field as stored: ciphertext only. Entities hold sensitive fields as this type, so feature code
/// cannot put plaintext where a sensitive field belongs; only <see cref="RecordKey.Seal"/> makes one.
/// </summary>
public sealed class SealedValue : IEquatable<SealedValue>
{
    internal SealedValue(byte[] ciphertext) => Ciphertext = ciphertext;

    internal byte[] Ciphertext { get; }

    public int Length => Ciphertext.Length;

    public bool Equals(SealedValue? other) => other is not null && Ciphertext.AsSpan().SequenceEqual(other.Ciphertext);

    public override bool Equals(object? obj) => Equals(obj as SealedValue);

    public override int GetHashCode() => Ciphertext.Length == 0 ? 0 : HashCode.Combine(Ciphertext.Length, Ciphertext[^1]);

    public override string ToString() => "[sealed]";

    /// <summary>For the storage layer only: rebuilds the value from stored bytes.</summary>
    public static SealedValue FromStorage(byte[] ciphertext) => new((byte[])ciphertext.Clone());

    public byte[] ToStorage() => (byte[])Ciphertext.Clone();
}
