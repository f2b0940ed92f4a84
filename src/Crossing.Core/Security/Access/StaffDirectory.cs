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

    public async Task<StaffMember> AddStaffAsync(string email, StaffRole role, IReadOnlyCollection<string> compartmentNames, string? password, string actor, bool isDemo = false, CancellationToken ct = default)
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
            Code = await NewStaffCodeAsync(ct),
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
            Compartments = [.. compartments.Select(c => new StaffCompartment { CompartmentId = c.Id })],
        };
        var result = password is null ? await users.CreateAsync(staff) : await users.CreateAsync(staff, password);
        if (!result.Succeeded)
            throw new StaffDirectoryException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await audit.AppendAsync(new AuditEntry(actor, "staff.add:" + role.Slug(), "staff:" + staff.Code), ct);
        return staff;
    }

    public async Task<string> IssueTokenAsync(StaffMember staff, string actor, CancellationToken ct = default)
    {
        var (token, secret) = ApiToken.Issue(staff.Id, time.GetUtcNow());
        db.ApiTokens.Add(token);
        await audit.AppendAsync(new AuditEntry(actor, "token.issue", "staff:" + staff.Code), ct);
        return secret;
    }

    public async Task<int> RevokeTokensAsync(StaffMember staff, string actor, CancellationToken ct = default)
    {
        var tokens = await db.ApiTokens.Where(t => t.StaffMemberId == staff.Id && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in tokens)
            token.Revoke(time.GetUtcNow());
        await audit.AppendAsync(new AuditEntry(actor, "token.revoke", "staff:" + staff.Code, $"revoked {tokens.Count}"), ct);
        return tokens.Count;
    }

    public Task<StaffMember?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var normalized = users.NormalizeEmail(email);
        return db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }

    /// <summary>Resolves who is calling, with compartments; null for an unknown or locked-out account.</summary>
    public async Task<StaffCaller?> CallerAsync(Guid staffId, CancellationToken ct = default)
    {
        var staff = await db.Users.AsNoTracking().Include(u => u.Compartments).SingleOrDefaultAsync(u => u.Id == staffId, ct);
        if (staff is null || (staff.LockoutEnd is { } end && end > time.GetUtcNow()))
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
        if (token is null || !token.IsActive || !token.Matches(presented))
            return null;
        return await CallerAsync(token.StaffMemberId, ct);
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
