using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Crossing.Tests.Funding.StripePayloads;

namespace Crossing.Tests.Funding;

public sealed class FundingCliAndApiTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Ledger_balances_json_prints_each_fund_per_currency_with_its_own_decimals(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await world.GiveAsync("pi_1", 123450, fund: "rescue");
        await world.GiveAsync("pi_2", 90000, currency: "krw", fund: "rescue");
        var run = await CliRunner.RunAsync(world.Store, "ledger", "balances", "--json");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal("""{"funds":[{"id":"general","restricted":false,"balances":{}},{"id":"rescue","restricted":true,"balances":{"KRW":"90000","USD":"1234.50"}}]}""", run.Out);
    }

    [Fact]
    public async Task Ledger_check_passes_on_a_sound_ledger_and_names_the_first_violation_otherwise()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.GiveAsync("pi_1", 5000, fund: "rescue");
        await world.SpendAsync("rescue", 2000, "leg-1");
        var ok = await CliRunner.RunAsync(world.Store, "ledger", "check");
        Assert.True(ok.Exit == 0, ok.Error);
        Assert.Contains("holds", ok.Out, StringComparison.Ordinal);

        // Someone edits the database behind the ledger's back: the stored balance no longer follows from the transfers.
        await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Database.ExecuteSqlRawAsync(
            "UPDATE ledger_balances SET \"DebitsMinor\" = \"DebitsMinor\" + 99999 WHERE \"AccountId\" = 'fund:rescue'"));
        var broken = await CliRunner.RunAsync(world.Store, "ledger", "check");
        Assert.Equal(1, broken.Exit);
        Assert.StartsWith("error: DebitsEqualCredits: USD: transfers debit 7000 and credit 7000, balances debit 106999", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_check_fails_when_a_restricted_fund_is_overdrawn_or_a_gift_is_posted_twice()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.GiveAsync("pi_1", 5000, fund: "rescue");
        // A transfer forged straight into the table, bypassing the ledger, takes rescue below zero.
        await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Database.ExecuteSqlRawAsync(
            "INSERT INTO ledger_transfers (\"Key\", \"DebitAccountId\", \"CreditAccountId\", \"CurrencyCode\", \"AmountMinor\", \"Code\", \"PostedAt\") VALUES ('forged', 'fund:rescue', 'expense:journeys', 'USD', 9000, 'spend', 0)"));
        var run = await CliRunner.RunAsync(world.Store, "ledger", "check", "--json");
        Assert.Equal(1, run.Exit);
        var violations = run.Json.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.Contains(violations, v => v.StartsWith("RestrictedFundNotNegative: restricted fund rescue is at -40.00 USD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fund_add_and_campaign_add_shape_where_gifts_go()
    {
        await using var world = await FundingWorld.CreateAsync();
        var fund = await CliRunner.RunAsync(world.Store, "fund", "add", "winter-relief", "--name", "Winter relief", "--restricted");
        Assert.True(fund.Exit == 0, fund.Error);
        var campaign = await CliRunner.RunAsync(world.Store, "campaign", "add", "--name", "June rescue appeal", "--fund", "winter-relief", "--from", "2026-06-01", "--to", "2026-06-30", "--kind", "one-time", "--json");
        Assert.True(campaign.Exit == 0, campaign.Error);
        Assert.Equal("june-rescue-appeal-2026-06", campaign.Json.GetProperty("id").GetString());

        await world.GiveAsync("pi_june", 1000, at: new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero));
        await world.GiveAsync("pi_july", 1000, at: new DateTimeOffset(2026, 7, 1, 0, 30, 0, TimeSpan.Zero));
        Assert.Equal(1000, await world.BalanceAsync("winter-relief"));
        Assert.Equal(1000, await world.BalanceAsync("general"));

        var badDates = await CliRunner.RunAsync(world.Store, "campaign", "add", "--name", "x", "--fund", "rescue", "--from", "2026-06-30", "--to", "2026-06-01");
        Assert.Equal(2, badDates.Exit);
        Assert.Contains("ends (2026-06-01) before it starts", badDates.Error, StringComparison.Ordinal);
        var badFund = await CliRunner.RunAsync(world.Store, "campaign", "add", "--name", "x", "--fund", "nope", "--from", "2026-06-01", "--to", "2026-06-02");
        Assert.Contains("There is no fund 'nope'", badFund.Error, StringComparison.Ordinal);
        var dupFund = await CliRunner.RunAsync(world.Store, "fund", "add", "rescue", "--name", "Again");
        Assert.Equal(2, dupFund.Exit);
    }

    [Fact]
    public async Task Api_funds_answers_finance_with_a_bearer_token_and_refuses_other_roles()
    {
        await using var web = await FundingWeb.CreateAsync();
        await web.SendAsync("checkout.session.completed", Checkout("pi_api", 90000, currency: "krw", metadata: Metadata(fund: "rescue")));
        var finance = await web.Factory.AddStaffAsync(StaffRole.Finance, []);
        var manager = await web.Factory.AddStaffAsync(StaffRole.FieldManager);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/funds");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await web.Factory.IssueTokenAsync(finance));
        var ok = await web.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        var rescue = json.RootElement.GetProperty("funds").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "rescue");
        Assert.True(rescue.GetProperty("restricted").GetBoolean());
        Assert.Equal("90000", rescue.GetProperty("balances").GetProperty("KRW").GetString());

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/funds");
        other.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await web.Factory.IssueTokenAsync(manager));
        Assert.Equal(HttpStatusCode.Forbidden, (await web.Client.SendAsync(other)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Client.GetAsync("/api/funds")).StatusCode);
    }
}
