using Microsoft.AspNetCore.Authorization;

namespace Crossing.Web.Security;

/// <summary>
/// The <see cref="Policies.Staff"/> requirement: signed in strongly (second factor or token) AND still an active
/// staff member, so code behind the policy can always call <see cref="CallerAccessor.RequireAsync"/>.
/// </summary>
public sealed class StaffRequirement : IAuthorizationRequirement;

public sealed class StaffRequirementHandler(CallerAccessor callers) : AuthorizationHandler<StaffRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffRequirement requirement)
    {
        if (StaffClaims.HasStrongSignIn(context.User) && await callers.GetAsync() is not null)
            context.Succeed(requirement);
    }
}
