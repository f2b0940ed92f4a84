using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core;

public static class CrossingServices
{
    /// <summary>Everything the web host and the CLI share: storage, vault, audit, access, staff.</summary>
    public static IServiceCollection AddCrossingCore(this IServiceCollection services, StorageOptions storage, MasterKeyRing keys)
    {
        services.AddSingleton(storage);
        services.AddSingleton(keys);
        services.AddSingleton(TimeProvider.System);
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<SqliteCrossingDbContext>(o => o.UseSqlite(storage.SqliteConnectionString));
            services.AddScoped<CrossingDbContext>(sp => sp.GetRequiredService<SqliteCrossingDbContext>());
        }
        else
        {
            services.AddDbContext<PostgresCrossingDbContext>(o => o.UseNpgsql(storage.PostgresConnectionString));
            services.AddScoped<CrossingDbContext>(sp => sp.GetRequiredService<PostgresCrossingDbContext>());
        }
        services.AddScoped<Vault>();
        services.AddScoped<BlindIndexStore>();
        services.AddScoped<KeyRotation>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditVerifier>();
        services.AddSingleton<AccessPolicy>();
        services.AddScoped<StaffDirectory>();
        services.AddCrossingCases();
        Funding.FundingServices.AddFunding(services);
        return services;
    }

    /// <summary>Identity without cookies, for the CLI; the web host adds sign-in on top of the same stores.</summary>
    public static IdentityBuilder AddCrossingIdentityStores(this IdentityBuilder builder) =>
        builder.AddEntityFrameworkStores<CrossingDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<StaffMember>>(TokenOptions.DefaultAuthenticatorProvider);

    public static void ConfigureStaffIdentity(IdentityOptions o)
    {
        o.Password.RequiredLength = 12;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
    }
}
