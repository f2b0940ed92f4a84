using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Journeys;

/// <summary>
/// "Journeys under way" on the dashboard for roles that see routes: open journeys with their last check-in, and
/// open compromise and incident alerts (codes only), all read through <see cref="JourneyLog"/>.
/// </summary>
internal sealed class JourneysPanel(JourneyLog log, Text<JourneyText> l) : IDashboardPanelSource
{
    private const int Shown = 8;

    public int Order => 200;

    public async Task<DashboardPanel?> BuildAsync(StaffCaller caller, CancellationToken ct)
    {
        if (!caller.Has(Permission.ViewRoutes))
            return null;
        var open = (await log.BoardAsync(caller, ct)).Where(j => j.Status is JourneyStatus.Planned or JourneyStatus.UnderWay).ToList();
        var alerts = await log.OpenAlertsAsync(caller, ct);
        var view = new JourneysPanelView([.. open.Take(Shown)], open.Count, alerts);
        return new DashboardPanel("journeys", l["Dashboard.Journeys"], open.Count, [], l["Dashboard.Journeys.Empty"],
            PartialName: "/Journeys/_JourneysPanel.cshtml", Model: view);
    }
}

public sealed record JourneysPanelView(IReadOnlyList<JourneyView> Journeys, int Open, IReadOnlyList<JourneyAlertView> Alerts);
