using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Journeys;

/// <summary>The field manager's journeys board: every journey not yet handed over, with its last check-in, and open alerts.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(CallerAccessor callers, JourneyLog log) : PageModel
{
    public IReadOnlyList<JourneyView> Journeys { get; private set; } = [];

    public IReadOnlyList<JourneyAlertView> Alerts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewRoutes))
            return NotFound();
        Journeys = await log.BoardAsync(caller, ct);
        Alerts = await log.OpenAlertsAsync(caller, ct);
        return Page();
    }
}
