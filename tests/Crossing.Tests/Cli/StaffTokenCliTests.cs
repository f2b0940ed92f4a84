using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cli;

/// <summary>Tokens only after a second factor, service accounts for automation, expiry, listing, revocation, disabling.</summary>
public sealed class StaffTokenCliTests
{
    [Fact]
    public async Task A_token_for_a_person_without_a_second_factor_is_refused_and_nothing_is_created()
    {
        await using var store = await TestStore.CreateAsync();
        var atAdd = await CliRunner.RunAsync(store, "staff", "add", "--email", "p@example.org", "--role", "field-manager", "--token");
        Assert.Equal(2, atAdd.Exit);
        Assert.Contains("only after that person has enrolled a second factor", atAdd.Error, StringComparison.Ordinal);
        Assert.Equal("", atAdd.Out);

        Assert.Equal(0, (await CliRunner.RunAsync(store, "staff", "add", "--email", "p@example.org", "--role", "finance")).Exit);
        var later = await CliRunner.RunAsync(store, "staff", "issue-token", "--email", "p@example.org");
        Assert.Equal(2, later.Exit);
        Assert.Contains("has not enrolled a second factor", later.Error, StringComparison.Ordinal);
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        Assert.Equal(0, await db.ApiTokens.CountAsync());
    }

    [Fact]
    public async Task An_enrolled_person_gets_a_token_that_expires_when_asked()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "staff", "add", "--email", "p@example.org", "--role", "finance")).Exit);
        await using (var scope = store.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
            var person = (await users.FindByEmailAsync("p@example.org"))!;
            await users.ResetAuthenticatorKeyAsync(person);
            await users.SetTwoFactorEnabledAsync(person, true);
        }

        var issued = await CliRunner.RunAsync(store, "staff", "issue-token", "--email", "p@example.org", "--expires-days", "7");

        Assert.Equal(0, issued.Exit);
        Assert.StartsWith(ApiToken.Prefix, issued.Json.GetProperty("token").GetString(), StringComparison.Ordinal);
        var listed = await CliRunner.RunAsync(store, "staff", "tokens", "--email", "p@example.org", "--json");
        var token = listed.Json.GetProperty("tokens").EnumerateArray().Single();
        var created = DateTimeOffset.Parse(token.GetProperty("created").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse(token.GetProperty("expires").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromDays(7), expires - created);
    }

    [Fact]
    public async Task Tokens_are_listed_with_hint_dates_and_state_and_revoked_one_at_a_time()
    {
        await using var store = await TestStore.CreateAsync();
        var added = await CliRunner.RunAsync(store, "staff", "add", "--service", "--email", "importer@automation.example", "--role", "finance", "--token");
        var first = added.Json.GetProperty("token").GetString()!;
        var second = (await CliRunner.RunAsync(store, "staff", "issue-token", "--email", "importer@automation.example")).Json.GetProperty("token").GetString()!;

        var revoked = await CliRunner.RunAsync(store, "staff", "revoke-token", "--email", "importer@automation.example", "--hint", first[..8], "--json");
        Assert.Equal(1, revoked.Json.GetProperty("revoked").GetInt32());

        var listed = await CliRunner.RunAsync(store, "staff", "tokens", "--email", "importer@automation.example", "--json");
        var rows = listed.Json.GetProperty("tokens").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([first[..8], second[..8]], rows.Select(r => r.GetProperty("hint").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, rows[0].GetProperty("revoked").ValueKind);
        Assert.False(rows[0].GetProperty("active").GetBoolean());
        Assert.True(rows[1].GetProperty("active").GetBoolean());
        Assert.DoesNotContain(first, listed.Out, StringComparison.Ordinal);
        Assert.True((DateTimeOffset.Parse(rows[1].GetProperty("expires").GetString()!, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow).TotalDays is > 89 and <= 90);
    }

    [Fact]
    public async Task A_password_lock_out_leaves_the_token_working_and_disabling_the_account_stops_it()
    {
        await using var store = await TestStore.CreateAsync();
        var added = await CliRunner.RunAsync(store, "staff", "add", "--service", "--email", "sync@automation.example", "--role", "field-manager", "--token");
        var token = added.Json.GetProperty("token").GetString()!;
        await using (var scope = store.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("sync@automation.example"))!, DateTimeOffset.UtcNow.AddHours(1));
        }
        Assert.NotNull(await CallerForTokenAsync(store, token));

        var disabled = await CliRunner.RunAsync(store, "staff", "disable", "--email", "sync@automation.example");

        Assert.Equal(0, disabled.Exit);
        Assert.Null(await CallerForTokenAsync(store, token));
        var again = await CliRunner.RunAsync(store, "staff", "issue-token", "--email", "sync@automation.example");
        Assert.Equal(2, again.Exit);
        Assert.Contains("disabled", again.Error, StringComparison.Ordinal);
    }

    private static async Task<StaffCaller?> CallerForTokenAsync(TestStore store, string token)
    {
        await using var scope = store.Scope();
        return await scope.ServiceProvider.GetRequiredService<StaffDirectory>().CallerForTokenAsync(token);
    }
}
