using System.CommandLine;
using Crossing.Core.Demo;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Cli;

internal static class DemoCommands
{
    public static Command Build(CliContext context)
    {
        var demo = new Command("demo", "Fill an empty data folder with the invented demonstration story and its demo staff accounts.") { BuildTotp(context) };
        demo.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var seeded = await DemoSeeder.SeedAsync(session.Services, ct);
            if (!seeded.Created && seeded.Accounts.Count == 0)
                throw new CliException("This data folder already has real staff accounts; demo data goes only into a new, empty data folder.");
            await session.Get<IAuditLog>().AppendAsync(new AuditEntry(CliContext.Actor, "demo.seed", null, seeded.Created ? "seeded" : "already seeded"), ct);
            var accounts = seeded.Accounts.Select(a => new { handle = a.Handle, email = a.Email, code = a.Code, role = a.Role.Slug(), compartments = a.Compartments, password = a.Password });
            var lines = seeded.Accounts.Select(a => $"  {a.Email,-42} {a.Role.Slug(),-18} {string.Join(",", a.Compartments)}");
            context.Report(result, new { created = seeded.Created, accounts },
                $"{(seeded.Created ? "Demo data seeded" : "Demo data was already here")}. Every demo account's password is {DemoSeeder.Password}; " +
                $"get its current second-factor code with `crossing demo totp --email EMAIL`.\n{string.Join('\n', lines)}");
            return Cli.Ok;
        });
        return demo;
    }

    /// <summary>Prints current TOTP codes for demo accounts only; a real account's second factor is never shown.</summary>
    private static Command BuildTotp(CliContext context)
    {
        var email = new Option<string?>("--email") { Description = "One demo account (default: every demo account)." };
        var totp = new Command("totp", "Print the current authenticator code of demo accounts (refused for real accounts).") { email };
        totp.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var db = session.Get<CrossingDbContext>();
            var users = session.Get<UserManager<StaffMember>>();
            List<StaffMember> accounts;
            if (result.GetValue(email) is { } wanted)
            {
                var member = await session.Get<StaffDirectory>().FindByEmailAsync(wanted.Trim(), ct)
                    ?? throw new CliException("No staff account has that e-mail address.");
                if (!member.IsDemo)
                    throw new CliException($"{member.Code} is a real account, not a demo account: its second-factor codes are never printed.");
                accounts = [member];
            }
            else
            {
                accounts = await db.Users.Where(u => u.IsDemo).OrderBy(u => u.Email).ToListAsync(ct);
                if (accounts.Count == 0)
                    throw new CliException("This data folder has no demo accounts. Seed them with `crossing demo` in a new data folder.");
            }
            var now = TimeProvider.System.GetUtcNow();
            var codes = new List<(string Email, string Code, string Totp)>();
            foreach (var member in accounts)
            {
                var key = await users.GetAuthenticatorKeyAsync(member)
                    ?? throw new CliException($"Demo account {member.Code} has no authenticator enrolled.");
                codes.Add((member.Email!, member.Code, DemoTotp.CurrentCode(key, now)));
            }
            await session.Get<IAuditLog>().AppendAsync(new AuditEntry(CliContext.Actor, "demo.totp", accounts.Count == 1 ? "staff:" + accounts[0].Code : null, $"{accounts.Count} demo codes"), ct);
            var seconds = DemoTotp.SecondsRemaining(now);
            context.Report(result,
                new { secondsRemaining = seconds, codes = codes.Select(c => new { email = c.Email, code = c.Code, totp = c.Totp }) },
                string.Join('\n', codes.Select(c => $"{c.Totp}  {c.Email}")) + $"\n(valid for {seconds} more seconds)");
            return Cli.Ok;
        });
        return totp;
    }
}
