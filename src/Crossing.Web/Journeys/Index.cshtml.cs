using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Journeys;

/// <summary>The field manager's journeys board: every journey not yet handed over, with its last check-in, and open alerts she can resolve.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(CallerAccessor callers, JourneyLog log) : PageModel
{
    public IReadOnlyList<JourneyView> Journeys { get; private set; } = [];

    public IReadOnlyList<JourneyAlertView> Alerts { get; private set; } = [];

    /// <summary>Field managers resolve alerts from the board.</summary>
    public bool MayResolve { get; private set; }

    /// <summary>Set after a resolve, so the page confirms it.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Resolved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewRoutes))
            return NotFound();
        Journeys = await log.BoardAsync(caller, ct);
        Alerts = await log.OpenAlertsAsync(caller, ct);
        MayResolve = caller.Has(Permission.ManagePlan);
        return Page();
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewRoutes) || !await log.ResolveAlertAsync(caller, id, ct))
            return NotFound();
        return Redirect("/journeys?resolved=true");
    }
}
