using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cli;

public sealed class DemoCliTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Demo_seeds_demo_accounts_whose_printed_codes_pass_the_second_factor_check(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var seeded = await CliRunner.RunAsync(store, "demo", "--json");
        Assert.Equal(0, seeded.Exit);
        Assert.True(seeded.Json.GetProperty("created").GetBoolean());
        Assert.Equal(0, (await CliRunner.RunAsync(store, "demo", "--json")).Exit);

        var run = await CliRunner.RunAsync(store, "demo", "totp", "--email", "manager@demo.crossing.invalid", "--json");

        Assert.Equal(0, run.Exit);
        var totp = run.Json.GetProperty("codes")[0].GetProperty("totp").GetString()!;
        await using var scope = store.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
        var manager = await users.FindByEmailAsync("manager@demo.crossing.invalid");
        Assert.NotNull(manager);
        Assert.True(manager.IsDemo);
        Assert.True(await users.VerifyTwoFactorTokenAsync(manager, TokenOptions.DefaultAuthenticatorProvider, totp));
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "demo.totp" && e.RecordCode == "staff:" + manager.Code));
    }

    [Fact]
    public async Task Demo_totp_refuses_a_real_account()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "demo")).Exit);
        var added = await CliRunner.RunAsync(store, "staff", "add", "--email", "real@example.org", "--role", "finance", "--json");

        var run = await CliRunner.RunAsync(store, "demo", "totp", "--email", "real@example.org");

        Assert.Equal(2, run.Exit);
        Assert.Equal($"error: {added.Json.GetProperty("code").GetString()} is a real account, not a demo account: its second-factor codes are never printed.", run.Error);
        Assert.Equal("", run.Out);
        var all = await CliRunner.RunAsync(store, "demo", "totp", "--json");
        Assert.DoesNotContain("real@example.org", all.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_refuses_a_data_folder_with_real_staff()
    {
        await using var store = await TestStore.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(store, "staff", "add", "--email", "real@example.org", "--role", "finance")).Exit);

        var run = await CliRunner.RunAsync(store, "demo");

        Assert.Equal(2, run.Exit);
        Assert.Contains("already has real staff accounts", run.Error, StringComparison.Ordinal);
        await using var db = CrossingDatabase.CreateContext(store.Storage);
        Assert.False(await db.Users.AnyAsync(u => u.IsDemo));
    }
}
