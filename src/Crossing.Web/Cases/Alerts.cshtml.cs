using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Cases;

/// <summary>
/// Possible duplicates for field managers: each alert names two case codes (never a name). Deciding "same person"
/// or "different people" resolves it and is an audit event. Other roles get the same 404 as an unknown page.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AlertsModel(CallerAccessor callers, CaseRegistry registry) : PageModel
{
    public IReadOnlyList<DuplicateAlertView> Alerts { get; private set; } = [];

    /// <summary>Set after a decision, so the page confirms what it did.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Decided { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ManagePlan))
            return NotFound();
        Alerts = await registry.OpenDuplicateAlertsAsync(caller, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ManagePlan) || decision is not ("same" or "different"))
            return NotFound();
        if (!await registry.DecideDuplicateAsync(caller, id, decision == "same", ct))
            return NotFound();
        return Redirect("/cases/alerts?decided=" + decision);
    }
}
