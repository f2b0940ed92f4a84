using Crossing.Core.Planning;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Planning;

/// <summary>
/// Starting a plan: builds the live instance as the field manager sees it and hands it to a background run, then
/// sends the browser to the run's page, which shows progress until the plan is ready. Other roles get a 404.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(CallerAccessor callers, PlanningRuns runs, PlanningOptions options) : PageModel
{
    public PlanningOptions Options => options;

    public IReadOnlyList<PlanRun> Runs { get; private set; } = [];

    /// <summary>Why the live data could not be planned (names the item, never a person).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ManagePlan))
            return NotFound();
        Runs = runs.Mine(caller);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IPlanningInstanceSource source, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ManagePlan))
            return NotFound();
        try
        {
            var run = runs.Start(caller, await source.BuildAsync(caller, ct));
            return Redirect($"/planning/runs/{run.Id}");
        }
        catch (PlanningInstanceException e)
        {
            Problem = e.Message;
            Runs = runs.Mine(caller);
            return Page();
        }
    }
}
