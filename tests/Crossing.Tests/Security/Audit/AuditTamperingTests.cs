using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Security.Audit;

/// <summary>Edits the stored chain with raw SQL, as someone with database access would, and checks `crossing audit verify` catches it.</summary>
public sealed class AuditTamperingTests
{
    private const int EventCount = 6;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Intact_chain_verifies_with_its_event_count_and_head(DatabaseProvider provider)
    {
        await using var store = await StoreWithEventsAsync(provider);
        var run = await CliRunner.RunAsync(store, "audit", "verify");
        Assert.Equal(0, run.Exit);
        Assert.Equal(EventCount, run.Json.GetProperty("events").GetInt64());
        Assert.Equal(await StoredHashAsync(store, EventCount), run.Json.GetProperty("head").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Editing_a_stored_event_fails_verification_naming_it(DatabaseProvider provider)
    {
        await using var store = await StoreWithEventsAsync(provider);
        await SqlAsync(store, """UPDATE audit_events SET "Outcome" = 'denied' WHERE "Sequence" = 3""");
        await AssertBrokenAtAsync(store, 3, "edited");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Editing_the_newest_event_fails_verification_naming_it(DatabaseProvider provider)
    {
        await using var store = await StoreWithEventsAsync(provider);
        await SqlAsync(store, $"""UPDATE audit_events SET "Actor" = 'cli:someone-else' WHERE "Sequence" = {EventCount}""");
        await AssertBrokenAtAsync(store, EventCount, "edited");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Inserting_a_well_formed_event_in_the_middle_fails_verification_naming_the_event_after_it(DatabaseProvider provider)
    {
        await using var store = await StoreWithEventsAsync(provider);
        // Make room after event 2 and insert a forged event whose own hash is correct and links to event 2.
        await SqlAsync(store, """UPDATE audit_events SET "Sequence" = "Sequence" + 1000 WHERE "Sequence" >= 3""");
        await SqlAsync(store, """UPDATE audit_events SET "Sequence" = "Sequence" - 999 WHERE "Sequence" >= 1000""");
        await InsertForgedEventAsync(store, sequence: 3, linkedTo: 2);
        var run = await AssertBrokenAtAsync(store, 4, "does not link");
        Assert.Contains("inserted", run.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Appending_a_well_formed_event_without_moving_the_head_fails_verification(DatabaseProvider provider)
    {
        await using var store = await StoreWithEventsAsync(provider);
        await InsertForgedEventAsync(store, sequence: EventCount + 1, linkedTo: EventCount);
        await AssertBrokenAtAsync(store, EventCount + 1, "head");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Deleting_an_event_in_the_middle_fails_verification_naming_it(DatabaseProvider provider)
    {
        await using var store = await StoreWithEventsAsync(provider);
        await SqlAsync(store, """DELETE FROM audit_events WHERE "Sequence" = 2""");
        await AssertBrokenAtAsync(store, 2, "missing");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Deleting_the_newest_event_fails_verification_naming_it(DatabaseProvider provider)
    {
        await using var store = await StoreWithEventsAsync(provider);
        await SqlAsync(store, $"""DELETE FROM audit_events WHERE "Sequence" = {EventCount}""");
        await AssertBrokenAtAsync(store, EventCount, "newest events were deleted");
    }

    internal static async Task<TestStore> StoreWithEventsAsync(DatabaseProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var scope = store.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        for (var i = 1; i <= EventCount; i++)
            await audit.AppendAsync(new AuditEntry("staff:S-TEST", i % 2 == 0 ? "case.read-identity" : "case.update", $"C-00{i}A", i == 4 ? "line one\nline two \\ end" : "ok"));
        return store;
    }

    internal static async Task SqlAsync(TestStore store, string sql)
    {
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    internal static async Task<string> StoredHashAsync(TestStore store, long sequence)
    {
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        return await db.AuditEvents.Where(e => e.Sequence == sequence).Select(e => e.Hash).SingleAsync();
    }

    /// <summary>Even with the chain key (someone holding the master key), an inserted event breaks the links after it.</summary>
    private static async Task InsertForgedEventAsync(TestStore store, long sequence, long linkedTo)
    {
        var key = await ChainKeyAsync(store);
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        var previous = await db.AuditEvents.SingleAsync(e => e.Sequence == linkedTo);
        db.AuditEvents.Add(AuditEvent.Next(sequence, previous.Hash, new AuditEntry("staff:S-MALL", "case.read-identity", "C-9ZZZ"), previous.At, key));
        await db.SaveChangesAsync();
    }

    internal static async Task<AuditChainKey> ChainKeyAsync(TestStore store)
    {
        await using var scope = store.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainKeys>().FindAsync() ?? throw new InvalidOperationException("No chain key.");
    }

    internal static async Task<(long Sequence, string Hash, string? Mac)> HeadRowAsync(TestStore store)
    {
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync();
        return (head.Sequence, head.Hash, head.Mac);
    }

    private static async Task<CliRun> AssertBrokenAtAsync(TestStore store, long sequence, string problemFragment)
    {
        var run = await CliRunner.RunAsync(store, "audit", "verify");
        Assert.Equal(1, run.Exit);
        Assert.Equal(sequence, run.Json.GetProperty("firstBadEvent").GetInt64());
        Assert.Contains(problemFragment, run.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"error: audit chain broken at event {sequence}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        return run;
    }
}
