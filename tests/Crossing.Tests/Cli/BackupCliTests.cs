using System.Globalization;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Security.Vault;
using Crossing.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cli;

public sealed class BackupCliTests
{
    private const string Passphrase = "correct horse battery staple";
    private static readonly Dictionary<string, string> PassphraseEnvironment = new() { ["CROSSING_BACKUP_PASSPHRASE"] = Passphrase };

    [Fact]
    public async Task Backup_and_restore_give_identical_data_a_verifying_chain_and_a_shredded_record_stays_unreadable()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "compartment", "add", "route-north")).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "staff", "add", "--service", "--email", "m@example.org", "--role", "field-manager", "--compartment", "route-north", "--token")).Exit);
        var sealedNotes = await RotationTests.SealRecordsAsync(store);
        byte[] shreddedWrappedKey;
        await using (var scope = store.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            shreddedWrappedKey = await db.DataKeys.Where(k => k.RecordId == "C").Select(k => k.Wrapped).SingleAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>().ShredAsync("case", "C"));
        }
        var backupFile = Path.Combine(TestStore.NewTempDirectory(), "crossing.backup");
        var restored = new StorageOptions(Path.Combine(TestStore.NewTempDirectory(), "restored"), DatabaseProvider.Sqlite, null);

        var backup = await CliRunner.RunAsync(store.Storage, PassphraseEnvironment, "backup", "--out", backupFile, "--json");
        Assert.Equal(0, backup.Exit);
        var restore = await CliRunner.RunAsync(restored, PassphraseEnvironment, "restore", "--from", backupFile, "--json");
        Assert.True(restore.Exit == 0, restore.Error);

        var backedUpEvents = backup.Json.GetProperty("auditEvents").GetInt64();
        Assert.Equal(backedUpEvents, restore.Json.GetProperty("auditEvents").GetInt64());
        Assert.Equal(backup.Json.GetProperty("auditHead").GetString(), restore.Json.GetProperty("auditHead").GetString());
        Assert.Equal(DataFolder.LoadKeys(store.Storage).Current.Id, DataFolder.LoadKeys(restored).Current.Id);

        var original = DumpTables(store.Storage.SqlitePath, uptoAuditEvent: backedUpEvents);
        var copy = DumpTables(restored.SqlitePath, uptoAuditEvent: backedUpEvents);
        Assert.Equal(original.Keys.Order(), copy.Keys.Order());
        foreach (var table in original.Keys)
            Assert.True(original[table].SequenceEqual(copy[table]), $"table {table} differs after restore");

        var verify = await CliRunner.RunAsync(restored, null, "audit", "verify");
        Assert.Equal(0, verify.Exit);
        Assert.Equal(backedUpEvents + 1, verify.Json.GetProperty("events").GetInt64());

        var readable = sealedNotes.Where(n => n.Key != "C").ToDictionary(n => n.Key, n => n.Value);
        await RotationTests.AssertAllReadableAsync(restored, readable);
        await using (var services = TestStore.BuildServices(restored))
        await using (var scope = services.CreateAsyncScope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
            await Assert.ThrowsAsync<VaultDecryptionException>(() => vault.OpenRecordKeyAsync("case", "C"));
        }
        SqliteConnection.ClearAllPools();
        Assert.True((await File.ReadAllBytesAsync(restored.SqlitePath)).AsSpan().IndexOf(shreddedWrappedKey) < 0,
            "the shredded record's wrapped key survives in the restored database file");
    }

    [Fact]
    public async Task Restore_into_a_folder_that_is_not_empty_is_refused_and_the_folder_left_as_it_was()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var backupFile = await BackupAsync(store);
        var target = TestStore.NewTempDirectory();
        await File.WriteAllTextAsync(Path.Combine(target, "notes.txt"), "keep me");

        var run = await CliRunner.RunAsync(new StorageOptions(target, DatabaseProvider.Sqlite, null), PassphraseEnvironment, "restore", "--from", backupFile);

        Assert.Equal(2, run.Exit);
        Assert.Equal($"error: The data folder {target} is not empty. Restore only into an empty or new folder, so nothing is overwritten or mixed.", run.Error);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Wrong_passphrase_is_refused_clearly_and_nothing_is_restored()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var backupFile = await BackupAsync(store);
        var target = Path.Combine(TestStore.NewTempDirectory(), "restored");
        var passphraseFile = Path.Combine(TestStore.NewTempDirectory(), "passphrase");
        await File.WriteAllTextAsync(passphraseFile, "not the right passphrase\n");

        var run = await CliRunner.RunAsync(new StorageOptions(target, DatabaseProvider.Sqlite, null), null, "restore", "--from", backupFile, "--passphrase-file", passphraseFile);

        Assert.Equal(2, run.Exit);
        Assert.Equal("error: Wrong passphrase for this backup.", run.Error);
        Assert.False(Directory.Exists(target));
    }

    [Theory]
    [InlineData("altered", "damaged or was altered")]
    [InlineData("truncated", "truncated")]
    public async Task Damaged_backup_is_refused_and_nothing_is_left_behind(string damage, string expected)
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var backupFile = await BackupAsync(store);
        var bytes = await File.ReadAllBytesAsync(backupFile);
        if (damage == "altered")
            bytes[bytes.Length / 2] ^= 0x40;
        else
            bytes = bytes[..(bytes.Length - 100)];
        await File.WriteAllBytesAsync(backupFile, bytes);
        var target = TestStore.NewTempDirectory();

        var run = await CliRunner.RunAsync(new StorageOptions(target, DatabaseProvider.Sqlite, null), PassphraseEnvironment, "restore", "--from", backupFile);

        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public async Task Backup_refuses_a_short_passphrase_and_never_overwrites_a_file()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(TestStore.NewTempDirectory(), "crossing.backup");
        var shortPassphrase = await CliRunner.RunAsync(store.Storage, new Dictionary<string, string> { ["CROSSING_BACKUP_PASSPHRASE"] = "short" }, "backup", "--out", file);
        Assert.Equal(2, shortPassphrase.Exit);
        Assert.Contains("at least 12 characters", shortPassphrase.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));

        await File.WriteAllTextAsync(file, "an older backup");
        var overwrite = await CliRunner.RunAsync(store.Storage, PassphraseEnvironment, "backup", "--out", file);
        Assert.Equal(2, overwrite.Exit);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Backup_file_holds_no_plaintext_of_the_database_or_keys()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var backupFile = await BackupAsync(store);
        var bytes = await File.ReadAllBytesAsync(backupFile);
        Assert.True(bytes.AsSpan().IndexOf("SQLite format 3"u8) < 0);
        Assert.True(bytes.AsSpan().IndexOf("crossing-master-key"u8) < 0);
        Assert.True(bytes.AsSpan().IndexOf("PRIVATE KEY"u8) < 0);
        Assert.True(bytes.AsSpan().IndexOf("audit_events"u8) < 0);
    }

    private static async Task<string> BackupAsync(TestStore store)
    {
        var file = Path.Combine(TestStore.NewTempDirectory(), "crossing.backup");
        var run = await CliRunner.RunAsync(store.Storage, PassphraseEnvironment, "backup", "--out", file);
        Assert.True(run.Exit == 0, run.Error);
        return file;
    }

    /// <summary>Every row of every table as text, sorted; audit events only up to the backed-up head (restore appends its own).</summary>
    private static Dictionary<string, List<string>> DumpTables(string databasePath, long uptoAuditEvent)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_head'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
                tables.Add(reader.GetString(0));
        }
        var dump = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = table == "audit_events"
                ? $"SELECT * FROM audit_events WHERE \"Sequence\" <= {uptoAuditEvent}"
                : $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
                {
                    byte[] blob => Convert.ToHexString(blob),
                    DBNull => "NULL",
                    var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                });
                rows.Add(string.Join('|', values));
            }
            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }
        return dump;
    }
}
