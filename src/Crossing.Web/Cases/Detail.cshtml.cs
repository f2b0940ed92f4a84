using Crossing.Core.Cases;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Cases;

/// <summary>One case. Identity fields appear only with the identity permission, and each view is an audit event.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(CallerAccessor callers, CaseRegistry registry) : PageModel
{
    public CaseSummary Summary { get; private set; } = null!;

    public CaseIdentity? Identity { get; private set; }

    /// <summary>Set by intake when the new case may duplicate one in a compartment the recorder cannot see.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Elsewhere { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        var found = await registry.FindAsync(caller, code, ct);
        if (found is null)
            return NotFound();
        Summary = (await registry.SummaryAsync(caller, found.Code, ct))!;
        Identity = await registry.ReadIdentityAsync(caller, found, ct);
        return Page();
    }
}
