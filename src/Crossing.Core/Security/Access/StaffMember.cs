using Microsoft.AspNetCore.Identity;

namespace Crossing.Core.Security.Access;

/// <summary>A staff account. Sign-in, password hashing, lockout and the authenticator key come from ASP.NET Core Identity.</summary>
public sealed class StaffMember : IdentityUser<Guid>
{
    /// <summary>Short pseudonymous code used in the audit log instead of the e-mail address, e.g. S-4F2K.</summary>
    public string Code { get; set; } = "";

    public StaffRole Role { get; set; }

    /// <summary>Demo accounts are synthetic; only they may have their current TOTP code printed by the demo tools.</summary>
    public bool IsDemo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A service account for automation: no password, never signs in on a page, its token is its only credential.</summary>
    public bool IsService { get; set; }

    /// <summary>Set by `crossing staff disable`: the account's sessions and tokens stop working. Unlike a lock-out it does not end by itself.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The 30-second step of the last authenticator code accepted; a code of this step or an earlier one is refused (no replay).</summary>
    public long LastTotpStep { get; set; }

    public List<StaffCompartment> Compartments { get; set; } = [];
}

public sealed class StaffCompartment
{
    public Guid StaffMemberId { get; set; }
    public CompartmentId CompartmentId { get; set; }
}
