using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Funding;

public sealed class LedgerTests
{
    [Theory]
    [InlineData(123450, "USD", "1234.50")]
    [InlineData(90000, "KRW", "90000")]
    [InlineData(500, "JPY", "500")]
    [InlineData(1250, "KWD", "1.250")]
    [InlineData(5, "EUR", "0.05")]
    [InlineData(-2000, "GBP", "-20.00")]
    public void Amounts_are_formatted_with_the_currency_exponent_in_invariant_culture(long minor, string currency, string expected)
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal(expected, Money.Of(minor, currency).Format());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Unknown_currencies_are_not_guessed()
    {
        Assert.False(Currency.TryGet("XYZ", out _));
        Assert.False(Currency.TryGet("", out _));
        Assert.True(Currency.TryGet("krw", out var krw));
        Assert.Equal(0, krw.Exponent);
        Assert.Throws<ArgumentException>(() => Money.FromDecimal(12.345m, Currency.Get("USD")));
        Assert.Equal(1234, Money.FromDecimal(12.34m, Currency.Get("USD")).Minor);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Spending_more_than_a_restricted_fund_holds_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await world.GiveAsync("pi_1", 5000, fund: "rescue");
        Assert.Equal(PostOutcome.RestrictedFundWouldGoNegative, await world.SpendAsync("rescue", 5001, "leg-1"));
        Assert.Equal(5000, await world.BalanceAsync("rescue"));
        Assert.Equal(PostOutcome.Posted, await world.SpendAsync("rescue", 5000, "leg-1"));
        Assert.Equal(0, await world.BalanceAsync("rescue"));
        // Another currency is another balance: dollars never cover won.
        Assert.Equal(PostOutcome.RestrictedFundWouldGoNegative, await world.SpendAsync("rescue", 1, "leg-2", "KRW"));
        Assert.True((await world.CheckAsync()).Holds);
    }

    [Fact]
    public async Task Unrestricted_fund_may_go_below_zero()
    {
        await using var world = await FundingWorld.CreateAsync();
        Assert.Equal(PostOutcome.Posted, await world.SpendAsync("general", 700, "rent-march"));
        Assert.Equal(-700, await world.BalanceAsync("general"));
        Assert.True((await world.CheckAsync()).Holds);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_replayed_spend_is_a_no_op(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await world.GiveAsync("pi_1", 10000, fund: "rescue");
        Assert.Equal(PostOutcome.Posted, await world.SpendAsync("rescue", 3000, "journey-J1-leg-2"));
        Assert.Equal(PostOutcome.AlreadyPosted, await world.SpendAsync("rescue", 3000, "journey-J1-leg-2"));
        Assert.Equal(7000, await world.BalanceAsync("rescue"));
        Assert.Equal(2, await world.CountAsync<LedgerTransfer>());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Concurrent_spends_never_overdraw_a_restricted_fund_and_duplicates_post_once(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await world.GiveAsync("pi_1", 10000, fund: "rescue");
        // 16 distinct spends of 10.00 against 100.00, each sent twice at the same moment from separate scopes.
        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(() => world.SpendAsync("rescue", 1000, $"leg-{i % 16}"))).ToArray();
        var outcomes = await Task.WhenAll(attempts);
        Assert.Equal(10, outcomes.Count(o => o == PostOutcome.Posted));
        Assert.Equal(0, await world.BalanceAsync("rescue"));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { PostOutcome.Posted, PostOutcome.AlreadyPosted, PostOutcome.RestrictedFundWouldGoNegative }));
        var check = await world.CheckAsync();
        Assert.True(check.Holds, string.Join("; ", check.Violations));
    }

    [Fact]
    public async Task Funds_can_be_added_and_spending_needs_an_expense_account()
    {
        await using var world = await FundingWorld.CreateAsync();
        var fund = await world.WithAsync(sp => sp.GetRequiredService<Ledger>().AddFundAsync("winter-relief", "Winter relief", restricted: true));
        Assert.True(fund.DebitsMustNotExceedCredits);
        await Assert.ThrowsAsync<LedgerException>(() => world.WithAsync(sp => sp.GetRequiredService<Ledger>().AddFundAsync("winter-relief", "Again", false)));
        await Assert.ThrowsAsync<LedgerException>(() => world.WithAsync(sp => sp.GetRequiredService<Ledger>().AddFundAsync("Bad Id", "x", false)));
        var funds = await world.WithAsync(sp => sp.GetRequiredService<Ledger>().FundBalancesAsync());
        Assert.Equal(["general", "rescue", "winter-relief"], funds.Select(f => f.Id));
        var wrongTarget = await world.WithAsync(sp => sp.GetRequiredService<Ledger>().SpendAsync("general", LedgerAccounts.StripeClearing, Money.Of(100, "USD"), "x"));
        Assert.Equal(PostOutcome.UnknownAccount, wrongTarget);
    }
}
