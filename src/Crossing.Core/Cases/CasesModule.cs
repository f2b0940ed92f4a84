using Crossing.Core.Demo;
using Crossing.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crossing.Core.Cases;

/// <summary>
/// Cases: intake, triage, family groups, matching under any spelling, duplicate alerts. Options come from
/// <c>Crossing:Triage</c> and <c>Crossing:Matching</c> for the web host and the CLI alike; a nonsensical triage
/// configuration stops start-up.
/// </summary>
public sealed class CasesModule : ICrossingModule
{
    public string Name => "cases";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TriageOptions>().Bind(configuration.GetSection(TriageOptions.Section)).Validate(o => { o.Validate(); return true; });
        services.AddOptions<MatchOptions>().Bind(configuration.GetSection(MatchOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TriageOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MatchOptions>>().Value);
        services.AddSingleton<Triage>();
        services.AddSingleton<CaseIndexerCache>();
        services.AddScoped<CaseMatcher>();
        services.AddScoped<CaseRegistry>();
    }

    public Task SeedDemoAsync(DemoSeedContext context, CancellationToken ct) => CaseDemoData.SeedAsync(context, ct);
}
