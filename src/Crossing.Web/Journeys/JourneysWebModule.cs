using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Journeys;

/// <summary>Journeys in the web host: the coordinator's today, the journeys board, the API, the dashboard panel and menu entries.</summary>
internal sealed class JourneysWebModule : IWebModule
{
    public string Name => "journeys";

    public void AddServices(IServiceCollection services)
    {
        services.AddDashboardPanel<JourneysPanel>();
        services.AddHostedService<RetentionScheduler>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapJourneyEndpoints();

    public IReadOnlyList<NavigationEntry> Navigation { get; } =
    [
        new("/journeys/today", "Nav.Today", Permission.ViewRoutes),
        new("/journeys", "Nav.Journeys", Permission.ViewRoutes),
        new("/journeys/routes", "Nav.Routes", Permission.ViewRoutes),
    ];
}
