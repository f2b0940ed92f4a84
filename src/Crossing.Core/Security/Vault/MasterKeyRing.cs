namespace Crossing.Core.Security.Vault;

/// <summary>
/// The master keys this process can use. The current key wraps new data keys; a pending key exists only
/// while a rotation is between re-wrapping the data keys and replacing the key file.
/// </summary>
public sealed class MasterKeyRing
{
    public const string EnvironmentVariable = "CROSSING_MASTER_KEY";

    private readonly Dictionary<string, MasterKey> keys;

    public MasterKeyRing(MasterKey current, params MasterKey[] others)
    {
        Current = current;
        keys = new Dictionary<string, MasterKey>(StringComparer.Ordinal) { [current.Id] = current };
        foreach (var k in others)
            keys[k.Id] = k;
    }

    public MasterKey Current { get; }

    public IEnumerable<MasterKey> All => keys.Values;

    public MasterKeyRing With(MasterKey extra) => new(Current, [.. keys.Values.Where(k => k.Id != Current.Id), extra]);

    public MasterKey Find(string id) =>
        keys.TryGetValue(id, out var key)
            ? key
            : throw new VaultConfigurationException($"A data key is wrapped by master key {id}, which is not available. Check the key file or {EnvironmentVariable}.");

    public static string KeyFilePath(string dataDirectory) => Path.Combine(dataDirectory, "keys", "master.key");

    public static string PendingKeyFilePath(string dataDirectory) => Path.Combine(dataDirectory, "keys", "master.key.next");

    /// <summary>Loads the ring from the environment when set, else from the data folder's key file.</summary>
    public static MasterKeyRing Load(string dataDirectory, string? environmentKey)
    {
        if (!string.IsNullOrWhiteSpace(environmentKey))
            return new MasterKeyRing(MasterKey.FromBase64(environmentKey, EnvironmentVariable));

        var path = KeyFilePath(dataDirectory);
        if (!File.Exists(path))
            throw new VaultConfigurationException($"No master key at {path}. Run `crossing init --data {dataDirectory}` first, or set {EnvironmentVariable}.");
        var current = ReadKeyFile(path);
        var pendingPath = PendingKeyFilePath(dataDirectory);
        return File.Exists(pendingPath)
            ? new MasterKeyRing(current, ReadKeyFile(pendingPath))
            : new MasterKeyRing(current);
    }

    /// <summary>Creates the key file with owner-only permissions; refuses to overwrite one.</summary>
    public static MasterKey CreateKeyFile(string path)
    {
        if (File.Exists(path))
            throw new VaultConfigurationException($"A master key already exists at {path}; it is never overwritten.");
        var key = MasterKey.Generate();
        WriteKeyFile(path, key);
        return key;
    }

    internal static void WriteKeyFile(string path, MasterKey key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(key.ToFileText());
    }

    private static MasterKey ReadKeyFile(string path)
    {
        EnsureOwnerOnly(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new VaultConfigurationException($"The key file {path} cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new VaultConfigurationException($"The key file {path} cannot be read by this user.");
        }
        return MasterKey.FromFileText(text, path);
    }

    public static void EnsureOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode groupOrOthers =
            UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & groupOrOthers) != 0)
            throw new VaultConfigurationException(
                $"The key file {path} is readable by group or others (mode {Convert.ToString((int)mode, 8)}). Run `chmod 600 {path}` and start again.");
    }
}
