using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Journeys;

/// <summary>
/// The coordinator's day on a phone: her journeys, the next leg of each, what is still to buy, and one-tap
/// check-ins. Every post changes one thing and comes back here (or shows what to correct).
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TodayModel(CallerAccessor callers, JourneyLog log) : PageModel
{
    public IReadOnlyList<JourneyView> Journeys { get; private set; } = [];

    /// <summary>The message of a refused post (field and why), shown above the journeys.</summary>
    public string? Problem { get; private set; }

    /// <summary>Set after a post went through, so the page confirms it.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewRoutes))
            return NotFound();
        Journeys = await log.MineAsync(caller, ct);
        return Page();
    }

    public Task<IActionResult> OnPostCheckInAsync(string code, int leg, string status, string? incident, string? severity, CancellationToken ct) =>
        ActAsync(caller => log.CheckInAsync(caller, code, new CheckInInput { Leg = leg, Status = status, Incident = incident, Severity = severity }, ct), ct);

    public Task<IActionResult> OnPostAddNeedAsync(string code, string person, string need, CancellationToken ct) =>
        ActAsync(caller => log.NeedAsync(caller, code, new NeedInput { Person = person, Need = need }, tick: false, ct), ct);

    public Task<IActionResult> OnPostTickAsync(string code, string person, string need, CancellationToken ct) =>
        ActAsync(caller => log.NeedAsync(caller, code, new NeedInput { Person = person, Need = need }, tick: true, ct), ct);

    public Task<IActionResult> OnPostHandOverAsync(string code, CancellationToken ct) =>
        ActAsync(caller => log.HandOverAsync(caller, code, ct), ct);

    private async Task<IActionResult> ActAsync(Func<StaffCaller, Task<JourneyView?>> action, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewRoutes))
            return NotFound();
        try
        {
            if (await action(caller) is null)
                return NotFound();
        }
        catch (JourneyInputException e)
        {
            Problem = string.Join(" ", e.Problems.Select(p => p.Problem));
            Journeys = await log.MineAsync(caller, ct);
            return Page();
        }
        return Redirect("/journeys/today?done=true");
    }
}
