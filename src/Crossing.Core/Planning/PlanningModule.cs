using Crossing.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crossing.Core.Planning;

/// <summary>
/// The rescue planner (docs/planner-format.md): an instance of waiting groups, windows and cash in, a plan with its
/// proven bound, reasons and funding gap out. The solver is stateless; live instances come from
/// <see cref="LivePlanningInstanceSource"/> (options from <c>Crossing:Planning</c>), and an accepted plan becomes
/// journeys through <see cref="PlanAcceptance"/>.
/// </summary>
public sealed class PlanningModule : ICrossingModule
{
    public string Name => "planning";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlanningOptions>().Bind(configuration.GetSection(PlanningOptions.Section)).Validate(o => { o.Validate(); return true; });
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PlanningOptions>>().Value);
        services.AddScoped<IPlanningInstanceSource, LivePlanningInstanceSource>();
        services.AddScoped<PlanAcceptance>();
    }
}
