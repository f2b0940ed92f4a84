using System.Security.Cryptography;
using System.Text;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cli;

public sealed class StaffCliTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Service_account_with_token_stores_only_the_token_hash_and_the_token_identifies_the_account(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "compartment", "add", "route-north")).Exit);

        var run = await CliRunner.RunAsync(store, "staff", "add", "--service", "--email", "coordinator@example.org", "--role", "field-coordinator", "--compartment", "route-north", "--token", "--json");

        Assert.Equal(0, run.Exit);
        var token = run.Json.GetProperty("token").GetString()!;
        Assert.Equal("coordinator@example.org", run.Json.GetProperty("email").GetString());
        Assert.StartsWith(ApiToken.Prefix, token, StringComparison.Ordinal);
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        var stored = await db.ApiTokens.SingleAsync();
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored.Hash);
        Assert.False(stored.Hash.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(token)));
        if (provider == DatabaseProvider.Sqlite)
            Assert.False(DataFolderContains(store.DataDirectory, token), "the token's text is stored somewhere in the data folder");

        var caller = await scope.ServiceProvider.GetRequiredService<StaffDirectory>().CallerForTokenAsync(token);
        Assert.NotNull(caller);
        Assert.Equal(run.Json.GetProperty("code").GetString(), caller.Code);
        Assert.Equal(StaffRole.FieldCoordinator, caller.Role);
        Assert.Single(caller.Compartments);

        // Same JSON shape as a person's account; a service account has no password at all.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.Json.GetProperty("initialPassword").ValueKind);
        var staff = await db.Users.SingleAsync();
        Assert.True(staff.IsService);
        Assert.Null(staff.PasswordHash);
    }

    [Fact]
    public async Task Revoked_token_no_longer_identifies_anyone()
    {
        await using var store = await TestStore.CreateAsync();
        var added = await CliRunner.RunAsync(store, "staff", "add", "--service", "--email", "finance@example.org", "--role", "finance", "--token");
        var token = added.Json.GetProperty("token").GetString()!;

        var run = await CliRunner.RunAsync(store, "staff", "revoke-token", "--email", "finance@example.org", "--json");

        Assert.Equal(0, run.Exit);
        Assert.Equal(1, run.Json.GetProperty("revoked").GetInt32());
        await using var scope = store.Scope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<StaffDirectory>().CallerForTokenAsync(token));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Unknown_compartment_gives_a_clear_error_and_changes_nothing(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var before = await CountsAsync(store);

        var run = await CliRunner.RunAsync(store, "staff", "add", "--service", "--email", "x@example.org", "--role", "field-manager", "--compartment", "route-nowhere", "--token");

        Assert.Equal(2, run.Exit);
        Assert.Equal("error: Unknown compartment: route-nowhere. Create it first with `crossing compartment add NAME`.", run.Error);
        Assert.Equal("", run.Out);
        Assert.Equal(before, await CountsAsync(store));
    }

    [Fact]
    public async Task Failure_after_the_account_is_created_rolls_the_account_back()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "staff", "add", "--email", "first@example.org", "--role", "storyteller")).Exit);
        var before = await CountsAsync(store);

        // The same e-mail again: Identity refuses it, and nothing of the second attempt remains.
        var run = await CliRunner.RunAsync(store, "staff", "add", "--service", "--email", "FIRST@example.org", "--role", "finance", "--token");

        Assert.Equal(2, run.Exit);
        Assert.Contains("is already taken", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(store));
    }

    [Fact]
    public async Task Unknown_role_names_the_roles_there_are()
    {
        await using var store = await TestStore.CreateAsync();
        var run = await CliRunner.RunAsync(store, "staff", "add", "--email", "x@example.org", "--role", "janitor");
        Assert.Equal(2, run.Exit);
        Assert.Contains("Unknown role 'janitor'. Use one of: administrator, field-manager", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_administrative_action_is_an_audit_event_by_the_cli_actor()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "compartment", "add", "resettlement")).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "staff", "add", "--service", "--email", "r@example.org", "--role", "resettlement", "--compartment", "resettlement", "--token")).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync(store, "staff", "revoke-token", "--email", "r@example.org")).Exit);

        await using var db = CrossingDatabase.CreateContext(store.Storage);
        var events = await db.AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["compartment.add", "staff.add-service:resettlement", "token.issue", "token.revoke"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.StartsWith("cli:", e.Actor, StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => (e.RecordCode ?? "").Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Command_on_a_folder_that_was_never_initialised_says_to_run_init_and_creates_nothing()
    {
        var folder = Path.Combine(TestStore.NewTempDirectory(), "absent");
        var run = await CliRunner.RunAsync(new StorageOptions(folder, DatabaseProvider.Sqlite, null), null, "compartment", "add", "route-north");
        Assert.Equal(2, run.Exit);
        Assert.Equal($"error: No Crossing data folder at {folder}. Run `crossing init --data {folder}` first.", run.Error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Init_is_idempotent_and_creates_owner_only_keys()
    {
        var folder = Path.Combine(TestStore.NewTempDirectory(), "data");
        var storage = new StorageOptions(folder, DatabaseProvider.Sqlite, null);
        var first = await CliRunner.RunAsync(storage, null, "init", "--json");
        var signingKey = await File.ReadAllTextAsync(Path.Combine(folder, "keys", "audit-signing.pem"));
        var second = await CliRunner.RunAsync(storage, null, "init", "--json");

        Assert.Equal(0, first.Exit);
        Assert.Equal(0, second.Exit);
        Assert.True(first.Json.GetProperty("createdMasterKey").GetBoolean());
        Assert.False(second.Json.GetProperty("createdMasterKey").GetBoolean());
        Assert.False(second.Json.GetProperty("createdSigningKey").GetBoolean());
        Assert.Equal(first.Json.GetProperty("masterKey").GetString(), second.Json.GetProperty("masterKey").GetString());
        Assert.Equal(signingKey, await File.ReadAllTextAsync(Path.Combine(folder, "keys", "audit-signing.pem")));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "keys")))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(0, (await CliRunner.RunAsync(storage, null, "audit", "verify")).Exit);
    }

    private static async Task<(int Users, int Tokens, int Compartments, long AuditEvents)> CountsAsync(TestStore store)
    {
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        return (await db.Users.CountAsync(), await db.ApiTokens.CountAsync(), await db.Compartments.CountAsync(), await db.AuditEvents.LongCountAsync());
    }

    private static bool DataFolderContains(string folder, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
    }
}
