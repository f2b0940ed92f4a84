using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Access;

public sealed class StaffDirectoryException(string message) : Exception(message);

/// <summary>Compartments, staff accounts and API tokens: every change here is an audit event.</summary>
public sealed class StaffDirectory(CrossingDbContext db, UserManager<StaffMember> users, IAuditLog audit, TimeProvider time)
{
    public async Task<Compartment> AddCompartmentAsync(string name, string actor, CancellationToken ct = default)
    {
        var compartment = Compartment.Create(name, time.GetUtcNow());
        if (await db.Compartments.AnyAsync(c => c.Name == compartment.Name, ct))
            throw new StaffDirectoryException($"Compartment '{compartment.Name}' already exists.");
        db.Compartments.Add(compartment);
        await audit.AppendAsync(new AuditEntry(actor, "compartment.add", "compartment:" + compartment.Name), ct);
        return compartment;
    }

    public Task<StaffMember> AddStaffAsync(string email, StaffRole role, IReadOnlyCollection<string> compartmentNames, string? password, string actor, bool isDemo = false, CancellationToken ct = default) =>
        AddAccountAsync(email, role, compartmentNames, password, actor, isDemo, isService: false, ct);

    /// <summary>An account for automation: no password, so it can never sign in on a page; its token is its only credential.</summary>
    public Task<StaffMember> AddServiceAccountAsync(string email, StaffRole role, IReadOnlyCollection<string> compartmentNames, string actor, CancellationToken ct = default) =>
        AddAccountAsync(email, role, compartmentNames, null, actor, isDemo: false, isService: true, ct);

