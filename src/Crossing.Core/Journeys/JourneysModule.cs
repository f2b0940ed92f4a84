using Crossing.Core.Demo;
using Crossing.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crossing.Core.Journeys;

/// <summary>Options from <c>Crossing:Journeys</c>.</summary>
public sealed class JourneyOptions
{
    public const string Section = "Crossing:Journeys";

    /// <summary>Days after arrival when a journey's links to routes, legs, partners and safe houses are purged.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Quartz cron expression (UTC) for the web host's retention job; empty turns the job off.</summary>
    public string? RetentionSchedule { get; set; } = "0 30 3 * * ?";

    /// <summary>How many of a route's most recent journeys with costs feed a window's estimate.</summary>
    public int EstimateFromRecentJourneys { get; set; } = 20;

    public void Validate()
    {
        if (RetentionDays is < 1 or > 3650)
            throw new OptionsValidationException(Section, typeof(JourneyOptions), [$"{Section}:RetentionDays is 1 to 3650 days."]);
        if (EstimateFromRecentJourneys is < 1 or > 1000)
            throw new OptionsValidationException(Section, typeof(JourneyOptions), [$"{Section}:EstimateFromRecentJourneys is 1 to 1000."]);
    }
}

/// <summary>
/// Routes, partners, safe houses, travel windows and journeys run leg by leg; compromise; retention. Options from
/// <c>Crossing:Journeys</c>.
/// </summary>
public sealed class JourneysModule : ICrossingModule
{
    public string Name => "journeys";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JourneyOptions>().Bind(configuration.GetSection(JourneyOptions.Section)).Validate(o => { o.Validate(); return true; });
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JourneyOptions>>().Value);
        services.AddScoped<RouteNetwork>();
        services.AddScoped<JourneyLog>();
        services.AddScoped<JourneyRetention>();
    }

    public Task SeedDemoAsync(DemoSeedContext context, CancellationToken ct) => JourneyDemoData.SeedAsync(context, ct);
}
