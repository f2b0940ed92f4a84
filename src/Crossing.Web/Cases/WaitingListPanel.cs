using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Cases;

/// <summary>
/// The waiting list at a glance for roles that may view cases: groups with a travel deadline, closest first, as
/// codes only (close ones marked), how many groups wait, and how many possible-duplicate alerts are open. Both reads
/// go through <see cref="CaseRegistry"/>, so the access policy decides which compartments are counted.
/// </summary>
internal sealed class WaitingListPanel(CaseRegistry registry, Text<CaseText> l) : IDashboardPanelSource
{
    /// <summary>How many deadline groups the panel lists; the waiting list has the rest.</summary>
    private const int Shown = 8;

    public int Order => 100;

    public async Task<DashboardPanel?> BuildAsync(StaffCaller caller, CancellationToken ct)
    {
        if (!caller.Has(Permission.ViewCases))
            return null;
        var groups = await registry.WaitingListAsync(caller, new CaseFilter(null, null), withReasons: false, ct);
        var alerts = await registry.OpenDuplicateAlertsAsync(caller, ct);
        var deadlines = groups
            .Where(g => g.Deadline is not null)
            .OrderBy(g => g.Deadline)
            .ThenByDescending(g => g.Score)
            .Take(Shown)
            .ToList();
        var view = new WaitingPanelView(deadlines, groups.Count, alerts.Count);
        return new DashboardPanel("deadlines", l["Dashboard.Deadlines"], groups.Count, [], l["Dashboard.Deadlines.Empty"],
            PartialName: "/Cases/_WaitingPanel.cshtml", Model: view);
    }
}

/// <summary>What the waiting-list panel shows: codes and dates only, never names or reasons.</summary>
public sealed record WaitingPanelView(IReadOnlyList<WaitingGroup> Deadlines, int Waiting, int OpenDuplicateAlerts);

/// <summary>
/// The alerts panel for field managers: open possible-duplicate alerts (two case codes each), linking to the page
/// where they are decided. The same count the deadlines panel mentions, from the same query.
/// </summary>
internal sealed class DuplicateAlertsPanel(CaseRegistry registry, Text<CaseText> l) : IDashboardPanelSource
{
    public int Order => 300;

    public async Task<DashboardPanel?> BuildAsync(StaffCaller caller, CancellationToken ct)
    {
        if (!caller.Has(Permission.ManagePlan))
            return null;
        var alerts = await registry.OpenDuplicateAlertsAsync(caller, ct);
        IReadOnlyList<DashboardItem> items = alerts.Count == 0
            ? []
            : [new DashboardItem(l["Cases.Alerts.Panel", alerts.Count], "/cases/alerts", l["Cases.Alerts.Panel.Link"])];
        return new DashboardPanel("alerts", l["Cases.Alerts.Title"], alerts.Count, items, l["Cases.Alerts.Empty"]);
    }
}
