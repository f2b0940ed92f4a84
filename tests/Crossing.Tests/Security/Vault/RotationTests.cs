using System.Runtime.Versioning;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Security.Vault;

/// <summary>Master-key rotation through `crossing keys rotate`, read back through a freshly loaded key ring each time.</summary>
public sealed class RotationTests
{
    private static readonly string[] Records = ["A", "B", "C", "D"];

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rotation_leaves_every_record_readable_and_the_old_key_gone(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var sealedNotes = await SealRecordsAsync(store);
        var oldKey = DataFolder.LoadKeys(store.Storage).Current;
        var oldKeyText = await File.ReadAllTextAsync(MasterKeyRing.KeyFilePath(store.DataDirectory));

        var run = await CliRunner.RunAsync(store, "keys", "rotate", "--json");

        Assert.Equal(0, run.Exit);
        Assert.Equal(oldKey.Id, run.Json.GetProperty("oldKeyId").GetString());
        // The records' keys and the audit chain's root, which must survive rotation like any other data key.
        Assert.Equal(Records.Length + 1, run.Json.GetProperty("dataKeys").GetInt32());
        var ring = DataFolder.LoadKeys(store.Storage);
        Assert.Equal(run.Json.GetProperty("newKeyId").GetString(), ring.Current.Id);
        Assert.DoesNotContain(ring.All, k => k.Id == oldKey.Id);
        Assert.False(File.Exists(MasterKeyRing.PendingKeyFilePath(store.DataDirectory)));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(store.DataDirectory, "keys")))
            Assert.DoesNotContain(oldKeyText, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        await AssertAllReadableAsync(store.Storage, sealedNotes);
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        Assert.False(await db.DataKeys.AnyAsync(k => k.MasterKeyId == oldKey.Id));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rotation_interrupted_after_rewrapping_still_opens_every_record_and_completes_on_rerun(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var sealedNotes = await SealRecordsAsync(store);
        // The crash: the pending key file is written and the data keys committed under it, but master.key was never replaced.
        var next = MasterKey.Generate();
        MasterKeyRing.WriteKeyFile(MasterKeyRing.PendingKeyFilePath(store.DataDirectory), next);
        await using (var scope = store.Scope())
            Assert.Equal(Records.Length + 1, await scope.ServiceProvider.GetRequiredService<KeyRotation>().RewrapAllAsync(next));

        await AssertAllReadableAsync(store.Storage, sealedNotes);

        var run = await CliRunner.RunAsync(store, "keys", "rotate", "--json");
        Assert.Equal(0, run.Exit);
        Assert.False(File.Exists(MasterKeyRing.PendingKeyFilePath(store.DataDirectory)));
        Assert.Single(DataFolder.LoadKeys(store.Storage).All);
        await AssertAllReadableAsync(store.Storage, sealedNotes);
    }

    [Fact]
    public async Task Rotation_interrupted_before_rewrapping_discards_the_pending_key()
    {
        await using var store = await TestStore.CreateAsync();
        var sealedNotes = await SealRecordsAsync(store);
        MasterKeyRing.WriteKeyFile(MasterKeyRing.PendingKeyFilePath(store.DataDirectory), MasterKey.Generate());

        await AssertAllReadableAsync(store.Storage, sealedNotes);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "keys", "rotate")).Exit);
        await AssertAllReadableAsync(store.Storage, sealedNotes);
    }

    [Fact]
    public async Task Ciphertext_or_wrapped_key_moved_to_another_record_fails_to_decrypt_after_rotation()
    {
        await using var store = await TestStore.CreateAsync();
        var sealedNotes = await SealRecordsAsync(store);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "keys", "rotate")).Exit);

        await using (var services = TestStore.BuildServices(store.Storage))
        await using (var scope = services.CreateAsyncScope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
            using var b = await vault.OpenRecordKeyAsync("case", "B");
            Assert.Throws<VaultDecryptionException>(() => b.Open("notes", sealedNotes["A"]));
        }

        await using (var db = CrossingDatabase.CreateContext(store.Storage))
        {
            var wrappedA = await db.DataKeys.Where(k => k.RecordId == "A").Select(k => k.Wrapped).SingleAsync();
            await db.Database.ExecuteSqlAsync($"""UPDATE data_keys SET "Wrapped" = {wrappedA} WHERE "RecordId" = 'B'""");
        }
        await using (var services = TestStore.BuildServices(store.Storage))
        await using (var scope = services.CreateAsyncScope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
            await Assert.ThrowsAsync<VaultDecryptionException>(() => vault.OpenRecordKeyAsync("case", "B"));
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Master_key_file_readable_by_others_is_refused_with_a_clear_message()
    {
        await using var store = await TestStore.CreateAsync();
        var keyPath = MasterKeyRing.KeyFilePath(store.DataDirectory);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = await File.ReadAllTextAsync(keyPath);

        var run = await CliRunner.RunAsync(store, "keys", "rotate");

        Assert.Equal(2, run.Exit);
        Assert.Equal($"error: The key file {keyPath} is readable by group or others (mode 644). Run `chmod 600 {keyPath}` and start again.", run.Error);
        Assert.Equal(before, await File.ReadAllTextAsync(keyPath));
        Assert.False(File.Exists(MasterKeyRing.PendingKeyFilePath(store.DataDirectory)));
    }

    /// <summary>Creates one data key per record and seals a note with each; the sealed values stand in for any entity's fields.</summary>
    internal static async Task<Dictionary<string, SealedValue>> SealRecordsAsync(TestStore store)
    {
        await using var scope = store.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        var sealedNotes = new Dictionary<string, SealedValue>(StringComparer.Ordinal);
        foreach (var id in Records)
        {
            using var key = vault.CreateRecordKey("case", id);
            sealedNotes[id] = key.Seal("notes", "note of " + id);
        }
        await db.SaveChangesAsync();
        return sealedNotes;
    }

    internal static async Task AssertAllReadableAsync(StorageOptions storage, IReadOnlyDictionary<string, SealedValue> sealedNotes)
    {
        await using var services = TestStore.BuildServices(storage);
        await using var scope = services.CreateAsyncScope();
        var vault = scope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
        foreach (var (id, value) in sealedNotes)
        {
            using var key = await vault.OpenRecordKeyAsync("case", id);
            Assert.Equal("note of " + id, key.Open("notes", value));
        }
    }
}
