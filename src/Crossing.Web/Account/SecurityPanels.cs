using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Web.Shell;
using Microsoft.Extensions.Localization;

namespace Crossing.Web.Account;

/// <summary>Administrators' dashboard panels: staff and compartments, and the audit log's size.</summary>
internal sealed class StaffPanel(StaffDirectory staffDirectory, IStringLocalizer<ShellText> l) : IDashboardPanelSource
{
    public int Order => 800;

    public async Task<DashboardPanel?> BuildAsync(StaffCaller caller, CancellationToken ct)
    {
        if (!caller.Has(Permission.ManageStaff))
            return null;
        var (staff, compartments) = await staffDirectory.CountsAsync(ct);
        return new DashboardPanel("staff", l["Dashboard.Staff"], staff,
            [new DashboardItem(l["Dashboard.Staff.Accounts", staff]), new DashboardItem(l["Dashboard.Staff.Compartments", compartments])],
            l["Dashboard.Staff.Empty"]);
    }
}

internal sealed class AuditPanel(AuditStatistics audit, IStringLocalizer<ShellText> l) : IDashboardPanelSource
{
    public int Order => 900;

    public async Task<DashboardPanel?> BuildAsync(StaffCaller caller, CancellationToken ct)
    {
        if (!caller.Has(Permission.ViewAudit))
            return null;
        var events = await audit.EventCountAsync(ct);
        return new DashboardPanel("audit", l["Dashboard.Audit"], events,
            events == 0 ? [] : [new DashboardItem(l["Dashboard.Audit.Events", events])],
            l["Dashboard.Audit.Empty"]);
    }
}
