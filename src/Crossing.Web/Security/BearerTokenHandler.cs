using System.Security.Claims;
using System.Text.Encodings.Web;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Crossing.Web.Security;

/// <summary>
/// Signs in API requests carrying <c>Authorization: Bearer crs_...</c> as the token's staff member. Every way a
/// token can be wrong (malformed header, unknown, revoked, owner locked out) fails the same way.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0)
            return AuthenticateResult.NoResult();
        var header = headers.Count == 1 ? headers[0] : null;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Invalid token.");

        var presented = header[Prefix.Length..].Trim();
        var staff = Context.RequestServices.GetRequiredService<StaffDirectory>();
        var caller = await staff.CallerForTokenAsync(presented, Context.RequestAborted);
        if (caller is null)
            return AuthenticateResult.Fail("Invalid token.");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.StaffId.ToString()), new Claim(ClaimTypes.Name, caller.Code)],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiChallenge.WriteUnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiChallenge.WriteForbiddenAsync(Context);
}
