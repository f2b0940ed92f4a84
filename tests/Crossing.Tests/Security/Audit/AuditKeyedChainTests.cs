using System.Security.Cryptography;
using System.Text;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Security.Audit;

/// <summary>The attacks of a database writer without the master key, which plain SHA-256 chaining let through.</summary>
public sealed class AuditKeyedChainTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Editing_an_old_event_and_rehashing_everything_after_it_with_SHA256_fails_verification(DatabaseProvider provider)
    {
        await using var store = await AuditTamperingTests.StoreWithEventsAsync(provider);
        // The old attack: the documented canonical form, edited at event 2, every later hash and the head recomputed.
        await RehashWithoutKeyAsync(store, fromSequence: 2, asVersion: null);
        var run = await CliRunner.RunAsync(store, "audit", "verify");
        Assert.Equal(1, run.Exit);
        Assert.Equal(2, run.Json.GetProperty("firstBadEvent").GetInt64());

        // Claiming the events were never keyed (version 1, plain SHA-256 all through) does not help: the head's MAC no longer fits.
        await RehashWithoutKeyAsync(store, fromSequence: 1, asVersion: AuditEvent.LegacyVersion);
        run = await CliRunner.RunAsync(store, "audit", "verify");
        Assert.Equal(1, run.Exit);
        Assert.Contains("MAC", run.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Deleting_the_newest_events_and_setting_the_head_back_fails_verification(DatabaseProvider provider)
    {
        await using var store = await AuditTamperingTests.StoreWithEventsAsync(provider);
        var fourth = await AuditTamperingTests.StoredHashAsync(store, 4);
        await AuditTamperingTests.SqlAsync(store, """DELETE FROM audit_events WHERE "Sequence" > 4""");
        await AuditTamperingTests.SqlAsync(store, $"""UPDATE audit_head SET "Sequence" = 4, "Hash" = '{fourth}'""");

        var run = await CliRunner.RunAsync(store, "audit", "verify");

        Assert.Equal(1, run.Exit);
        Assert.Equal(4, run.Json.GetProperty("firstBadEvent").GetInt64());
        Assert.Contains("head MAC", run.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_head_MAC_fails_verification_and_a_restart_does_not_re_MAC_it()
    {
        await using var store = await AuditTamperingTests.StoreWithEventsAsync(DatabaseProvider.Sqlite);
        await AuditTamperingTests.SqlAsync(store, """UPDATE audit_head SET "Mac" = NULL""");
        await DataFolder.InitializeAsync(store.Storage);
        Assert.Equal(1, (await CliRunner.RunAsync(store, "audit", "verify")).Exit);
    }

    [Fact]
    public async Task A_log_written_before_keyed_chaining_is_keyed_at_the_next_start_and_its_old_events_stay_covered()
    {
        await using var store = await TestStore.CreateAsync();
        await WriteLegacyChainAsync(store, events: 3);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "verify")).Exit);

        await DataFolder.InitializeAsync(store.Storage);

        await using (var db = CrossingDatabase.CreateContext(store.Storage))
        {
            var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            Assert.Equal([1, 1, 1, 2], events.Select(e => e.Version));
            Assert.Equal(AuditUpgrade.Action, events[^1].Action);
            Assert.NotNull((await db.AuditHeads.SingleAsync()).Mac);
        }
        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "verify")).Exit);

        // An old, unkeyed event edited and re-hashed: the keyed event after it no longer links.
        await RehashWithoutKeyAsync(store, fromSequence: 2, asVersion: null, upTo: 3);
        var run = await CliRunner.RunAsync(store, "audit", "verify");
        Assert.Equal(1, run.Exit);
        Assert.Equal(4, run.Json.GetProperty("firstBadEvent").GetInt64());
    }

    [Fact]
    public async Task The_chain_key_survives_master_key_rotation()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var before = (await AuditTamperingTests.ChainKeyAsync(store)).ToHex();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "keys", "rotate")).Exit);

        await using var services = TestStore.BuildServices(store.Storage);
        await using var scope = services.CreateAsyncScope();
        Assert.Equal(before, (await scope.ServiceProvider.GetRequiredService<AuditChainKeys>().FindAsync())!.ToHex());
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Exported_key_file_is_owner_only_and_never_overwritten()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(store.DataDirectory, "audit.key");
        Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "export-key", "--out", file)).Exit);
        Assert.Equal((await AuditTamperingTests.ChainKeyAsync(store)).ToHex(), (await File.ReadAllTextAsync(file)).Trim());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(2, (await CliRunner.RunAsync(store, "audit", "export-key", "--out", file)).Exit);
    }

    /// <summary>Recomputes hashes with plain SHA-256 over the canonical form, as someone without the key would.</summary>
    private static async Task RehashWithoutKeyAsync(TestStore store, long fromSequence, int? asVersion, long? upTo = null)
    {
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var previous = fromSequence == 1 ? AuditEvent.GenesisHash : events.Single(e => e.Sequence == fromSequence - 1).Hash;
        foreach (var ev in events.Where(e => e.Sequence >= fromSequence && (upTo is null || e.Sequence <= upTo)))
        {
            var version = asVersion ?? ev.Version;
            var outcome = ev.Sequence == fromSequence ? "denied" : ev.Outcome;
            var canonical = string.Join('\n', "crossing-audit/v" + version, ev.Sequence, ev.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ev.Actor, ev.Action, ev.RecordCode ?? "", outcome.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal), previous);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
            await db.Database.ExecuteSqlAsync($"""UPDATE audit_events SET "Version" = {version}, "Outcome" = {outcome}, "PreviousHash" = {previous}, "Hash" = {hash} WHERE "Sequence" = {ev.Sequence}""");
            previous = hash;
        }
        if (upTo is null)
            await db.Database.ExecuteSqlAsync($"""UPDATE audit_head SET "Hash" = {previous}""");
    }

    /// <summary>A chain as the previous release wrote it: version 1 events, no chain key, a head without a MAC.</summary>
    private static async Task WriteLegacyChainAsync(TestStore store, int events)
    {
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM data_keys WHERE "EntityType" = 'audit-chain'""");
        var previous = AuditEvent.GenesisHash;
        for (var sequence = 1; sequence <= events; sequence++)
        {
            var at = 1_700_000_000_000_000L + sequence;
            var when = DateTimeOffset.UnixEpoch.AddTicks(at * 10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var canonical = string.Join('\n', "crossing-audit/v1", sequence, when, "cli:old", "staff.add:finance", "", "ok", previous);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
            await db.Database.ExecuteSqlAsync($"""INSERT INTO audit_events ("Sequence", "Version", "At", "Actor", "Action", "RecordCode", "Outcome", "PreviousHash", "Hash") VALUES ({sequence}, 1, {at}, 'cli:old', 'staff.add:finance', NULL, 'ok', {previous}, {hash})""");
            previous = hash;
        }
        await db.Database.ExecuteSqlAsync($"""INSERT INTO audit_head ("Id", "Sequence", "Hash", "Mac") VALUES (1, {events}, {previous}, NULL)""");
    }
}
