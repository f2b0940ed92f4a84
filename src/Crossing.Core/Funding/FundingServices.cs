using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Funding;

public static class FundingServices
{
    public static IServiceCollection AddFunding(this IServiceCollection services)
    {
        services.AddSingleton<LedgerWriteGate>();
        services.AddScoped<Ledger>();
        services.AddScoped<DonorDirectory>();
        services.AddScoped<Designations>();
        services.AddScoped<GiftIntake>();
        services.AddScoped<StripeEvents>();
        services.AddSingleton<StripeBatcher>();
        services.AddScoped<LedgerCheck>();
        services.AddScoped<Campaigns>();
        services.AddScoped<FinanceQueries>();
        return services;
    }
}
