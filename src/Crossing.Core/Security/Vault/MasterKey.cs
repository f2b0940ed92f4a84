using System.Security.Cryptography;
using System.Text.Json;

namespace Crossing.Core.Security.Vault;

/// <summary>A 256-bit key that wraps data keys. Its id is derived from the key so it never needs storing beside it.</summary>
public sealed class MasterKey
{
    public const int KeySize = 32;

    private readonly byte[] key;

    public MasterKey(byte[] key)
    {
        if (key.Length != KeySize)
            throw new VaultConfigurationException($"A master key must be {KeySize} bytes; this one is {key.Length}.");
        this.key = (byte[])key.Clone();
        Id = Convert.ToHexStringLower(SHA256.HashData([.. "crossing/master-key-id/v1"u8, .. key]))[..16];
    }

    public string Id { get; }

    internal ReadOnlySpan<byte> Bytes => key;

    public static MasterKey Generate() => new(RandomNumberGenerator.GetBytes(KeySize));

    public static MasterKey FromBase64(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new VaultConfigurationException($"The master key in {source} is not valid base64.");
        }
        if (bytes.Length != KeySize)
            throw new VaultConfigurationException($"The master key in {source} must decode to {KeySize} bytes; it decodes to {bytes.Length}.");
        return new MasterKey(bytes);
    }

    internal string ToFileText() =>
        JsonSerializer.Serialize(new MasterKeyFile("crossing-master-key/v1", Id, Convert.ToBase64String(key)));

    internal static MasterKey FromFileText(string text, string path)
    {
        MasterKeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<MasterKeyFile>(text);
        }
        catch (JsonException)
        {
            throw new VaultConfigurationException($"The key file {path} is not a Crossing master key file (it is not valid JSON).");
        }
        if (file is null || file.Format != "crossing-master-key/v1" || string.IsNullOrEmpty(file.Key))
            throw new VaultConfigurationException($"The key file {path} is not a Crossing master key file (format crossing-master-key/v1 expected).");
        var key = FromBase64(file.Key, path);
        if (file.Id != key.Id)
            throw new VaultConfigurationException($"The key file {path} is damaged: its id does not match its key.");
        return key;
    }

    private sealed record MasterKeyFile(string Format, string Id, string Key);
}

public sealed class VaultConfigurationException(string message) : Exception(message);

/// <summary>Raised when a ciphertext cannot be opened: tampered, moved to another record or field, or its key shredded.</summary>
public sealed class VaultDecryptionException(string message) : Exception(message);
