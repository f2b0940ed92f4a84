using System.Globalization;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Account;

/// <summary>
/// "Not allowed", or, for a session whose account is locked after failed sign-ins, until when it is locked and a way
/// to sign out (a live session of a locked account opens nothing until the lock ends).
/// </summary>
[AllowAnonymous]
public sealed class AccessDeniedModel(UserManager<StaffMember> users, TimeProvider time) : PageModel
{
    /// <summary>"HH:mm" in UTC while the signed-in account is locked; otherwise null.</summary>
    public string? LockedUntil { get; private set; }

    public bool Disabled { get; private set; }

    public bool SignedIn { get; private set; }

    public async Task OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated != true || await users.GetUserAsync(User) is not { } staff)
            return;
        SignedIn = true;
        Disabled = staff.DisabledAt is not null;
        if (staff.LockoutEnd is { } end && end > time.GetUtcNow())
            LockedUntil = end.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
    }
}
