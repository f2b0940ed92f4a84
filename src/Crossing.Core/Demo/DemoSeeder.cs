using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Demo;

/// <summary>A demo sign-in: every demo account shares <see cref="DemoSeeder.Password"/> and is pre-enrolled in TOTP.</summary>
public sealed record DemoAccount(string Handle, string Email, string Code, StaffRole Role, IReadOnlyList<string> Compartments, string Password, string AuthenticatorKey);

/// <param name="Created">False when the data folder already held staff and nothing was written.</param>
/// <param name="Accounts">The demo accounts present after seeding (also when they existed before).</param>
public sealed record DemoSeedResult(bool Created, IReadOnlyList<DemoAccount> Accounts)
{
    public DemoAccount? Account(string handle) => Accounts.FirstOrDefault(a => a.Handle == handle);
}

/// <summary>What a capability's demo data can build on: the demo compartments and staff, inside the seeding transaction.</summary>
public sealed record DemoSeedContext(
    IServiceProvider Services,
    IReadOnlyDictionary<string, Compartment> Compartments,
    IReadOnlyDictionary<string, StaffMember> Staff,
    TimeProvider Time)
{
    public const string Actor = "system:demo";
}

/// <summary>
/// The invented organisation every demo starts from: compartments, one staff member per role, all with the same
/// well-known password and an authenticator already enrolled. Synthetic only: e-mails are under .invalid and every
/// account is marked <see cref="StaffMember.IsDemo"/>.
/// </summary>
public static class DemoSeeder
{
    public const string Password = "crossing-demo-2026";
    public const string EmailDomain = "demo.crossing.invalid";
    public const string FieldManager = "manager";

    public static readonly IReadOnlyList<string> CompartmentNames = ["east", "west", "north", "resettlement"];

    private static readonly (string Handle, StaffRole Role, string[] Compartments)[] People =
    [
        ("admin", StaffRole.Administrator, []),
        (FieldManager, StaffRole.FieldManager, ["east", "west", "north"]),
        ("coordinator.east", StaffRole.FieldCoordinator, ["east"]),
        ("coordinator.west", StaffRole.FieldCoordinator, ["west"]),
        ("finance", StaffRole.Finance, []),
        ("resettlement", StaffRole.Resettlement, ["resettlement"]),
        ("storyteller", StaffRole.Storyteller, ["resettlement"]),
    ];

    public static string EmailOf(string handle) => $"{handle}@{EmailDomain}";

    /// <summary>
    /// Seeds the demo in one transaction, so an interrupted run leaves nothing behind. Does nothing when any staff
    /// member exists (a real installation, or a demo seeded before); the result then lists the demo accounts found.
    /// </summary>
    public static async Task<DemoSeedResult> SeedAsync(IServiceProvider scopedServices, CancellationToken ct)
    {
        var db = scopedServices.GetRequiredService<CrossingDbContext>();
        var users = scopedServices.GetRequiredService<UserManager<StaffMember>>();
        if (await db.Users.AnyAsync(ct))
            return new DemoSeedResult(false, await ExistingAccountsAsync(db, users, ct));

        var directory = scopedServices.GetRequiredService<StaffDirectory>();
        var time = scopedServices.GetRequiredService<TimeProvider>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var compartments = new Dictionary<string, Compartment>(StringComparer.Ordinal);
        foreach (var name in CompartmentNames)
            compartments[name] = await directory.AddCompartmentAsync(name, DemoSeedContext.Actor, ct);

        var staff = new Dictionary<string, StaffMember>(StringComparer.Ordinal);
        foreach (var (handle, role, names) in People)
        {
            var member = await directory.AddStaffAsync(EmailOf(handle), role, names, Password, DemoSeedContext.Actor, isDemo: true, ct);
            await EnrolAuthenticatorAsync(users, member);
            staff[handle] = member;
        }

        await SeedCapabilitiesAsync(new DemoSeedContext(scopedServices, compartments, staff, time), ct);
        await transaction.CommitAsync(ct);
        return new DemoSeedResult(true, await ExistingAccountsAsync(db, users, ct));
    }

    /// <summary>
    /// Each capability adds its demo data here, one line each, building on the compartments and staff above
    /// (for example <c>await CaseDemo.SeedAsync(context, ct);</c>). Runs inside the seeding transaction.
    /// </summary>
    private static async Task SeedCapabilitiesAsync(DemoSeedContext context, CancellationToken ct)
    {
        await Cases.CaseDemoData.SeedAsync(context, ct);
        await Funding.FundingDemoData.SeedAsync(context, ct);
    }

    private static async Task EnrolAuthenticatorAsync(UserManager<StaffMember> users, StaffMember member)
    {
        Check(await users.ResetAuthenticatorKeyAsync(member));
        Check(await users.SetTwoFactorEnabledAsync(member, true));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo seeding failed: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static async Task<IReadOnlyList<DemoAccount>> ExistingAccountsAsync(CrossingDbContext db, UserManager<StaffMember> users, CancellationToken ct)
    {
        var names = await db.Compartments.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var demoStaff = await db.Users.AsNoTracking().Include(u => u.Compartments).Where(u => u.IsDemo).ToListAsync(ct);
        var accounts = new List<DemoAccount>();
        foreach (var (handle, _, _) in People)
        {
            var member = demoStaff.FirstOrDefault(u => u.Email == EmailOf(handle));
            if (member is null)
                continue;
            var key = await users.GetAuthenticatorKeyAsync(member) ?? "";
            var compartments = member.Compartments.Select(c => names[c.CompartmentId]).Order(StringComparer.Ordinal).ToList();
            accounts.Add(new DemoAccount(handle, member.Email!, member.Code, member.Role, compartments, Password, key));
        }
        return accounts;
    }
}
