using System.Formats.Tar;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Persistence;

/// <summary>What a backup holds, stored in it as manifest.json.</summary>
public sealed record BackupManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("auditEvents")] long AuditEvents,
    [property: JsonPropertyName("auditHead")] string AuditHead,
    [property: JsonPropertyName("masterKeyId")] string MasterKeyId,
    [property: JsonPropertyName("includesMasterKey")] bool IncludesMasterKey,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files)
{
    public const string FormatV1 = "crossing-backup/v1";
}

public sealed record RestoreResult(BackupManifest Manifest, long AuditEvents, string AuditHead, int DataKeysOpened);

/// <summary>
/// Encrypted backups of a SQLite data folder: a consistent snapshot of the database (VACUUM INTO, which also leaves
/// behind the free pages where deleted rows such as shredded data keys used to be) plus every other file of the folder,
/// the key files included, in a tar stream encrypted by <see cref="BackupCipher"/>. See docs/backup-and-restore.md.
/// </summary>
public static class Backup
{
    private const string DatabaseEntry = "crossing.db";
    private const string ManifestEntry = "manifest.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly string[] DatabaseFiles = ["crossing.db", "crossing.db-wal", "crossing.db-shm", "crossing.db-journal"];

    /// <summary>Writes the backup to <paramref name="outputPath"/>, which appears only once complete.</summary>
    public static async Task<BackupManifest> CreateAsync(StorageOptions storage, string outputPath, string passphrase, string actor,
        TimeProvider time, IProgress<(long Done, long Total)>? progress = null, CancellationToken ct = default)
    {
        RequireSqlite(storage, "back up");
        outputPath = Path.GetFullPath(outputPath);
        if (File.Exists(outputPath))
            throw new BackupException($"{outputPath} already exists; choose another name (an existing backup is never overwritten).");
        if (File.Exists(MasterKeyRing.PendingKeyFilePath(storage.DataDirectory)))
            throw new BackupException("A key rotation is unfinished (keys/master.key.next exists). Run `crossing keys rotate` to complete it, then back up.");
        if (passphrase.Length < BackupCipher.MinimumPassphraseLength)
            throw new BackupException($"The backup passphrase must be at least {BackupCipher.MinimumPassphraseLength} characters.");
        var keys = DataFolder.LoadKeys(storage);

        await using (var db = CrossingDatabase.CreateContext(storage))
            await AuditLog.Over(db, keys, time).AppendAsync(new AuditEntry(actor, "backup.create"), ct);

        var staging = CreatePrivateDirectory(Path.Combine(storage.DataDirectory, ".backup-" + Guid.NewGuid().ToString("N")));
        var partial = outputPath + ".partial";
        try
        {
            var snapshot = Path.Combine(staging, DatabaseEntry);
            await using (var source = new SqliteConnection(storage.SqliteConnectionString))
            {
                await source.OpenAsync(ct);
                await using var vacuum = source.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.AddWithValue("$path", snapshot);
                await vacuum.ExecuteNonQueryAsync(ct);
            }

            var chain = await VerifySnapshotAsync(snapshot, keys, ct);
            var others = OtherFiles(storage.DataDirectory, outputPath);
            var includesMasterKey = others.Contains("keys/master.key");
            var manifest = new BackupManifest(BackupManifest.FormatV1, AuditCheckpoint.FormatTime(time.GetUtcNow()), "sqlite",
                chain.Events, chain.Head, keys.Current.Id, includesMasterKey, [DatabaseEntry, .. others]);

            var total = new FileInfo(snapshot).Length + others.Sum(f => new FileInfo(Path.Combine(storage.DataDirectory, f)).Length);
            long done = 0;
            await using (var file = NewPrivateFile(partial))
            {
                await using (var encrypted = BackupCipher.Encrypt(file, passphrase))
                await using (var tar = new TarWriter(encrypted, TarEntryFormat.Pax, leaveOpen: true))
                {
                    var manifestEntry = new PaxTarEntry(TarEntryType.RegularFile, ManifestEntry)
                    {
                        DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, Json)),
                    };
                    await tar.WriteEntryAsync(manifestEntry, ct);
                    foreach (var (name, path) in manifest.Files.Select(f => (f, f == DatabaseEntry ? snapshot : Path.Combine(storage.DataDirectory, f))))
                    {
                        ct.ThrowIfCancellationRequested();
                        await tar.WriteEntryAsync(path, name, ct);
                        done += new FileInfo(path).Length;
                        progress?.Report((done, total));
                    }
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(partial, outputPath);
            return manifest;
        }
        finally
        {
            TryDelete(partial);
            DeleteDirectory(staging);
        }
    }

