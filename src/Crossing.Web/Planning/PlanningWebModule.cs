using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Planning;

/// <summary>The rescue planner in the web host: plans made in the background, their pages, and the menu entry for field managers.</summary>
internal sealed class PlanningWebModule : IWebModule
{
    public string Name => "planning";

    public void AddServices(IServiceCollection services) => services.AddSingleton<PlanningRuns>();

    public IReadOnlyList<NavigationEntry> Navigation { get; } =
    [
        new("/planning", "Nav.Plan", Permission.ManagePlan),
    ];
}
