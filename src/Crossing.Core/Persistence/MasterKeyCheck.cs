using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Persistence;

/// <summary>
/// Refuses to start with a master key that cannot open the data already stored. Initialising a data folder creates a
/// key when none is there, which is right for a new folder and wrong for a database whose key file went missing.
/// </summary>
internal static class MasterKeyCheck
{
    /// <summary>Before initialising: an existing SQLite database without its key file.</summary>
    public static void RefuseMissingKeyForExistingDatabase(StorageOptions storage)
    {
        var keyFile = MasterKeyRing.KeyFilePath(storage.DataDirectory);
        if (storage.Provider == DatabaseProvider.Sqlite && File.Exists(storage.SqlitePath) && !File.Exists(keyFile)
            && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(MasterKeyRing.EnvironmentVariable)))
            throw new VaultConfigurationException(
                $"The database {storage.SqlitePath} exists but its master key {keyFile} is missing. Restore the key file from your backup (or set {MasterKeyRing.EnvironmentVariable}).");
    }

    /// <summary>After initialising: data keys wrapped by a master key this server does not hold (any provider).</summary>
    public static async Task RefuseForeignDataKeysAsync(StorageOptions storage, MasterKeyRing keys, CancellationToken ct = default)
    {
        var known = keys.All.Select(k => k.Id).ToList();
        await using var db = CrossingDatabase.CreateContext(storage);
        var foreign = await db.DataKeys.Where(k => !known.Contains(k.MasterKeyId)).Select(k => k.MasterKeyId).FirstOrDefaultAsync(ct);
        if (foreign is not null)
            throw new VaultConfigurationException(
                $"The database holds data keys wrapped by master key {foreign}, which this server does not have. Restore that key file (or set {MasterKeyRing.EnvironmentVariable}).");
    }
}
