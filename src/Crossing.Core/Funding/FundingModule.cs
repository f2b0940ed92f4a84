using Crossing.Core.Demo;
using Crossing.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Funding;

/// <summary>Money in: the double-entry ledger, donors, Stripe gifts, campaigns and fundraisers (docs/ledger.md).</summary>
public sealed class FundingModule : ICrossingModule
{
    public string Name => "funding";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
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
        services.AddScoped<RecurringGifts>();
        services.AddScoped<Imports.GiftImporter>();
        services.AddOptions<ReceiptOptions>().Bind(configuration.GetSection(ReceiptOptions.Section));
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section));
        services.AddSingleton<ReceiptDocuments>();
        services.AddScoped<ReceiptDelivery>();
        services.AddScoped<Receipts>();
        services.AddScoped<RecurringHealth>();
        services.AddScoped<GiftDecisions>();
    }

    public Task SeedDemoAsync(DemoSeedContext context, CancellationToken ct) => FundingDemoData.SeedAsync(context, ct);
}
