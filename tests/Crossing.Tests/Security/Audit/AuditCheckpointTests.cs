using System.Text.Json;
using System.Text.Json.Nodes;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Tests.Security.Audit;

public sealed class AuditCheckpointTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Checkpoint_is_signed_and_still_holds_after_later_events(DatabaseProvider provider)
    {
        await using var store = await CliRunner.InitialisedStoreAsync(provider);
        var file = Path.Combine(store.DataDirectory, "..", Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var made = await CliRunner.RunAsync(store, "audit", "checkpoint", "--out", file, "--json");
            Assert.Equal(0, made.Exit);
            var checkpoint = AuditCheckpoint.Parse(await File.ReadAllTextAsync(file));
            Assert.True(checkpoint.SignatureIsValid());
            Assert.Equal(await AuditTamperingTests.StoredHashAsync(store, checkpoint.Events), checkpoint.Head);
            Assert.Equal("audit.checkpoint", await ActionAtAsync(store, checkpoint.Events));

            Assert.Equal(0, (await CliRunner.RunAsync(store, "compartment", "add", "route-west")).Exit);
            var check = await CliRunner.RunAsync(store, "audit", "verify", "--checkpoint", file);
            Assert.Equal(0, check.Exit);
            Assert.Equal(checkpoint.Events + 1, check.Json.GetProperty("events").GetInt64());
            Assert.True(check.Json.GetProperty("checkpoint").GetProperty("signedByThisDataFolder").GetBoolean());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Chain_rewritten_wholesale_passes_the_chain_check_but_fails_the_checkpoint()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(store.DataDirectory, "checkpoint.json");
        Assert.Equal(0, (await CliRunner.RunAsync(store, "compartment", "add", "route-west")).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "checkpoint", "--out", file)).Exit);

        await RewriteChainAsync(store, fromSequence: 2, actor: "cli:nobody");

        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "verify")).Exit);
        var check = await CliRunner.RunAsync(store, "audit", "verify", "--checkpoint", file);
        Assert.Equal(1, check.Exit);
        Assert.Contains("rewritten", check.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Newest_events_deleted_with_an_older_copy_of_the_head_row_put_back_are_caught_by_the_checkpoint()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(store.DataDirectory, "checkpoint.json");
        // The one rollback the MACed head cannot show: a genuine older head row (from a backup) replayed.
        var (oldSequence, oldHash, oldMac) = await AuditTamperingTests.HeadRowAsync(store);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "checkpoint", "--out", file)).Exit);
        var checkpoint = AuditCheckpoint.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal(oldSequence + 1, checkpoint.Events);

        await AuditTamperingTests.SqlAsync(store, $"""DELETE FROM audit_events WHERE "Sequence" > {oldSequence}""");
        await AuditTamperingTests.SqlAsync(store, $"""UPDATE audit_head SET "Sequence" = {oldSequence}, "Hash" = '{oldHash}', "Mac" = '{oldMac}'""");

        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "verify")).Exit);
        var check = await CliRunner.RunAsync(store, "audit", "verify", "--checkpoint", file);
        Assert.Equal(1, check.Exit);
        Assert.Contains("deleted", check.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altered_checkpoint_file_fails_its_signature()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(store.DataDirectory, "checkpoint.json");
        Assert.Equal(0, (await CliRunner.RunAsync(store, "compartment", "add", "route-west")).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "checkpoint", "--out", file)).Exit);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        json["events"] = json["events"]!.GetValue<long>() - 1;
        json["head"] = await AuditTamperingTests.StoredHashAsync(store, json["events"]!.GetValue<long>());
        await File.WriteAllTextAsync(file, json.ToJsonString());

        var check = await CliRunner.RunAsync(store, "audit", "verify", "--checkpoint", file);
        Assert.Equal(1, check.Exit);
        Assert.Contains("signature", check.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Signing_key_readable_by_others_is_refused_with_a_clear_message()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var keyPath = AuditCheckpointKey.PathIn(store.DataDirectory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var file = Path.Combine(store.DataDirectory, "checkpoint.json");

        var run = await CliRunner.RunAsync(store, "audit", "checkpoint", "--out", file);

        Assert.Equal(2, run.Exit);
        Assert.Contains("readable by group or others", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    /// <summary>What someone holding the master key (hence the chain key) and database access can do: edit an event and re-MAC everything after it.</summary>
    private static async Task RewriteChainAsync(TestStore store, long fromSequence, string actor)
    {
        var key = await AuditTamperingTests.ChainKeyAsync(store);
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var previous = events.Single(e => e.Sequence == fromSequence - 1).Hash;
        foreach (var ev in events.Where(e => e.Sequence >= fromSequence))
        {
            var forged = AuditEvent.Next(ev.Sequence, previous, new AuditEntry(ev.Sequence == fromSequence ? actor : ev.Actor, ev.Action, ev.RecordCode, ev.Outcome), ev.At, key);
            await db.Database.ExecuteSqlAsync($"""UPDATE audit_events SET "Actor" = {forged.Actor}, "PreviousHash" = {forged.PreviousHash}, "Hash" = {forged.Hash} WHERE "Sequence" = {forged.Sequence}""");
            previous = forged.Hash;
        }
        var mac = key.HeadMac(events[^1].Sequence, previous);
        await db.Database.ExecuteSqlAsync($"""UPDATE audit_head SET "Hash" = {previous}, "Mac" = {mac}""");
    }

    private static async Task<string> ActionAtAsync(TestStore store, long sequence)
    {
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        return await db.AuditEvents.Where(e => e.Sequence == sequence).Select(e => e.Action).SingleAsync();
    }
}
