using System.CommandLine;
using System.Globalization;
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
        return new Command("staff", "Manage staff accounts, service accounts and their API tokens.")
        {
            BuildAdd(context), BuildIssueToken(context), BuildTokens(context), BuildRevokeToken(context), BuildDisable(context),
        };
    }

    private static Option<int> ExpiresDays() => new("--expires-days")
    {
        Description = $"Days until the token expires (1 to {ApiToken.MaximumLifetimeDays}; default {ApiToken.DefaultLifetimeDays}).",
        DefaultValueFactory = _ => ApiToken.DefaultLifetimeDays,
    };

    private static Option<string> EmailOption(string description) => new("--email") { Description = description, Required = true };

    private static async Task<StaffMember> FindAsync(StaffDirectory directory, string email, CancellationToken ct) =>
        await directory.FindByEmailAsync(email.Trim(), ct) ?? throw new CliException("No staff account has that e-mail address.");

    private static Command BuildAdd(CliContext context)
    {
        var email = EmailOption("The account's e-mail address (its sign-in name; for a service account any NAME@DOMAIN naming the automation).");
        var role = new Option<string>("--role")
        {
            Description = "administrator, field-manager, field-coordinator, finance, resettlement or storyteller.",
            Required = true,
        };
        var compartments = new Option<string[]>("--compartment") { Description = "A compartment to grant; repeat for several." };
        var service = new Option<bool>("--service") { Description = "A service account for automation: no password, never signs in on a page; its token is its only credential." };
        var token = new Option<bool>("--token") { Description = "Also issue an API token (printed once). Only with --service: a person gets a token after enrolling a second factor (`staff issue-token`)." };
        var expires = ExpiresDays();
        var add = new Command("add", "Create a staff account with a generated initial password (printed once), or a service account.") { email, role, compartments, service, token, expires };
        add.SetAction(async (result, ct) =>
        {
            if (!RolePermissions.TryParse(result.GetRequiredValue(role), out var staffRole))
                throw new CliException($"Unknown role '{result.GetValue(role)}'. Use one of: {string.Join(", ", Enum.GetValues<StaffRole>().Select(r => r.Slug()))}.");
            var isService = result.GetValue(service);
            if (result.GetValue(token) && !isService)
                throw new CliException(
                    "A person's account gets a token only after that person has enrolled a second factor. Create the account without --token, " +
                    "let them sign in and enrol, then run `crossing staff issue-token --email ...`; for automation use `staff add --service ... --token`.");
            await using var session = await context.OpenAsync(result, ct);
            var directory = session.Get<StaffDirectory>();
            var db = session.Get<CrossingDbContext>();
            var password = isService ? null : InitialPassword.New();
            string? secret = null;
            StaffMember staff;
            var address = result.GetRequiredValue(email).Trim();
            var granted = result.GetValue(compartments) ?? [];
            // One transaction: an account never exists without its audit event, nor a token without its account.
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                staff = isService
                    ? await directory.AddServiceAccountAsync(address, staffRole, granted, CliContext.Actor, ct)
                    : await directory.AddStaffAsync(address, staffRole, granted, password, CliContext.Actor, ct: ct);
                if (result.GetValue(token))
                    secret = await directory.IssueTokenAsync(staff, CliContext.Actor, result.GetValue(expires), ct);
                await tx.CommitAsync(ct);
            }
            var names = granted.Select(c => c.Trim().ToLowerInvariant()).Distinct().ToArray();
            context.Report(result,
                new { email = staff.Email, code = staff.Code, role = staffRole.Slug(), compartments = names, initialPassword = password, token = secret },
                isService
                    ? $"Service account {staff.Code} ({staffRole.Slug()}) created for {staff.Email}. It has no password; issue it a token with `crossing staff issue-token`."
                    : $"Staff {staff.Code} ({staffRole.Slug()}) created for {staff.Email}.\nInitial password (shown once; the account enrols a second factor at first sign-in): {password}",
                alwaysJson: secret is not null);
            return Cli.Ok;
        });
        return add;
    }

    private static Command BuildIssueToken(CliContext context)
    {
        var email = EmailOption("The service account, or a person who has enrolled a second factor.");
        var expires = ExpiresDays();
        var issue = new Command("issue-token", "Issue an API token (printed once, as JSON) to a service account or an enrolled person.") { email, expires };
        issue.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var directory = session.Get<StaffDirectory>();
            var staff = await FindAsync(directory, result.GetRequiredValue(email), ct);
            var secret = await directory.IssueTokenAsync(staff, CliContext.Actor, result.GetValue(expires), ct);
            context.Report(result, new { email = staff.Email, code = staff.Code, token = secret }, "", alwaysJson: true);
            return Cli.Ok;
        });
        return issue;
    }

    private static Command BuildTokens(CliContext context)
    {
        var email = EmailOption("The account whose tokens to list.");
        var list = new Command("tokens", "List an account's API tokens: hint, created, expires, revoked (never the secret).") { email };
        list.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var directory = session.Get<StaffDirectory>();
            var staff = await FindAsync(directory, result.GetRequiredValue(email), ct);
            var tokens = await directory.TokensAsync(staff, ct);
            var now = session.Get<TimeProvider>().GetUtcNow();
            var rows = tokens.Select(t => new
            {
                hint = t.Hint,
                created = t.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                expires = t.Expires.ToString("O", CultureInfo.InvariantCulture),
                revoked = t.RevokedAt?.ToString("O", CultureInfo.InvariantCulture),
                active = t.IsActiveAt(now),
            }).ToList();
            var text = rows.Count == 0
                ? $"{staff.Code} has no tokens."
                : string.Join('\n', rows.Select(r => $"{r.hint}…  created {r.created[..10]}  expires {r.expires[..10]}  {(r.revoked is null ? (r.active ? "active" : "expired") : "revoked " + r.revoked[..10])}"));
            context.Report(result, new { code = staff.Code, tokens = rows }, text);
            return Cli.Ok;
        });
        return list;
    }

    private static Command BuildRevokeToken(CliContext context)
    {
        var email = EmailOption("The account whose API tokens to revoke.");
        var hint = new Option<string?>("--hint") { Description = "Revoke only the token with this hint (from `staff tokens`); default: every active token." };
        var revoke = new Command("revoke-token", "Revoke an account's active API tokens (or one of them with --hint).") { email, hint };
        revoke.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var directory = session.Get<StaffDirectory>();
            var staff = await FindAsync(directory, result.GetRequiredValue(email), ct);
            var revoked = await directory.RevokeTokensAsync(staff, CliContext.Actor, result.GetValue(hint)?.TrimEnd('…'), ct);
            context.Report(result, new { code = staff.Code, revoked }, $"Revoked {revoked} token(s) of {staff.Code}.");
            return Cli.Ok;
        });
        return revoke;
    }

    private static Command BuildDisable(CliContext context)
    {
        var email = EmailOption("The account to disable.");
        var disable = new Command("disable", "Disable an account: its sessions end at their next request and its tokens stop working.") { email };
        disable.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var directory = session.Get<StaffDirectory>();
            var staff = await FindAsync(directory, result.GetRequiredValue(email), ct);
            await directory.DisableAsync(staff, CliContext.Actor, ct);
            context.Report(result, new { code = staff.Code, disabled = true }, $"Staff {staff.Code} is disabled.");
            return Cli.Ok;
        });
        return disable;
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
