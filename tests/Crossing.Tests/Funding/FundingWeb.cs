using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Funding;

/// <summary>The real host with a Stripe webhook secret configured, and helpers to read what it stored.</summary>
internal sealed class FundingWeb : IAsyncDisposable
{
    private readonly WebFactory factory;

    private FundingWeb(WebFactory factory)
    {
        this.factory = factory;
        App = factory.WithWebHostBuilder(b => b.UseSetting("Stripe:WebhookSecret", StripePayloads.Secret));
        Client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
    }

    public WebApplicationFactory<Crossing.Web.Security.CallerAccessor> App { get; }
    public HttpClient Client { get; }
    public WebFactory Factory => factory;

    public static async Task<FundingWeb> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) => new(await WebFactory.CreateAsync(provider));

    public async Task<string> SendAsync(string type, System.Text.Json.Nodes.JsonObject obj, string? id = null, string apiVersion = StripePayloads.CurrentApiVersion)
    {
        var response = await StripePayloads.PostAsync(Client, StripePayloads.Event(type, obj, id, apiVersion));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return StripePayloads.Outcome(body);
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<List<T>> AllAsync<T>()
        where T : class => WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<T>().AsNoTracking().ToListAsync());

    public async Task<string?> BalanceAsync(string fund, string currency = "USD")
    {
        var funds = await WithAsync(sp => sp.GetRequiredService<Ledger>().FundBalancesAsync());
        return funds.Single(f => f.Id == fund).Balances.Where(b => b.Currency.Code == currency).Select(b => b.Format()).SingleOrDefault();
    }

    public Task<LedgerCheckResult> CheckAsync() => WithAsync(sp => sp.GetRequiredService<LedgerCheck>().RunAsync());

    public async Task AssertHoldsAsync()
    {
        var check = await CheckAsync();
        Assert.True(check.Holds, string.Join("; ", check.Violations));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }
}
