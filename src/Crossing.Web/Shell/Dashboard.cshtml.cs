using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Web.Shell;

/// <summary>The dashboard: who the caller is, what they may see, and the panels their role starts from.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DashboardModel(CallerAccessor callers, CrossingDbContext db, IEnumerable<IDashboardPanelSource> panelSources) : PageModel
{
    public StaffCaller Caller { get; private set; } = null!;

    public IReadOnlyList<string> CompartmentNames { get; private set; } = [];

    public IReadOnlyList<DashboardPanel> Panels { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Caller = await callers.RequireAsync(ct);
        var ids = Caller.Compartments.ToList();
        CompartmentNames = await db.Compartments.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .OrderBy(c => c.Name)
            .Select(c => c.Name)
            .ToListAsync(ct);
        Panels = await panelSources.PanelsForAsync(Caller, ct);
    }
}
