using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<StaffMember> signIn, UserManager<StaffMember> users, SignInAudit audit, PasswordTiming timing, SignInThrottle throttle) : AccountPageModel
{
    // One message for every failure, so the page does not tell an outsider which e-mail addresses are staff.
    /// <summary>A key in AccountText.</summary>
    public const string Failed = "Account.SignIn.Failed";

    /// <summary>A key in AccountText: too many failures for this address (real or not); <see cref="TryAgainAt"/> says when.</summary>
    public const string Throttled = "Account.SignIn.Throttled";

    /// <summary>"HH:mm" (UTC) when a throttled address may try again.</summary>
    public string? TryAgainAt { get; private set; }

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
        if (throttle.WaitUntil(Form.Email) is { } until)
        {
            // Refused before any password check, the same way for every address; still one hash of work.
            timing.SpendOnNothing(Form.Password);
            await audit.RecordAsync(staff, SignInAudit.PasswordStep, "throttled", ct);
            Error = Throttled;
            TryAgainAt = until.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            return Page();
        }
        if (staff is null)
        {
            throttle.Failed(Form.Email);
            timing.SpendOnNothing(Form.Password);
            await audit.RecordAsync(null, SignInAudit.PasswordStep, "unknown-account", ct);
            Error = Failed;
            return Page();
        }
        // A service account has no password and never signs in on a page; a locked or disabled account is refused
        // before any password check. Each still costs one hash verification, like every other failure.
        if (staff.IsService || staff.DisabledAt is not null || await users.IsLockedOutAsync(staff))
        {
            throttle.Failed(Form.Email);
            timing.SpendOnNothing(Form.Password);
            await audit.RecordAsync(staff, SignInAudit.PasswordStep, staff.IsService ? "service-account" : staff.DisabledAt is not null ? "disabled" : "locked-out", ct);
            Error = Failed;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(staff, Form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor || result.Succeeded)
            throttle.Succeeded(Form.Email);
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
        throttle.Failed(Form.Email);
        await audit.RecordAsync(staff, SignInAudit.PasswordStep, result.IsLockedOut ? "locked-out" : "wrong-password", ct);
        Error = Failed;
        return Page();
    }
}
