using System.ComponentModel.DataAnnotations;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Account;

/// <summary>The second step for an enrolled account: the 6-digit code from the authenticator app, or a single-use recovery code.</summary>
[AllowAnonymous]
public sealed class VerifyModel(SignInManager<StaffMember> signIn, SignInAudit audit) : AccountPageModel
{
    [BindProperty, StringLength(20)]
    public string? Code { get; set; }

    [BindProperty, StringLength(40)]
    public string? RecoveryCode { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var staff = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (staff is null)
            return RedirectToPage("SignIn", new { ReturnUrl });

        var recovery = !string.IsNullOrWhiteSpace(RecoveryCode);
        var result = !ModelState.IsValid
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : recovery
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode!)
                : await signIn.TwoFactorAuthenticatorSignInAsync(CleanCode(Code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(staff, SignInAudit.SecondFactorStep, recovery ? "ok-recovery-code" : "ok", ct);
            return RedirectBack();
        }
        await audit.RecordAsync(staff, SignInAudit.SecondFactorStep, result.IsLockedOut ? "locked-out" : recovery ? "wrong-recovery-code" : "wrong-code", ct);
        if (result.IsLockedOut)
            return RedirectToPage("SignIn");
        Error = recovery ? "Account.Verify.RecoveryInvalid" : "Account.Verify.Invalid";
        return Page();
    }
}
