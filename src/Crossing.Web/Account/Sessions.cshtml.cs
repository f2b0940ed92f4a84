using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Account;

/// <summary>
/// "Sign out everywhere": a new security stamp invalidates every cookie issued before it, on every device and web
/// node, at that session's next request. Needs a second-factor session, so a stolen password cannot use it.
/// </summary>
public sealed class SessionsModel(SignInManager<StaffMember> signIn, UserManager<StaffMember> users, SignInAudit audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var staff = await users.GetUserAsync(User);
        if (staff is null)
            return RedirectToPage("SignIn");
        await users.UpdateSecurityStampAsync(staff);
        await audit.RecordAsync(staff, SignInAudit.SignOutEverywhere, "ok", ct);
        await signIn.SignOutAsync();
        return RedirectToPage("SignIn");
    }
}
