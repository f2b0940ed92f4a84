using Microsoft.EntityFrameworkCore;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Persistence;

/// <summary>Creating and opening a data folder: the keys, then the database with its migrations.</summary>
public static class DataFolder
{
    public sealed record InitResult(bool CreatedMasterKey, string MasterKeyId);

    /// <summary>
    /// Idempotent: creates what is missing (folder, owner-only key file, schema) and never overwrites a key.
    /// Refuses, changing nothing, when the stored data needs a master key that is not here: a new key would
    /// silently make every existing record unreadable.
    /// </summary>
    public static async Task<InitResult> InitializeAsync(StorageOptions storage, CancellationToken ct = default)
    {
        MasterKeyCheck.RefuseMissingKeyForExistingDatabase(storage);
        Directory.CreateDirectory(storage.DataDirectory);
        var environmentKey = Environment.GetEnvironmentVariable(MasterKeyRing.EnvironmentVariable);
        var created = false;
        if (string.IsNullOrWhiteSpace(environmentKey) && !File.Exists(MasterKeyRing.KeyFilePath(storage.DataDirectory)))
        {
            MasterKeyRing.CreateKeyFile(MasterKeyRing.KeyFilePath(storage.DataDirectory));
            created = true;
        }
        var keys = LoadKeys(storage);
        Secure(storage);
        await using var db = CrossingDatabase.CreateContext(storage);
        await CrossingDatabase.MigrateAsync(db, ct);
        // EF sets WAL only when it creates the file itself; the file made owner-only above is created here instead.
        if (storage.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal';", ct);
        await MasterKeyCheck.RefuseForeignDataKeysAsync(storage, keys, ct);
        await Security.Audit.AuditUpgrade.EnsureKeyedAsync(storage, keys, ct);
        Secure(storage);
        return new InitResult(created, keys.Current.Id);
    }

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The data folder 0700 and the SQLite files 0600, on creation and again at every start (a restore, a copy or a
    /// umask of 022 leaves them readable). A new database file is created empty with 0600 before SQLite opens it:
    /// SQLite gives its -wal and -shm files the mode of the database file.
    /// </summary>
    public static void Secure(StorageOptions storage)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(storage.DataDirectory))
            return;
        File.SetUnixFileMode(storage.DataDirectory, OwnerOnlyFolder);
        if (storage.Provider != DatabaseProvider.Sqlite)
            return;
        if (!File.Exists(storage.SqlitePath))
        {
            using var created = new FileStream(storage.SqlitePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        }
        foreach (var file in new[] { storage.SqlitePath, storage.SqlitePath + "-wal", storage.SqlitePath + "-shm", storage.SqlitePath + "-journal" })
            if (File.Exists(file))
                File.SetUnixFileMode(file, OwnerOnlyFile);
    }

    public static MasterKeyRing LoadKeys(StorageOptions storage) =>
        MasterKeyRing.Load(storage.DataDirectory, Environment.GetEnvironmentVariable(MasterKeyRing.EnvironmentVariable));
}
