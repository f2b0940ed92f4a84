using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Account;

/// <summary>Signing out this browser. Also open to a password-only session, so it can always leave.</summary>
[Authorize(Policy = Policies.PasswordOnly)]
public sealed class SignOutModel(SignInManager<StaffMember> signIn, UserManager<StaffMember> users, SignInAudit audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var staff = await users.GetUserAsync(User);
        await signIn.SignOutAsync();
        if (staff is not null)
            await audit.RecordAsync(staff, SignInAudit.SignOut, "ok", ct);
        return RedirectToPage("SignIn");
    }
}
