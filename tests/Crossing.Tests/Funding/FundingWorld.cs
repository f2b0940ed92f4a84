using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Funding;

/// <summary>A real store (SQLite or PostgreSQL) with helpers that run each step in its own scope, like separate requests.</summary>
internal sealed class FundingWorld : IAsyncDisposable
{
    private FundingWorld(TestStore store) => Store = store;

    public TestStore Store { get; }

    public static async Task<FundingWorld> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) => new(await TestStore.CreateAsync(provider));

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Store.Scope();
        return await work(scope.ServiceProvider);
    }

    public Task<IntakeResult> GiveAsync(string paymentId, long minor, string currency = "usd", string? fund = null, string? email = null, DateTimeOffset? at = null, GiftKind kind = GiftKind.OneTime) =>
        WithAsync(sp => sp.GetRequiredService<GiftIntake>().ReceiveGiftAsync(Facts(paymentId, minor, currency, fund, email, at, kind)));

    public static GiftFacts Facts(string paymentId, long? minor, string currency = "usd", string? fund = null, string? email = null, DateTimeOffset? at = null, GiftKind kind = GiftKind.OneTime) =>
        new("stripe", paymentId, null, "stripe-checkout", kind, email ?? $"donor-{paymentId}@example.org", "Test Donor", null, currency, minor,
            minor?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "12.5",
            fund is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["fund"] = fund },
            at ?? new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    public Task<PostOutcome> SpendAsync(string fund, long minor, string key, string currency = "USD") =>
        WithAsync(sp => sp.GetRequiredService<Ledger>().SpendAsync(fund, LedgerAccounts.JourneyExpenses, Money.Of(minor, currency), key));

    public async Task<long> BalanceAsync(string fund, string currency = "USD")
    {
        var funds = await WithAsync(sp => sp.GetRequiredService<Ledger>().FundBalancesAsync());
        return funds.Single(f => f.Id == fund).Balances.Where(b => b.Currency.Code == currency).Sum(b => b.Minor);
    }

    public Task<LedgerCheckResult> CheckAsync() => WithAsync(sp => sp.GetRequiredService<LedgerCheck>().RunAsync());

    public Task<int> CountAsync<T>()
        where T : class => WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<T>().CountAsync());

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
