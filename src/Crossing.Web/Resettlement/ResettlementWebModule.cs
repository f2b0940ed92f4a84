using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Web.Resettlement;

/// <summary>Resettlement in the web host: family links, reunification alerts and consent (API), and its pages.</summary>
internal sealed class ResettlementWebModule : IWebModule
{
    public string Name => "resettlement";

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapResettlementEndpoints();
}
