using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crossing.Core.Cases;

public static class CaseServices
{
    /// <summary>
    /// Case services. The triage and matching options come from IOptions when the host binds them
    /// (Crossing:Triage, Crossing:Matching); otherwise the documented defaults apply.
    /// </summary>
    public static IServiceCollection AddCrossingCases(this IServiceCollection services)
    {
        services.AddOptions<TriageOptions>().Validate(o => { o.Validate(); return true; });
        services.AddOptions<MatchOptions>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TriageOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MatchOptions>>().Value);
        services.TryAddSingleton<Triage>();
        services.TryAddSingleton<CaseIndexerCache>();
        services.AddScoped<CaseMatcher>();
        services.AddScoped<CaseRegistry>();
        return services;
    }
}
