using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Crossing.Web.Security;

/// <summary>
/// A password-only sign-in is authenticated but must not open anything with data: instead of "access denied" it is
/// sent to enrol (or verify) its second factor, and an API request gets the plain 401 every bad credential gets.
/// </summary>
public sealed class SecondFactorGate : IAuthorizationMiddlewareResultHandler
{
    public const string EnrolPath = "/Account/Enrol";

    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || !StaffClaims.IsPasswordOnly(context.User))
            return standard.HandleAsync(next, context, policy, authorizeResult);
        if (ApiChallenge.IsApiRequest(context))
            return ApiChallenge.WriteUnauthorizedAsync(context);
        var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect(EnrolPath + QueryString.Create("returnUrl", returnUrl));
        return Task.CompletedTask;
    }
}
