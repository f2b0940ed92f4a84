using System.ComponentModel.DataAnnotations;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<StaffMember> signIn, UserManager<StaffMember> users, SignInAudit audit, PasswordTiming timing) : AccountPageModel
{
    // One message for every failure, so the page does not tell an outsider which e-mail addresses are staff.
    /// <summary>A key in AccountText.</summary>
    public const string Failed = "Account.SignIn.Failed";

    [BindProperty]
    public SignInForm Form { get; set; } = new();

    public sealed class SignInForm
    {
        [Required, EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required, StringLength(256), DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Error = "Account.SignIn.Missing";
            return Page();
        }
        var staff = await users.FindByEmailAsync(Form.Email);
        if (staff is null)
        {
            timing.SpendOnNothing(Form.Password);
            await audit.RecordAsync(null, SignInAudit.PasswordStep, "unknown-account", ct);
            Error = Failed;
            return Page();
        }
        // A service account has no password and never signs in on a page; a locked or disabled account is refused
        // before any password check. Each still costs one hash verification, like every other failure.
        if (staff.IsService || staff.DisabledAt is not null || await users.IsLockedOutAsync(staff))
        {
            timing.SpendOnNothing(Form.Password);
            await audit.RecordAsync(staff, SignInAudit.PasswordStep, staff.IsService ? "service-account" : staff.DisabledAt is not null ? "disabled" : "locked-out", ct);
            Error = Failed;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(staff, Form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            await audit.RecordAsync(staff, SignInAudit.PasswordStep, "ok-second-factor-next", ct);
            return RedirectToPage("Verify", new { ReturnUrl });
        }
        if (result.Succeeded)
        {
            // Password only: the cookie opens nothing but enrolment until a second factor is set up.
            await audit.RecordAsync(staff, SignInAudit.PasswordStep, "ok-enrolment-next", ct);
            return RedirectToPage("Enrol", new { ReturnUrl });
        }
        await audit.RecordAsync(staff, SignInAudit.PasswordStep, result.IsLockedOut ? "locked-out" : "wrong-password", ct);
        Error = Failed;
        return Page();
    }
}
