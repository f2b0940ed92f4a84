using Crossing.Core.Funding;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Crossing.Web.Funding;

/// <summary>Recurring-gift health: monthly donors whose last payment failed, who lapsed or whose card expires soon; retention by cohort.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class HealthModel(CallerAccessor callers, RecurringHealth health, IOptions<HealthOptions> options) : FinancePage(callers)
{
    public HealthReport Report { get; private set; } = new([], [], 0);
    public HealthOptions Settings => options.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        Report = await health.ReportAsync(caller, ct);
        return Page();
    }
}
