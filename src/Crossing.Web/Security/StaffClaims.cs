using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Crossing.Web.Security;

/// <summary>How a request was signed in, read from the identities the authentication handlers produced.</summary>
public static class StaffClaims
{
    /// <summary>The claim Identity adds on sign-in: "pwd" after a password alone, "mfa" after the second factor.</summary>
    public const string AuthenticationMethod = "amr";
    public const string MultiFactor = "mfa";

    /// <summary>A staff cookie that went through the second factor, or a bearer token (tokens are issued only to enrolled staff by an administrator).</summary>
    public static bool HasStrongSignIn(ClaimsPrincipal user) =>
        user.Identities.Any(i => i.IsAuthenticated &&
            (i.AuthenticationType == Policies.BearerScheme ||
             (i.AuthenticationType == IdentityConstants.ApplicationScheme && i.HasClaim(AuthenticationMethod, MultiFactor))));

    /// <summary>Signed in with a password, second factor still outstanding.</summary>
    public static bool IsPasswordOnly(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && !HasStrongSignIn(user);
}
