using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Cases;

/// <summary>Cases in the web host: the pages in this folder, the cases API, the waiting-list panel and the menu entry.</summary>
internal sealed class CasesWebModule : IWebModule
{
    public string Name => "cases";

    public void AddServices(IServiceCollection services) => services.AddDashboardPanel<WaitingListPanel>().AddDashboardPanel<DuplicateAlertsPanel>();

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapCaseEndpoints();

    public IReadOnlyList<NavigationEntry> Navigation { get; } = [new("/cases", "Nav.Cases", Permission.ViewCases)];
}
