using System.Security.Cryptography;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Security.Audit;

/// <summary>The ECDSA P-256 key that signs audit checkpoints: a PKCS#8 PEM file in the data folder, owner-only.</summary>
public static class AuditCheckpointKey
{
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "keys", "audit-signing.pem");

    /// <summary>Creates the key file when missing; never overwrites one. Returns whether it created it.</summary>
    public static bool EnsureCreated(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (File.Exists(path))
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        return true;
    }

    /// <summary>Loads the signing key, refusing a file that group or others can read.</summary>
    public static ECDsa Load(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
            throw new AuditCheckpointException($"No audit signing key at {path}. Run `crossing init --data {dataDirectory}` to create it.");
        MasterKeyRing.EnsureOwnerOnly(path);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new AuditCheckpointException($"The audit signing key {path} is not a PEM-encoded EC private key.");
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new AuditCheckpointException($"The audit signing key {path} is not a P-256 key.");
        }
        return key;
    }
}