    private async Task<StaffMember> AddAccountAsync(string email, StaffRole role, IReadOnlyCollection<string> compartmentNames, string? password, string actor, bool isDemo, bool isService, CancellationToken ct)
    {
        var wanted = compartmentNames.Select(n => n.Trim().ToLowerInvariant()).Distinct().ToList();
        var compartments = await db.Compartments.Where(c => wanted.Contains(c.Name)).ToListAsync(ct);
        var unknown = wanted.Except(compartments.Select(c => c.Name)).ToList();
        if (unknown.Count > 0)
            throw new StaffDirectoryException($"Unknown compartment: {string.Join(", ", unknown)}. Create it first with `crossing compartment add NAME`.");

        var staff = new StaffMember
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Role = role,
            IsDemo = isDemo,
            IsService = isService,
            Code = await NewStaffCodeAsync(ct),
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
            Compartments = [.. compartments.Select(c => new StaffCompartment { CompartmentId = c.Id })],
        };
        var result = password is null ? await users.CreateAsync(staff) : await users.CreateAsync(staff, password);
        if (!result.Succeeded)
            throw new StaffDirectoryException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await audit.AppendAsync(new AuditEntry(actor, (isService ? "staff.add-service:" : "staff.add:") + role.Slug(), "staff:" + staff.Code), ct);
        return staff;
    }

    /// <summary>
    /// A token for a service account, or for a person who has enrolled a second factor: a token must never be a way
    /// round the second factor. Expires after <paramref name="lifetimeDays"/>.
    /// </summary>
    public async Task<string> IssueTokenAsync(StaffMember staff, string actor, int lifetimeDays = ApiToken.DefaultLifetimeDays, CancellationToken ct = default)
    {
        if (staff.DisabledAt is not null)
            throw new StaffDirectoryException($"Staff {staff.Code} is disabled; a disabled account gets no token.");
        if (!staff.IsService && !staff.TwoFactorEnabled)
            throw new StaffDirectoryException(
                $"Staff {staff.Code} has not enrolled a second factor, so it gets no token: a person's token exists only once that person has a second factor. " +
                "Let them sign in and enrol first, or create a service account for automation with `crossing staff add --service`.");
        var (token, secret) = ApiToken.Issue(staff.Id, time.GetUtcNow(), lifetimeDays);
        db.ApiTokens.Add(token);
        await audit.AppendAsync(new AuditEntry(actor, "token.issue", "staff:" + staff.Code, $"expires {token.Expires:yyyy-MM-dd}"), ct);
        return secret;
    }

    /// <summary>Revokes the account's active tokens, or only the one whose hint is given.</summary>
    public async Task<int> RevokeTokensAsync(StaffMember staff, string actor, string? hint = null, CancellationToken ct = default)
    {
        var tokens = await db.ApiTokens.Where(t => t.StaffMemberId == staff.Id && t.RevokedAt == null && (hint == null || t.Hint == hint)).ToListAsync(ct);
        foreach (var token in tokens)
            token.Revoke(time.GetUtcNow());
        await audit.AppendAsync(new AuditEntry(actor, "token.revoke", "staff:" + staff.Code, $"revoked {tokens.Count}"), ct);
        return tokens.Count;
    }

    public Task<List<ApiToken>> TokensAsync(StaffMember staff, CancellationToken ct = default) =>
        db.ApiTokens.AsNoTracking().Where(t => t.StaffMemberId == staff.Id).OrderBy(t => t.CreatedAt).ToListAsync(ct);

    /// <summary>Ends the account's sessions (new security stamp) and stops its tokens, until an administrator acts again.</summary>
    public async Task DisableAsync(StaffMember staff, string actor, CancellationToken ct = default)
    {
        staff.DisabledAt ??= time.GetUtcNow();
        var result = await users.UpdateSecurityStampAsync(staff);
        if (!result.Succeeded)
            throw new StaffDirectoryException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await audit.AppendAsync(new AuditEntry(actor, "staff.disable", "staff:" + staff.Code), ct);
    }

    public Task<StaffMember?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var normalized = users.NormalizeEmail(email);
        return db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }

    /// <summary>Resolves a signed-in person, with compartments; null for an unknown, disabled, locked-out or service account.</summary>
    public Task<StaffCaller?> CallerAsync(Guid staffId, CancellationToken ct = default) => ResolveAsync(staffId, viaToken: false, ct);

    /// <summary>Resolves the owner of a token already checked by <see cref="CallerForTokenAsync"/>: a lock-out does not stop it, disabling does.</summary>
    public Task<StaffCaller?> TokenOwnerAsync(Guid staffId, CancellationToken ct = default) => ResolveAsync(staffId, viaToken: true, ct);

    private async Task<StaffCaller?> ResolveAsync(Guid staffId, bool viaToken, CancellationToken ct)
    {
        var staff = await db.Users.AsNoTracking().Include(u => u.Compartments).SingleOrDefaultAsync(u => u.Id == staffId, ct);
        if (staff is null || staff.DisabledAt is not null)
            return null;
        // A password lock-out stops sessions, not tokens: anyone can type five wrong passwords, and automation
        // must not stop for it. Disabling the account stops both.
        if (!viaToken && (staff.IsService || (staff.LockoutEnd is { } end && end > time.GetUtcNow())))
            return null;
        return new StaffCaller(staff.Id, staff.Code, staff.Role, staff.Compartments.Select(c => c.CompartmentId));
    }

    /// <summary>Finds the active token's owner. The lookup is by hash; the final comparison is constant-time.</summary>
    public async Task<StaffCaller?> CallerForTokenAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || presented.Length > 200)
            return null;
        var hash = ApiToken.HashOf(presented);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null || !token.IsActiveAt(time.GetUtcNow()) || !token.Matches(presented))
            return null;
        return await ResolveAsync(token.StaffMemberId, viaToken: true, ct);
    }

    private async Task<string> NewStaffCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = PseudonymousCode.New('S');
            if (!await db.Users.AnyAsync(u => u.Code == code, ct))
                return code;
        }
    }

    /// <summary>The names of the compartments a caller holds, in order.</summary>
    public async Task<IReadOnlyList<string>> CompartmentNamesAsync(StaffCaller caller, CancellationToken ct = default)
    {
        var ids = caller.Compartments.ToList();
        return await db.Compartments.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
    }

    /// <summary>How many staff accounts and compartments exist (for the administrator's dashboard).</summary>
    public async Task<(int Staff, int Compartments)> CountsAsync(CancellationToken ct = default) =>
        (await db.Users.CountAsync(ct), await db.Compartments.CountAsync(ct));
}
