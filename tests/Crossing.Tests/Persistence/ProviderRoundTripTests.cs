using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Persistence;

/// <summary>What each provider stores must come back exactly, or hashes and keys stop verifying.</summary>
public sealed class ProviderRoundTripTests
{
    // 100-nanosecond ticks that neither SQLite (as stored) nor PostgreSQL keep: only microseconds survive.
    private static readonly DateTimeOffset OddInstant = new DateTimeOffset(2026, 6, 14, 21, 7, 3, TimeSpan.Zero).AddTicks(1_234_567);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Audit_chain_read_back_from_the_database_still_verifies(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = new SteppingClock(OddInstant, TimeSpan.FromTicks(3_333_337));
        var written = new List<(long Sequence, DateTimeOffset At, string Hash)>();
        await using (var scope = store.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            var log = new AuditLog(db, scope.ServiceProvider.GetRequiredService<AuditChainKeys>(), clock);
            await log.AppendAsync(new AuditEntry("staff:S-7K3Q", "case.identity.read", "C-7K3Q"));
            await log.AppendAsync(new AuditEntry("staff:S-7K3Q", "export.cases", null, "denied\nline two \\ backslash"));
            await log.AppendAsync(new AuditEntry("system", "key.rotate", null));
            written.AddRange(db.AuditEvents.Local.OrderBy(e => e.Sequence).Select(e => (e.Sequence, e.At, e.Hash)));
        }

        await using var readScope = store.Scope();
        var readDb = readScope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        var stored = await readDb.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(written.Select(w => w.Sequence), stored.Select(e => e.Sequence));
        Assert.Equal(written.Select(w => w.At.UtcTicks), stored.Select(e => e.At.UtcTicks));
        Assert.All(stored, e => Assert.Equal(0, e.At.UtcTicks % 10));
        var key = await readScope.ServiceProvider.GetRequiredService<AuditChainKeys>().FindAsync();
        Assert.All(stored, e => Assert.Equal(e.Hash, e.ComputeHash(key)));
        Assert.Equal("denied\nline two \\ backslash", stored[1].Outcome);

        var verification = await readScope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(3, verification.Events);
        Assert.Equal(written[^1].Hash, verification.Head);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Data_key_read_back_from_the_database_opens_its_record(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        byte[] storedName;
        DataKey original;
        await using (var scope = store.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            var vault = new Core.Security.Vault.Vault(db, scope.ServiceProvider.GetRequiredService<MasterKeyRing>(), new SteppingClock(OddInstant, TimeSpan.Zero));
            using var key = vault.CreateRecordKey("case", "C-7K3Q");
            storedName = key.Seal("fullName", "김지현 (Kim Ji-hyun)").ToStorage();
            await db.SaveChangesAsync();
            original = db.DataKeys.Local.Single(k => k.EntityType == "case");
        }

        await using var readScope = store.Scope();
        var readDb = readScope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        var row = await readDb.DataKeys.AsNoTracking().SingleAsync(k => k.EntityType == "case");
        Assert.Equal(original.Id, row.Id);
        Assert.Equal(original.Wrapped, row.Wrapped);
        Assert.Equal(original.MasterKeyId, row.MasterKeyId);
        Assert.Equal(OddInstant.UtcTicks - OddInstant.UtcTicks % 10, row.CreatedAt.UtcTicks);

        var vaultAfter = readScope.ServiceProvider.GetRequiredService<Core.Security.Vault.Vault>();
        using var reopened = await vaultAfter.OpenRecordKeyAsync("case", "C-7K3Q");
        Assert.Equal("김지현 (Kim Ji-hyun)", reopened.Open("fullName", SealedValue.FromStorage(storedName)));
    }

    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow()
        {
            var current = now;
            now += step;
            return current;
        }
    }
}
