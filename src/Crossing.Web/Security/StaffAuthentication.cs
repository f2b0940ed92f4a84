using System.Security.Claims;
using Crossing.Core;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Crossing.Web.Security;

/// <summary>
/// Staff sign-in for the web host: Identity cookies (password, then a mandatory TOTP second factor) for pages and
/// the API, bearer tokens for the API only. The fallback policy is <see cref="Policies.Staff"/>, so every page and
/// endpoint is closed unless it opts out with [AllowAnonymous] or names another policy.
/// </summary>
public static class StaffAuthentication
{
    /// <summary>Picks the cookie or, for an /api request carrying an Authorization header, the bearer token.</summary>
    public const string SelectorScheme = "crossing";

    public const string SignInPath = "/Account/SignIn";
    public const string VerifyPath = "/Account/Verify";
    public const string AccessDeniedPath = "/Account/AccessDenied";

    public const string CookieName = "__Host-crossing";

    public static IServiceCollection AddCrossingStaffAuthentication(this IServiceCollection services, StorageOptions storage)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CallerAccessor>();
        services.AddScoped<SignInAudit>();
        services.AddScoped<PasswordTiming>();
        services.AddSingleton<SignInThrottle>();
        services.AddDataProtection()
            .SetApplicationName("crossing")
            .PersistKeysToFileSystem(DataProtectionKeyFolder(storage));

        // Default providers first: the Crossing stores then replace the authenticator provider with the one-time one.
        services.AddIdentity<StaffMember, IdentityRole<Guid>>(CrossingServices.ConfigureStaffIdentity)
            .AddDefaultTokenProviders()
            .AddCrossingIdentityStores();

        // Zero: every request re-checks the security stamp, so "sign out everywhere" and a role change end other
        // sessions at their next request. The refreshed principal keeps how the session signed in (amr).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = KeepAuthenticationMethod;
        });

        services.ConfigureAll<CookieAuthenticationOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.Name = CookieName + "-2fa");
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            var redirectToSignIn = o.Events.OnRedirectToLogin;
            var redirectToDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = ctx => ApiChallenge.IsApiRequest(ctx.HttpContext) ? ApiChallenge.WriteUnauthorizedAsync(ctx.HttpContext) : redirectToSignIn(ctx);
            o.Events.OnRedirectToAccessDenied = ctx => ApiChallenge.IsApiRequest(ctx.HttpContext) ? ApiChallenge.WriteForbiddenAsync(ctx.HttpContext) : redirectToDenied(ctx);
        });
        services.AddAntiforgery(o =>
        {
            // Antiforgery refuses to work at all over http with Always, which would break the loopback demo; the
            // token cookie is no credential, and behind TLS it is Secure anyway.
            o.Cookie.Name = "crossing-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultAuthenticateScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
                o.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Staff cookie, or API token on /api", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Policies.BearerScheme, displayName: null, configureOptions: null);

        var staff = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new StaffRequirement())
            .Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, staff)
            .AddPolicy(Policies.PasswordOnly, p => p.RequireAuthenticatedUser())
            .SetFallbackPolicy(staff);
        services.AddScoped<IAuthorizationHandler, StaffRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, SecondFactorGate>();
        return services;
    }

    // Pages accept only the cookie: a token is for automation against the API.
    private static string SelectScheme(HttpContext context) =>
        ApiChallenge.IsApiRequest(context) && context.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization)
            ? Policies.BearerScheme
            : IdentityConstants.ApplicationScheme;

    private static Task KeepAuthenticationMethod(SecurityStampRefreshingPrincipalContext context)
    {
        var identity = context.NewPrincipal?.Identities.FirstOrDefault();
        if (identity is null || context.CurrentPrincipal is null)
            return Task.CompletedTask;
        foreach (var claim in context.CurrentPrincipal.FindAll(StaffClaims.AuthenticationMethod))
            if (!identity.HasClaim(StaffClaims.AuthenticationMethod, claim.Value))
                identity.AddClaim(new Claim(StaffClaims.AuthenticationMethod, claim.Value));
        return Task.CompletedTask;
    }

    private static DirectoryInfo DataProtectionKeyFolder(StorageOptions storage)
    {
        var path = Path.Combine(storage.DataDirectory, "keys", "data-protection");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
