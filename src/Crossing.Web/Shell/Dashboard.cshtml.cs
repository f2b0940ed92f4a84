using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Shell;

/// <summary>The dashboard: who the caller is, what they may see, and the panels their role starts from.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DashboardModel(CallerAccessor callers, StaffDirectory staff, IEnumerable<IDashboardPanelSource> panelSources) : PageModel
{
    public StaffCaller Caller { get; private set; } = null!;

    public IReadOnlyList<string> CompartmentNames { get; private set; } = [];

    public IReadOnlyList<DashboardPanel> Panels { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Caller = await callers.RequireAsync(ct);
        CompartmentNames = await staff.CompartmentNamesAsync(Caller, ct);
        Panels = await panelSources.PanelsForAsync(Caller, ct);
    }
}
