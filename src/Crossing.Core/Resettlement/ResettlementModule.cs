using Crossing.Core.Cases;
using Crossing.Core.Demo;
using Crossing.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crossing.Core.Resettlement;

/// <summary>
/// Resettlement and reunification: the relatives people hope to find and the alerts when one may be known to us,
/// consent per scope,
/// services, follow-ups and their reminders, contact attempts, programmes and events with their waiting lists. Never touches route, partner or journey data. Options from <c>Crossing:Resettlement</c>.
/// </summary>
public sealed class ResettlementModule : ICrossingModule
{
    public string Name => "resettlement";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResettlementOptions>().Bind(configuration.GetSection(ResettlementOptions.Section)).Validate(o => { o.Validate(); return true; });
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ResettlementOptions>>().Value);
        services.AddScoped<ReunificationMatcher>();
        services.AddScoped<ICaseRecordedHandler>(sp => sp.GetRequiredService<ReunificationMatcher>());
        services.AddScoped<FamilyLinks>();
        services.AddScoped<ConsentRegistry>();
        services.AddScoped<ResettlementLog>();
        services.AddScoped<FollowUpReminders>();
        services.AddScoped<OutcomeReport>();
        services.AddScoped<ProgrammeBook>();
    }

    public Task SeedDemoAsync(DemoSeedContext context, CancellationToken ct) => ResettlementDemoData.SeedAsync(context, ct);
}
