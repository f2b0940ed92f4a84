using System.Net.Http.Json;
using Crossing.Core.Demo;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Tests.Support;
using Crossing.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Web;

public sealed class AuthDemoTests
{
    private sealed record Me(string Code, string Role, string[] Compartments);

    private static TestStaff AsTestStaff(DemoAccount account) => new(Guid.Empty, account.Code, account.Email, account.Password, account.AuthenticatorKey);

    [Fact]
    public async Task Demo_field_manager_signs_in_with_the_printed_password_and_a_code_from_the_printed_key()
    {
        await using var web = await WebFactory.CreateAsync();
        var seeded = await web.InScopeAsync(s => DemoSeeder.SeedAsync(s, CancellationToken.None));
        var manager = seeded.Account(DemoSeeder.FieldManager)!;
        var printed = DemoStart.Announcement("http://127.0.0.1:5000/Account/SignIn", web.Storage, seeded, DateTimeOffset.UtcNow);

        Assert.Contains(manager.Email, printed);
        Assert.Contains(manager.Password, printed);
        Assert.Contains(manager.AuthenticatorKey, printed);
        Assert.Contains($"dotnet run --project src/Crossing.Cli -- demo totp --data \"{web.Storage.DataDirectory}\"", printed);
        var client = await web.SignedInClientAsync(AsTestStaff(manager));
        var me = await client.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("field-manager", me!.Role);
        Assert.Equal(["east", "north", "west"], me.Compartments);
    }

    [Fact]
    public async Task Demo_has_one_enrolled_demo_account_per_role_and_coordinators_in_one_compartment_each()
    {
        await using var web = await WebFactory.CreateAsync();
        var seeded = await web.InScopeAsync(s => DemoSeeder.SeedAsync(s, CancellationToken.None));

        Assert.True(seeded.Created);
        Assert.Equal(Enum.GetValues<StaffRole>().Order(), seeded.Accounts.Select(a => a.Role).Distinct().Order());
        Assert.All(seeded.Accounts, a => Assert.Matches("^[A-Z2-7]{32}$", a.AuthenticatorKey));
        Assert.All(seeded.Accounts, a => Assert.EndsWith("@" + DemoSeeder.EmailDomain, a.Email));
        Assert.Equal(
            [["east"], ["west"]],
            seeded.Accounts.Where(a => a.Role == StaffRole.FieldCoordinator).Select(a => a.Compartments.ToArray()).ToArray());
        var (allDemo, intact) = await web.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<CrossingDbContext>();
            return (db.Users.All(u => u.IsDemo && u.TwoFactorEnabled), (await s.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact);
        });
        Assert.True(allDemo);
        Assert.True(intact);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing_and_reports_the_same_accounts()
    {
        await using var web = await WebFactory.CreateAsync();
        var first = await web.InScopeAsync(s => DemoSeeder.SeedAsync(s, CancellationToken.None));
        var events = await web.InScopeAsync(s => Task.FromResult(s.GetRequiredService<CrossingDbContext>().AuditEvents.Count()));

        var second = await web.InScopeAsync(s => DemoSeeder.SeedAsync(s, CancellationToken.None));

        Assert.False(second.Created);
        static string Describe(DemoAccount a) => $"{a.Email} {a.Code} {a.Role} {a.AuthenticatorKey} {string.Join(',', a.Compartments)}";
        Assert.Equal(first.Accounts.Select(Describe), second.Accounts.Select(Describe));
        Assert.Equal(events, await web.InScopeAsync(s => Task.FromResult(s.GetRequiredService<CrossingDbContext>().AuditEvents.Count())));
    }

    [Fact]
    public async Task Demo_is_not_seeded_into_a_folder_with_real_staff_and_prints_no_credentials()
    {
        await using var web = await WebFactory.CreateAsync();
        await web.AddStaffAsync();

        var result = await web.InScopeAsync(s => DemoSeeder.SeedAsync(s, CancellationToken.None));

        Assert.False(result.Created);
        Assert.Empty(result.Accounts);
        var printed = DemoStart.Announcement("http://localhost:5000/Account/SignIn", web.Storage, result, DateTimeOffset.UtcNow);
        Assert.DoesNotContain(DemoSeeder.Password, printed);
        Assert.Contains("not demo accounts", printed);
    }

    [Fact]
    public void Demo_code_matches_the_RFC_6238_test_vector()
    {
        // RFC 6238 appendix B, SHA-1, key "12345678901234567890" (base32 below), T = 59 s: 94287082 -> last 6 digits.
        Assert.Equal("287082", DemoTotp.CurrentCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal("005924", DemoTotp.CurrentCode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", DateTimeOffset.FromUnixTimeSeconds(1234567890)));
    }

    [Fact]
    public void Demo_switch_is_removed_before_ASP_NET_reads_the_command_line()
    {
        var start = HostStart.Parse(["--demo", "--data", "/tmp/x", "--urls", "http://127.0.0.1:0"]);

        Assert.True(start.Demo);
        Assert.Equal(["--data", "/tmp/x", "--urls", "http://127.0.0.1:0"], start.HostArgs);
        Assert.False(HostStart.Parse(["--data", "d"]).Demo);
    }
}
