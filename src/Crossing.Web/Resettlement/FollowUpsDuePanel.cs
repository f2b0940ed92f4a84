using System.Globalization;
using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Resettlement;

/// <summary>The dashboard's "follow-ups due this week" for resettlement staff: codes and dates only, through <see cref="ResettlementLog"/>.</summary>
internal sealed class FollowUpsDuePanel(ResettlementLog log, Text<ResettlementText> l) : IDashboardPanelSource
{
    private const int Shown = 8;

    public int Order => 150;

    public async Task<DashboardPanel?> BuildAsync(StaffCaller caller, CancellationToken ct)
    {
        if (caller.Role != StaffRole.Resettlement)
            return null;
        var due = await log.DueThisWeekAsync(caller, ct);
        var items = due.Take(Shown)
            .Select(f => new DashboardItem(f.Case, "/resettlement/" + f.Case, f.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " · " + f.Label))
            .ToList();
        return new DashboardPanel("follow-ups", l["Panel.Title"], due.Count, items, l["Panel.Empty"]);
    }
}
