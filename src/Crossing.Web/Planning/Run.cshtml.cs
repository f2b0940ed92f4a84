using System.Globalization;
using System.Text;
using Crossing.Core.Planning;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Planning;

/// <summary>
/// One plan: while the solver runs, its stages and an HTTP Refresh every two seconds (no script); then the timeline per
/// route, who travels, who waits and why, the funding gap, the most-urgent-first baseline beside the plan, the instance
/// to download, and "accept plan" behind a confirmation step. A run belongs to the staff member who started it;
/// anyone else gets the same 404 as for an unknown run.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class RunModel(CallerAccessor callers, PlanningRuns runs) : PageModel
{
    public PlanRun Run { get; private set; } = null!;

    /// <summary>True on the confirmation step of "accept plan".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    public bool Korean => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko";

    public string Money(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture) + " " + Run.Live.Currency;

    public static string Plain(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public int WindowCount => Run.Result?.Assignments.Select(a => a.Window).Distinct().Count() ?? 0;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } run)
            return NotFound();
        Run = run;
        if (run.Solving)
            Response.Headers["Refresh"] = "2";
        return Page();
    }

    /// <summary>Exactly the instance the plan was made from, to reproduce it with `crossing plan --input FILE`.</summary>
    public async Task<IActionResult> OnGetInstanceAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } run)
            return NotFound();
        var name = string.Create(CultureInfo.InvariantCulture, $"plan-instance-{run.Live.Instance.Start:yyyy-MM-dd}-{run.Id.ToString("N")[..8]}.json");
        return File(Encoding.UTF8.GetBytes(PlanningInstanceJson.Write(run.Live.Instance)), "application/json", name);
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, [FromServices] PlanAcceptance acceptance, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } run)
            return NotFound();
        if (run.Result is not { } result)
            return Redirect($"/planning/runs/{id}");
        run.Accepted = await acceptance.AcceptAsync(await callers.RequireAsync(ct), run.Live.Instance, result.Assignments, ct);
        return Redirect($"/planning/runs/{id}#accepted");
    }

    private async Task<PlanRun?> FindAsync(Guid id, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        return caller.Has(Permission.ManagePlan) ? runs.Find(caller, id) : null;
    }
}
