using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Resettlement;

/// <summary>
/// Resettlement in the web host: family links, reunification alerts, consent, services and follow-ups (API), the
/// worker's page (due this week, alerts), a person's timeline, and the dashboard panel of follow-ups due this week.
/// </summary>
internal sealed class ResettlementWebModule : IWebModule
{
    public string Name => "resettlement";

    public void AddServices(IServiceCollection services)
    {
        services.AddDashboardPanel<FollowUpsDuePanel>();
        services.AddSingleton<FollowUpReminderSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUpReminderSchedule>());
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapResettlementEndpoints().MapProgrammeEndpoints();

    public IReadOnlyList<NavigationEntry> Navigation { get; } = [new("/resettlement", "Nav.Resettlement", Permission.ViewCases)];
}
