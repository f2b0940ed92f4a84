using Crossing.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Planning;

/// <summary>
/// The rescue planner (docs/planner-format.md): an instance of waiting groups, windows and cash in, a plan with its
/// proven bound, reasons and funding gap out. The solver is stateless; live instances come from an
/// <see cref="IPlanningInstanceSource"/> once journeys and the ledger provide one.
/// </summary>
public sealed class PlanningModule : ICrossingModule
{
    public string Name => "planning";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }
}
