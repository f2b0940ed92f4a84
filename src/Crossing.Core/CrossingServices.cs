using Crossing.Core.Modules;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core;

public static class CrossingServices
{
    /// <summary>Everything the web host and the CLI share: storage, then every module in <see cref="CrossingModules.All"/>.</summary>
    public static IServiceCollection AddCrossingCore(this IServiceCollection services, StorageOptions storage, MasterKeyRing keys, IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder().Build();
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
        services.AddScoped<DatabaseProbe>();
        foreach (var module in CrossingModules.All)
            module.AddServices(services, configuration);
        return services;
    }

    /// <summary>Identity without cookies, for the CLI; the web host adds sign-in on top of the same stores.</summary>
    public static IdentityBuilder AddCrossingIdentityStores(this IdentityBuilder builder) =>
        builder.AddEntityFrameworkStores<CrossingDbContext>()
            .AddUserStore<StaffUserStore>()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

    public static void ConfigureStaffIdentity(IdentityOptions o)
    {
        o.Password.RequiredLength = 12;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        // A backstop only: the web's per-address SignInThrottle slows guessing long before this, so a stranger's few
        // wrong passwords no longer lock the account and end its live sessions.
        o.Lockout.MaxFailedAccessAttempts = 20;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
    }
}
