using Microsoft.AspNetCore.HostFiltering;

namespace Crossing.Web.Security;

/// <summary>
/// The Host names this server answers to. A request naming any other host gets 400 before it reaches a page, so
/// links built from the Host header (redirects, password-reset mail one day) cannot point at an attacker's name.
/// Loopback only unless the operator names the production hosts (docs/configuration.md).
/// </summary>
public static class AllowedHosts
{
    public const string ConfigurationKey = "Crossing:AllowedHosts";
    public const string EnvironmentVariable = "CROSSING_ALLOWED_HOSTS";
    public const string Default = "localhost;127.0.0.1;[::1]";

    public static IServiceCollection AddCrossingAllowedHosts(this IServiceCollection services, IConfiguration configuration)
    {
        var hosts = Resolve(configuration[ConfigurationKey], Environment.GetEnvironmentVariable(EnvironmentVariable), configuration["AllowedHosts"]);
        // Configure (not PostConfigure): ASP.NET's own default fills the list only when it is still empty.
        services.Configure<HostFilteringOptions>(o =>
        {
            o.AllowedHosts = hosts;
            o.AllowEmptyHosts = false;
            o.IncludeFailureMessage = false;
        });
        return services;
    }

    /// <summary>Crossing's key, then its environment variable, then ASP.NET's own AllowedHosts, then loopback.</summary>
    public static List<string> Resolve(string? crossingSetting, string? environment, string? aspNetSetting)
    {
        var text = new[] { crossingSetting, environment, aspNetSetting }.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? Default;
        return [.. text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
