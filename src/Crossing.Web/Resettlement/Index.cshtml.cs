using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Resettlement;

/// <summary>A resettlement worker's page: follow-ups due this week, and the reunification alerts they may decide.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(CallerAccessor callers, ResettlementLog log, FamilyLinks links) : PageModel
{
    public IReadOnlyList<DueFollowUp> Due { get; private set; } = [];

    public IReadOnlyList<ReunificationAlertView> Alerts { get; private set; } = [];

    public bool Decided { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewCases))
            return NotFound();
        await LoadAsync(caller, ct);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) => DecideAsync(id, ReunificationDecision.Confirmed, ct);

    public Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken ct) => DecideAsync(id, ReunificationDecision.Dismissed, ct);

    public async Task<IActionResult> OnPostDoneAsync(string code, DateOnly dueOn, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        return await log.CompleteFollowUpAsync(caller, code, dueOn, ct) == true ? RedirectToPage() : NotFound();
    }

    private async Task<IActionResult> DecideAsync(Guid id, ReunificationDecision decision, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!await links.DecideAsync(caller, id, decision, ct))
            return NotFound();
        Decided = true;
        await LoadAsync(caller, ct);
        return Page();
    }

    private async Task LoadAsync(StaffCaller caller, CancellationToken ct)
    {
        Due = await log.DueThisWeekAsync(caller, ct);
        Alerts = await links.OpenAlertsAsync(caller, ct);
    }
}
