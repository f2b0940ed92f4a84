using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Journeys;

/// <summary>The routes of the caller's compartments with their status (codes and working names only).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class RoutesModel(CallerAccessor callers, RouteNetwork network) : PageModel
{
    public IReadOnlyList<RouteView> Routes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewRoutes))
            return NotFound();
        Routes = await network.RoutesAsync(caller, ct);
        return Page();
    }
}