    /// <summary>
    /// Restores into an empty (or missing) data folder. The files are extracted aside, the database is migrated, its audit
    /// chain verified and every data key opened with the restored keys; only then are they moved into place, and the
    /// restore is recorded in the restored chain. On any failure the folder is left as empty as it was.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(string backupPath, StorageOptions target, string passphrase, string actor,
        TimeProvider time, IProgress<(long Done, long Total)>? progress = null, CancellationToken ct = default)
    {
        RequireSqlite(target, "restore");
        backupPath = Path.GetFullPath(backupPath);
        if (!File.Exists(backupPath))
            throw new BackupException($"No backup file at {backupPath}.");
        var folder = target.DataDirectory;
        var folderExisted = Directory.Exists(folder);
        if (folderExisted && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new BackupException($"The data folder {folder} is not empty. Restore only into an empty or new folder, so nothing is overwritten or mixed.");

        Directory.CreateDirectory(folder);
        var staging = CreatePrivateDirectory(Path.Combine(folder, ".restore-" + Guid.NewGuid().ToString("N")));
        var completed = false;
        try
        {
            var manifest = await ExtractAsync(backupPath, passphrase, staging, progress, ct);
            var stagedStorage = target with { DataDirectory = staging };
            var (events, head, opened) = await CheckRestoredAsync(stagedStorage, manifest, ct);
            SqliteConnection.ClearAllPools();

            foreach (var name in manifest.Files)
            {
                var destination = Path.Combine(folder, name);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(Path.Combine(staging, name), destination);
            }
            SecureKeyFolder(folder);
            DeleteDirectory(staging);

            await using (var db = CrossingDatabase.CreateContext(target))
                await AuditLog.Over(db, DataFolder.LoadKeys(target), time).AppendAsync(new AuditEntry(actor, "backup.restore", null, $"restored {events} events"), ct);
            SqliteConnection.ClearAllPools();
            completed = true;
            return new RestoreResult(manifest, events, head, opened);
        }
        finally
        {
            if (!completed)
            {
                SqliteConnection.ClearAllPools();
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
                {
                    if (Directory.Exists(entry))
                        DeleteDirectory(entry);
                    else
                        TryDelete(entry);
                }
                if (!folderExisted)
                    Directory.Delete(folder);
            }
        }
    }

    private static async Task<BackupManifest> ExtractAsync(string backupPath, string passphrase, string staging, IProgress<(long Done, long Total)>? progress, CancellationToken ct)
    {
        await using var file = File.OpenRead(backupPath);
        var total = file.Length;
        await using var plain = BackupCipher.Decrypt(file, passphrase);
        await using var tar = new TarReader(plain);
        BackupManifest? manifest = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                throw new BackupException($"The backup holds an entry that is not a regular file ({entry.Name}); refusing it.");
            if (manifest is null)
            {
                if (entry.Name != ManifestEntry || entry.DataStream is null)
                    throw new BackupException("The backup does not start with its manifest.");
                manifest = await ReadManifestAsync(entry.DataStream, ct);
                continue;
            }
            if (!manifest.Files.Contains(entry.Name) || !seen.Add(entry.Name))
                throw new BackupException($"The backup holds a file its manifest does not list ({entry.Name}).");
            var destination = SafePath(staging, entry.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await using (var output = NewPrivateFile(destination))
            {
                if (entry.DataStream is not null)
                    await entry.DataStream.CopyToAsync(output, ct);
            }
            progress?.Report((Math.Min(file.Position, total), total));
        }
        if (manifest is null)
            throw new BackupException("The backup is empty.");
        var missing = manifest.Files.Except(seen).ToList();
        if (missing.Count > 0)
            throw new BackupException($"The backup lacks files its manifest lists: {string.Join(", ", missing)}.");
        return manifest;
    }

    private static async Task<BackupManifest> ReadManifestAsync(Stream stream, CancellationToken ct)
    {
        BackupManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw new BackupException("The backup's manifest is not valid JSON.");
        }
        if (manifest is null || manifest.Format != BackupManifest.FormatV1)
            throw new BackupException($"The backup's manifest is not {BackupManifest.FormatV1}.");
        if (manifest.Provider != "sqlite" || !manifest.Files.Contains(DatabaseEntry))
            throw new BackupException("The backup holds no SQLite database.");
        return manifest;
    }

    private static async Task<(long Events, string Head, int DataKeysOpened)> CheckRestoredAsync(StorageOptions staged, BackupManifest manifest, CancellationToken ct)
    {
        MasterKeyRing keys;
        try
        {
            keys = DataFolder.LoadKeys(staged);
        }
        catch (VaultConfigurationException e) when (!manifest.IncludesMasterKey)
        {
            throw new BackupException($"The backup does not include the master key (it came from {MasterKeyRing.EnvironmentVariable}); set that variable to the key with id {manifest.MasterKeyId} and restore again. ({e.Message})");
        }
        await using var db = CrossingDatabase.CreateContext(staged);
        await CrossingDatabase.MigrateAsync(db, ct);
        var chain = await AuditVerifier.Over(db, keys).VerifyAsync(ct);
        if (!chain.Intact)
            throw new BackupException($"The backup's audit chain does not verify: {chain.Problem}.");
        if (chain.Events != manifest.AuditEvents || chain.Head != manifest.AuditHead)
            throw new BackupException("The backup's database does not match its manifest (audit head differs).");
        var opened = 0;
        await foreach (var key in db.DataKeys.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            try
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(key.Unwrap(keys));
            }
            catch (Exception e) when (e is VaultDecryptionException or VaultConfigurationException)
            {
                throw new BackupException($"The restored keys cannot open the data key of {key.EntityType} {key.RecordId}: {e.Message}");
            }
            opened++;
        }
        return (chain.Events, chain.Head, opened);
    }

    private static async Task<AuditVerification> VerifySnapshotAsync(string snapshot, MasterKeyRing keys, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<SqliteCrossingDbContext>().UseSqlite($"Data Source={snapshot};Pooling=False;Mode=ReadOnly").Options;
        await using var db = new SqliteCrossingDbContext(options);
        var chain = await AuditVerifier.Over(db, keys).VerifyAsync(ct);
        if (!chain.Intact)
            throw new BackupException($"The audit chain does not verify, so no backup was written: {chain.Problem}. Run `crossing audit verify`.");
        return chain;
    }

    /// <summary>Every file of the data folder except the live database files, work folders and the backup being written.</summary>
    private static List<string> OtherFiles(string dataDirectory, string outputPath) =>
        [.. Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !string.Equals(f, outputPath, StringComparison.Ordinal) && !f.EndsWith(".partial", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(dataDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(r => !DatabaseFiles.Contains(r) && !r.StartsWith(".backup-", StringComparison.Ordinal) && !r.StartsWith(".restore-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    private static string SafePath(string root, string entryName)
    {
        var full = Path.GetFullPath(Path.Combine(root, entryName));
        if (Path.IsPathRooted(entryName) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new BackupException($"The backup holds a file outside the data folder ({entryName}); refusing it.");
        return full;
    }

    private static void RequireSqlite(StorageOptions storage, string verb)
    {
        if (storage.Provider != DatabaseProvider.Sqlite)
            throw new BackupException($"`crossing backup`/`restore` {verb} SQLite data folders. For PostgreSQL, back up the database with pg_dump and the data folder's keys/ directory separately (see docs/backup-and-restore.md).");
    }

    private static void SecureKeyFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
            return;
        var keys = Path.Combine(folder, "keys");
        if (!Directory.Exists(keys))
            return;
        File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.EnumerateFiles(keys))
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static FileStream NewPrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    private static string CreatePrivateDirectory(string path) =>
        OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path).FullName
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort on the failure path; the original error is what the operator needs to see.
        }
    }

    private static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort, as above.
        }
    }
}
