using Crossing.Core.Modules;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Security;

/// <summary>Vault, blind indexes, audit chain, access policy, staff: what every other capability builds on.</summary>
public sealed class SecurityModule : ICrossingModule
{
    public string Name => "security";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CallerScope>();
        services.AddScoped<Vault.Vault>();
        services.AddScoped<SealedReader>();
        services.AddScoped<CompartmentBypass>();
        services.AddScoped<BlindIndexStore>();
        services.AddScoped<KeyRotation>();
        services.AddSingleton<AuditChainKeyCache>();
        services.AddScoped<AuditChainKeys>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditStatistics>();
        services.AddSingleton<AccessPolicy>();
        services.AddScoped<StaffDirectory>();
    }
}
