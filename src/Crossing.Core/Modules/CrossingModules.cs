using Crossing.Core.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Modules;

/// <summary>
/// One capability's entry point in Core: its services and options, its demo data. Its tables configure
/// themselves (IEntityTypeConfiguration classes in its folder, applied from the assembly). The web host and
/// the CLI add their parts of the same capability under the same <see cref="Name"/>.
/// </summary>
public interface ICrossingModule
{
    /// <summary>Lower-case name, also the name of its folder: "cases", "journeys".</summary>
    string Name { get; }

    /// <summary>Adds services and binds options (for example <c>Crossing:Triage</c>) from configuration.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Adds this capability's part of the demo story, inside the seeding transaction.</summary>
    Task SeedDemoAsync(DemoSeedContext context, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Every capability, in dependency order: the one list. Adding a capability means adding one line here (see
/// docs/architecture.md); the web host and the CLI find their parts of each module by its name.
/// </summary>
public static class CrossingModules
{
    public static IReadOnlyList<ICrossingModule> All { get; } =
    [
        new Security.SecurityModule(),
        new Cases.CasesModule(),
        new Funding.FundingModule(),
        new Journeys.JourneysModule(),
        new Planning.PlanningModule(),
        new Resettlement.ResettlementModule(),
        new DemoModule(),
    ];

    public static ICrossingModule? Named(string name) => All.FirstOrDefault(m => m.Name == name);
}
