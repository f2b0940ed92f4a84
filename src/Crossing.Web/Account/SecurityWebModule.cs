using Crossing.Web.Shell;

namespace Crossing.Web.Account;

/// <summary>
/// The security module in the web host: sign-in, second factor and sessions (pages in this folder, URLs under
/// /Account) and the account API. The authentication plumbing itself is in Security/.
/// </summary>
internal sealed class SecurityWebModule : IWebModule
{
    public string Name => "security";

    public void AddServices(IServiceCollection services) =>
        services.AddDashboardPanel<StaffPanel>().AddDashboardPanel<AuditPanel>();

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapAccountEndpoints();
}
