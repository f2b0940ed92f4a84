using Crossing.Core.Funding;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Funding;

/// <summary>Donors with their contact details (opened from the vault; the read is audited) and preferences.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DonorsModel(CallerAccessor callers, FinanceQueries queries) : FinancePage(callers)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<DonorRow> Donors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        Donors = await queries.DonorsAsync(caller, Q, ct);
        return Page();
    }
}
