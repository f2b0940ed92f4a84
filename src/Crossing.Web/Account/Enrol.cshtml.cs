using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace Crossing.Web.Account;

/// <summary>
/// Setting up the mandatory second factor after a password-only sign-in: the key as text and as a QR code (a PNG
/// from this page's own URL, no script), then one code from the app to prove it works.
/// </summary>
[Authorize(Policy = Policies.PasswordOnly)]
public sealed class EnrolModel(SignInManager<StaffMember> signIn, UserManager<StaffMember> users, IUserStore<StaffMember> store, SignInAudit audit) : AccountPageModel
{
    public const string Issuer = "Crossing";

    [BindProperty, Required, StringLength(20)]
    public string Code { get; set; } = "";

    public string FormattedKey { get; private set; } = "";
    public bool AlreadyEnrolled { get; private set; }

    /// <summary>Shown once, right after enrolment; only their hashes are kept.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string ContinueUrl => ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync()
    {
        var (staff, stop) = await CurrentAsync();
        if (stop is not null)
            return stop;
        if (AlreadyEnrolled)
            return Page();
        FormattedKey = Format(await KeyAsync(staff!));
        return Page();
    }

    /// <summary>The QR code of the otpauth URI. Never cached: it carries the secret.</summary>
    public async Task<IActionResult> OnGetQrAsync()
    {
        var (staff, stop) = await CurrentAsync();
        if (stop is not null || AlreadyEnrolled)
            return NotFound();
        var key = await KeyAsync(staff!);
        var uri = $"otpauth://totp/{Issuer}:{Uri.EscapeDataString(staff!.Code)}?secret={key}&issuer={Issuer}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(5), "image/png");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (staff, stop) = await CurrentAsync();
        if (stop is not null)
            return stop;
        if (AlreadyEnrolled)
            return RedirectBack();

        var provider = users.Options.Tokens.AuthenticatorTokenProvider;
        if (!ModelState.IsValid || !await users.VerifyTwoFactorTokenAsync(staff!, provider, CleanCode(Code)))
        {
            await users.AccessFailedAsync(staff!);
            await audit.RecordAsync(staff, SignInAudit.Enrolment, "wrong-code", ct);
            if (await users.IsLockedOutAsync(staff!))
            {
                await signIn.SignOutAsync();
                return RedirectToPage("SignIn");
            }
            Error = "Account.Enrol.Invalid";
            FormattedKey = Format(await KeyAsync(staff!));
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(staff!, true);
        NewRecoveryCodes = await RecoveryCodes.ReplaceAsync(users, store, staff!, ct);
        await users.ResetAccessFailedCountAsync(staff!);
        await audit.RecordAsync(staff, SignInAudit.Enrolment, "ok", ct);
        // Enabling the factor changed the security stamp; sign in again, now as a second-factor session.
        await signIn.SignInWithClaimsAsync(staff!, isPersistent: false, [new Claim(StaffClaims.AuthenticationMethod, StaffClaims.MultiFactor)]);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<(StaffMember? Staff, IActionResult? Stop)> CurrentAsync()
    {
        var staff = await users.GetUserAsync(User);
        if (staff is null)
        {
            await signIn.SignOutAsync();
            return (null, RedirectToPage("SignIn"));
        }
        if (staff.TwoFactorEnabled)
        {
            // Enrolled, yet this session has no second factor: it must go through the code page, not re-enrol.
            if (!StaffClaims.HasStrongSignIn(User))
            {
                await signIn.SignOutAsync();
                return (staff, RedirectToPage("SignIn", new { ReturnUrl }));
            }
            AlreadyEnrolled = true;
        }
        return (staff, null);
    }

    private async Task<string> KeyAsync(StaffMember staff)
    {
        var key = await users.GetAuthenticatorKeyAsync(staff);
        if (!string.IsNullOrEmpty(key))
            return key;
        await users.ResetAuthenticatorKeyAsync(staff);
        // A new key changes the security stamp; renew this session's cookie so it survives the next request.
        await signIn.RefreshSignInAsync(staff);
        return await users.GetAuthenticatorKeyAsync(staff) ?? throw new InvalidOperationException("No authenticator key after reset.");
    }

    private static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
