using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Security.Audit;

public sealed class AuditWitnessTests
{
    [Fact]
    public async Task Witness_writes_a_checkpoint_at_start_then_only_after_the_interval_or_the_event_count()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var folder = Path.Combine(store.DataDirectory, "..", "witness-" + Guid.NewGuid().ToString("N"));
        var options = new AuditWitnessOptions(folder, TimeSpan.FromMinutes(15), EveryEvents: 5);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        try
        {
            Assert.NotNull(await WriteIfDueAsync(store, options, clock));
            Assert.Null(await WriteIfDueAsync(store, options, clock));

            await AppendAsync(store, 2);
            clock.Advance(TimeSpan.FromMinutes(14));
            Assert.Null(await WriteIfDueAsync(store, options, clock));
            clock.Advance(TimeSpan.FromMinutes(2));
            var byTime = await WriteIfDueAsync(store, options, clock);
            Assert.NotNull(byTime);

            await AppendAsync(store, 5);
            var byCount = await WriteIfDueAsync(store, options, clock);
            Assert.NotNull(byCount);
            var latest = AuditWitness.Latest(folder)!;
            Assert.True(latest.SignatureIsValid());
            Assert.Equal(await AuditTamperingTests.StoredHashAsync(store, latest.Events), latest.Head);
            Assert.Equal(3, Directory.GetFiles(folder, "*.json").Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Checkpoint_rollback_is_detected_by_verify_with_the_witnessed_checkpoint()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var folder = Path.Combine(store.DataDirectory, "..", "witness-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (sequence, hash, mac) = await AuditTamperingTests.HeadRowAsync(store);
            var written = await WriteIfDueAsync(store, new AuditWitnessOptions(folder, TimeSpan.FromMinutes(15), 1000), TimeProvider.System);

            // A genuine older head row replayed with the newer events deleted: the chain alone cannot tell.
            await AuditTamperingTests.SqlAsync(store, $"""DELETE FROM audit_events WHERE "Sequence" > {sequence}""");
            await AuditTamperingTests.SqlAsync(store, $"""UPDATE audit_head SET "Sequence" = {sequence}, "Hash" = '{hash}', "Mac" = '{mac}'""");
            Assert.Equal(0, (await CliRunner.RunAsync(store, "audit", "verify")).Exit);

            var check = await CliRunner.RunAsync(store, "audit", "verify", "--checkpoint", written!);
            Assert.Equal(1, check.Exit);
            Assert.Contains("deleted", check.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
            // The witness itself refuses to carry on as if nothing happened.
            var refused = await Assert.ThrowsAsync<AuditCheckpointException>(() => WriteIfDueAsync(store, new AuditWitnessOptions(folder, TimeSpan.Zero, 1), TimeProvider.System));
            Assert.Contains("already has a checkpoint", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string?> WriteIfDueAsync(TestStore store, AuditWitnessOptions options, TimeProvider clock)
    {
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CrossingDbContext>();
        var checkpoints = new AuditCheckpoints(db, services.GetRequiredService<AuditVerifier>(), services.GetRequiredService<IAuditLog>(), clock);
        return await new AuditWitness(db, checkpoints, clock).WriteIfDueAsync(options, store.DataDirectory);
    }

    private static async Task AppendAsync(TestStore store, int count)
    {
        await using var scope = store.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        for (var i = 0; i < count; i++)
            await audit.AppendAsync(new AuditEntry("staff:S-TEST", "case.update", "C-22AB"));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
