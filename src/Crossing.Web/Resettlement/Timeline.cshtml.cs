using Crossing.Core.Resettlement;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Resettlement;

/// <summary>A person's timeline after arrival: services, follow-ups and contact attempts (codes and vocabulary only).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TimelineModel(CallerAccessor callers, ResettlementLog log) : PageModel
{
    public string Code { get; private set; } = "";

    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        var entries = await log.TimelineAsync(caller, code, ct);
        if (entries is null)
            return NotFound();
        Code = code.Trim().ToUpperInvariant();
        Entries = entries;
        return Page();
    }
}
