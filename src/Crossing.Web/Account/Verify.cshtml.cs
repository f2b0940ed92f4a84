using System.ComponentModel.DataAnnotations;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Account;

/// <summary>The second step for an enrolled account: the 6-digit code from the authenticator app.</summary>
[AllowAnonymous]
public sealed class VerifyModel(SignInManager<StaffMember> signIn, SignInAudit audit) : AccountPageModel
{
    [BindProperty, Required, StringLength(20)]
    public string Code { get; set; } = "";

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var staff = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (staff is null)
            return RedirectToPage("SignIn", new { ReturnUrl });

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(CleanCode(Code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(staff, SignInAudit.SecondFactorStep, "ok", ct);
            return RedirectBack();
        }
        await audit.RecordAsync(staff, SignInAudit.SecondFactorStep, result.IsLockedOut ? "locked-out" : "wrong-code", ct);
        if (result.IsLockedOut)
            return RedirectToPage("SignIn");
        Error = "Account.Verify.Invalid";
        return Page();
    }
}
