using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crossing.Core.Security.Audit;

public sealed class AuditCheckpointException(string message) : Exception(message);

/// <summary>
/// A signed statement "the chain held <see cref="Events"/> events ending in <see cref="Head"/> at <see cref="Time"/>".
/// Kept off the server, it detects a chain rewritten wholesale (every hash recomputed), which the chain alone cannot.
/// The signed canonical string and the file format are documented in docs/audit-format.md; keep the two in step.
/// </summary>
public sealed record AuditCheckpoint(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("publicKey")] string PublicKey,
    [property: JsonPropertyName("signature")] string Signature)
{
    public const string FormatV1 = "crossing-audit-checkpoint/v1";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string CanonicalForm(long events, string head, string time) =>
        string.Join('\n', FormatV1, events.ToString(CultureInfo.InvariantCulture), head, time);

    public static string FormatTime(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Signs with the private key; the public key travels in the checkpoint as base64 SubjectPublicKeyInfo.</summary>
    public static AuditCheckpoint Sign(long events, string head, DateTimeOffset at, ECDsa key)
    {
        var time = FormatTime(at);
        var signature = key.SignData(Encoding.UTF8.GetBytes(CanonicalForm(events, head, time)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new AuditCheckpoint(FormatV1, events, head, time, Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(signature));
    }

    /// <summary>SHA-256 of the public key's DER, in hex: what an auditor compares against the fingerprint they wrote down.</summary>
    [JsonIgnore]
    public string PublicKeyFingerprint => Convert.ToHexStringLower(SHA256.HashData(DecodeBase64(PublicKey, "publicKey")));

    public bool SignatureIsValid()
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(DecodeBase64(PublicKey, "publicKey"), out _);
        }
        catch (CryptographicException)
        {
            throw new AuditCheckpointException("The checkpoint's publicKey is not an EC public key.");
        }
        if (key.KeySize != 256)
            throw new AuditCheckpointException("The checkpoint's publicKey is not a P-256 key.");
        return key.VerifyData(Encoding.UTF8.GetBytes(CanonicalForm(Events, Head, Time)), DecodeBase64(Signature, "signature"),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses and checks the shape of a checkpoint file; the signature is checked by <see cref="SignatureIsValid"/>.</summary>
    public static AuditCheckpoint Parse(string text)
    {
        AuditCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(text);
        }
        catch (JsonException)
        {
            throw new AuditCheckpointException("The checkpoint file is not valid JSON.");
        }
        if (checkpoint is null || checkpoint.Format != FormatV1)
            throw new AuditCheckpointException($"The checkpoint file is not a Crossing audit checkpoint (format {FormatV1} expected).");
        if (checkpoint.Events < 0)
            throw new AuditCheckpointException("The checkpoint's event count is negative.");
        if (checkpoint.Head is not { Length: 64 } || !checkpoint.Head.All(Uri.IsHexDigit) || checkpoint.Head != checkpoint.Head.ToLowerInvariant())
            throw new AuditCheckpointException("The checkpoint's head is not 64 lower-case hex digits.");
        if (checkpoint.Time is null || !DateTime.TryParseExact(checkpoint.Time, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
            throw new AuditCheckpointException($"The checkpoint's time is not in the form {TimeFormat.Replace("'", "", StringComparison.Ordinal)}.");
        if (string.IsNullOrEmpty(checkpoint.PublicKey) || string.IsNullOrEmpty(checkpoint.Signature))
            throw new AuditCheckpointException("The checkpoint has no publicKey or no signature.");
        return checkpoint;
    }

    private static byte[] DecodeBase64(string value, string field)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new AuditCheckpointException($"The checkpoint's {field} is not valid base64.");
        }
    }
}
