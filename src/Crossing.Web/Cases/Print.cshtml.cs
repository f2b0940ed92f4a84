using Crossing.Core.Cases;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Cases;

/// <summary>A paper copy of the waiting list: codes, scores and deadlines only, nothing that says who or why.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PrintModel(CallerAccessor callers, CaseRegistry registry) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Compartment { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<WaitingGroup> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var groups = await IndexModel.LoadAsync(await callers.RequireAsync(ct), registry, Compartment, Status, withReasons: false, ct);
        if (groups is null)
            return NotFound();
        Groups = groups;
        return Page();
    }
}
