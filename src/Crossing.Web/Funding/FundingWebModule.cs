using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Funding;

/// <summary>Funding in the web host: finance pages (/finance), GET /api/funds, the Stripe webhook, the menu entry.</summary>
internal sealed class FundingWebModule : IWebModule
{
    public string Name => "funding";

    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddFundingWeb(configuration);

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapFundingEndpoints();

    public IReadOnlyList<NavigationEntry> Navigation { get; } = [new("/finance", "Nav.Finance", Permission.ViewFinance)];
}
