using System.CommandLine;
using System.Security.Cryptography;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;

namespace Crossing.Cli;

internal static class StaffCommands
{
    public static Command BuildCompartment(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Lower-case letters, digits and dashes, e.g. route-north." };
        var add = new Command("add", "Create a compartment (a need-to-know unit).") { name };
        add.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var compartment = await session.Get<StaffDirectory>().AddCompartmentAsync(result.GetRequiredValue(name), CliContext.Actor, ct);
            context.Report(result, new { name = compartment.Name, id = compartment.Id.Value }, $"Compartment {compartment.Name} created.");
            return Cli.Ok;
        });
        return new Command("compartment", "Manage compartments.") { add };
    }

    public static Command BuildStaff(CliContext context)
    {
        return new Command("staff", "Manage staff accounts and their API tokens.") { BuildAdd(context), BuildRevokeToken(context) };
    }

    private static Command BuildAdd(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The account's e-mail address (its sign-in name).", Required = true };
        var role = new Option<string>("--role")
        {
            Description = "administrator, field-manager, field-coordinator, finance, resettlement or storyteller.",
            Required = true,
        };
        var compartments = new Option<string[]>("--compartment") { Description = "A compartment to grant; repeat for several." };
        var token = new Option<bool>("--token") { Description = "Also issue an API token (printed once)." };
        var add = new Command("add", "Create a staff account with a generated initial password, printed once.") { email, role, compartments, token };
        add.SetAction(async (result, ct) =>
        {
            if (!RolePermissions.TryParse(result.GetRequiredValue(role), out var staffRole))
                throw new CliException($"Unknown role '{result.GetValue(role)}'. Use one of: {string.Join(", ", Enum.GetValues<StaffRole>().Select(r => r.Slug()))}.");
            await using var session = await context.OpenAsync(result, ct);
            var directory = session.Get<StaffDirectory>();
            var db = session.Get<CrossingDbContext>();
            var password = InitialPassword.New();
            string? secret = null;
            StaffMember staff;
            // One transaction: an account never exists without its audit event, nor a token without its account.
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                staff = await directory.AddStaffAsync(result.GetRequiredValue(email).Trim(), staffRole, result.GetValue(compartments) ?? [], password, CliContext.Actor, ct: ct);
                if (result.GetValue(token))
                    secret = await directory.IssueTokenAsync(staff, CliContext.Actor, ct);
                await tx.CommitAsync(ct);
            }
            var granted = result.GetValue(compartments)?.Select(c => c.Trim().ToLowerInvariant()).Distinct().ToArray() ?? [];
            context.Report(result,
                new { email = staff.Email, code = staff.Code, role = staffRole.Slug(), compartments = granted, initialPassword = password, token = secret },
                $"Staff {staff.Code} ({staffRole.Slug()}) created for {staff.Email}.\nInitial password (shown once; the account enrols a second factor at first sign-in): {password}",
                alwaysJson: secret is not null);
            return Cli.Ok;
        });
        return add;
    }

    private static Command BuildRevokeToken(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The account whose API tokens to revoke.", Required = true };
        var revoke = new Command("revoke-token", "Revoke every active API token of a staff account.") { email };
        revoke.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var directory = session.Get<StaffDirectory>();
            var staff = await directory.FindByEmailAsync(result.GetRequiredValue(email).Trim(), ct)
                ?? throw new CliException("No staff account has that e-mail address.");
            var revoked = await directory.RevokeTokensAsync(staff, CliContext.Actor, ct);
            context.Report(result, new { code = staff.Code, revoked }, $"Revoked {revoked} token(s) of {staff.Code}.");
            return Cli.Ok;
        });
        return revoke;
    }
}

/// <summary>A generated first password: 24 characters from an unambiguous alphabet (about 138 bits), meeting Identity's rules.</summary>
internal static class InitialPassword
{
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Alphabet = Lower + "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New()
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(Alphabet, 24);
            if (candidate.Any(char.IsAsciiDigit) && candidate.Any(char.IsAsciiLetterLower) && candidate.Any(char.IsAsciiLetterUpper))
                return candidate;
        }
    }
}
