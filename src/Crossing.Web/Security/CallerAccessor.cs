using System.Security.Claims;
using Crossing.Core.Security.Access;

namespace Crossing.Web.Security;

/// <summary>
/// Resolves the <see cref="StaffCaller"/> for the current request, once, from whichever scheme signed it in
/// (cookie with a second factor, or bearer token), and makes it the request's <see cref="CallerScope"/>, which the
/// database's compartment filter reads. Pages and endpoints ask this; they never read ids from input.
/// </summary>
public sealed class CallerAccessor(IHttpContextAccessor http, StaffDirectory staff, CallerScope scope)
{
    private StaffCaller? resolved;
    private bool done;

    public async Task<StaffCaller?> GetAsync(CancellationToken ct = default)
    {
        if (done)
            return resolved;
        done = true;
        var user = http.HttpContext?.User;
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user?.Identity?.IsAuthenticated == true && Guid.TryParse(id, out var staffId))
            resolved = user.Identity.AuthenticationType == Policies.BearerScheme
                ? await staff.TokenOwnerAsync(staffId, ct)
                : await staff.CallerAsync(staffId, ct);
        // From here on the database's compartment filter acts for this caller (nobody, when signed out).
        scope.Set(resolved);
        return resolved;
    }

    /// <summary>The caller an endpoint filter (<see cref="CallerFilter"/>) has already resolved.</summary>
    public StaffCaller Current => (done ? resolved : null) ?? throw new InvalidOperationException("No staff caller resolved for this request.");

    /// <summary>For code behind an authorization policy: a missing caller there is a bug, not a user error.</summary>
    public async Task<StaffCaller> RequireAsync(CancellationToken ct = default) =>
        await GetAsync(ct) ?? throw new InvalidOperationException("No staff caller on an authorised request.");
}
