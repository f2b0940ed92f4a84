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
        await using var db = CrossingDatabase.CreateContext(storage);
        await CrossingDatabase.MigrateAsync(db, ct);
        await MasterKeyCheck.RefuseForeignDataKeysAsync(storage, keys, ct);
        await Security.Audit.AuditUpgrade.EnsureKeyedAsync(storage, keys, ct);
        return new InitResult(created, keys.Current.Id);
    }

    public static MasterKeyRing LoadKeys(StorageOptions storage) =>
        MasterKeyRing.Load(storage.DataDirectory, Environment.GetEnvironmentVariable(MasterKeyRing.EnvironmentVariable));
}
