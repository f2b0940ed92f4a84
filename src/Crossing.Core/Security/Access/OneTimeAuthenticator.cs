using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Crossing.Core.Security.Access;

/// <summary>
/// Checks authenticator codes (RFC 6238: SHA-1, 30-second steps, 6 digits) and accepts each one once: the step of the
/// last accepted code is stored on the account, and a code of that step or an earlier one is refused, so a code read
/// over a shoulder or from a proxy log cannot be replayed. The window is one step either side (clock drift).
/// Replaces Identity's AuthenticatorTokenProvider, which accepts steps -2..+2 any number of times.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<StaffMember>
{
    public const int StepSeconds = 30;
    public static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffMember> manager, StaffMember user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffMember> manager, StaffMember user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffMember> manager, StaffMember user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit))
            return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key))
            return false;
        var totp = new Totp(Base32Encoding.ToBytes(key), step: StepSeconds);
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, token, out var step, Window) || step <= user.LastTotpStep)
            return false;
        user.LastTotpStep = step;
        // The update carries the account's concurrency stamp: of two requests racing with one code, one fails here.
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}
