using System.Security.Cryptography;
using System.Text;

namespace Crossing.Core.Security.Vault;

/// <summary>
/// AES-256-GCM with a versioned envelope: version (1 byte) | nonce (12) | tag (16) | ciphertext.
/// The associated data binds a ciphertext to its purpose so that it cannot be replayed elsewhere.
/// </summary>
internal static class FieldCipher
{
    public const byte Version1 = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[HeaderSize + plaintext.Length];
        output[0] = Version1;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), associatedData);
        return output;
    }

    public static byte[] Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData, string what)
    {
        if (envelope.Length < HeaderSize)
            throw new VaultDecryptionException($"The {what} is truncated.");
        if (envelope[0] != Version1)
            throw new VaultDecryptionException($"The {what} has unknown format version {envelope[0]}.");
        var plaintext = new byte[envelope.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(envelope.Slice(1, NonceSize), envelope[HeaderSize..], envelope.Slice(1 + NonceSize, TagSize), plaintext, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new VaultDecryptionException($"The {what} failed authentication: it was altered, or belongs to another record or field.");
        }
        return plaintext;
    }

    public static byte[] FieldAssociatedData(string entityType, string recordId, string field) =>
        Encoding.UTF8.GetBytes($"crossing/field/v1\0{entityType}\0{recordId}\0{field}");

    public static byte[] DataKeyAssociatedData(string entityType, string recordId) =>
        Encoding.UTF8.GetBytes($"crossing/data-key/v1\0{entityType}\0{recordId}");
}
