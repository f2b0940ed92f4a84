using System.Net;
using Crossing.Core.Demo;
using Crossing.Core.Funding;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Crossing.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Funding;

public sealed class FinancePageTests
{
    private static async Task<(WebFactory Web, HttpClient Finance)> FinanceAsync()
    {
        var web = await WebFactory.CreateAsync();
        await web.InScopeAsync(async sp =>
        {
            var intake = sp.GetRequiredService<GiftIntake>();
            var now = DateTimeOffset.UtcNow;
            await intake.ReceiveGiftAsync(FundingWorld.Facts("pi_page_1", 2000, email: "monthly.one@example.org", at: now.AddMonths(-1)) with { Kind = GiftKind.Recurring, Channel = StripeEvents.SubscriptionChannel });
            await intake.ReceiveGiftAsync(FundingWorld.Facts("pi_page_2", 15000, fund: "rescue", email: "once@example.org", at: now));
            await intake.ReceiveGiftAsync(FundingWorld.Facts("pi_page_3", 50000, currency: "krw", email: "once@example.org", at: now));
            await intake.ReceiveGiftAsync(FundingWorld.Facts("pi_page_4", 999, fund: "nowhere", at: now));
            await intake.ReceiveRefundAsync("stripe", "pi_page_2", "evt_page_refund", 5000, "usd", now);
            await sp.GetRequiredService<Campaigns>().AddAsync("Winter appeal", "rescue", DateOnly.FromDateTime(now.UtcDateTime).AddDays(-5), DateOnly.FromDateTime(now.UtcDateTime).AddDays(5), CampaignGiftKind.OneTime);
            return 0;
        });
        var finance = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.Finance, []));
        return (web, finance);
    }

    [Fact]
    public async Task Finance_overview_shows_balances_campaign_chart_and_what_needs_attention_without_inline_code()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        var html = await client.GetStringAsync("/finance");
        Assert.Contains("data-fund=\"rescue\"", html, StringComparison.Ordinal);
        Assert.Contains("100.00 USD", html, StringComparison.Ordinal);
        Assert.Contains("50000 KRW", html, StringComparison.Ordinal);
        Assert.Contains("Winter appeal", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"income-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"stripe-subscription\" data-amount=\"20.00\"", html, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"stripe-checkout\" data-amount=\"150.00\"", html, StringComparison.Ordinal);
        Assert.Contains("nowhere", html, StringComparison.Ordinal);
        ShellMarkupTests.AssertNoInlineCode("/finance", html);
        foreach (var path in new[] { "/finance/gifts", "/finance/donors", "/finance/campaigns" })
            ShellMarkupTests.AssertNoInlineCode(path, await client.GetStringAsync(path));
    }

    [Fact]
    public async Task Gifts_are_found_by_donor_email_date_and_channel_and_donor_page_shows_history_and_saves_preferences()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        var byDonor = await client.GetStringAsync("/finance/gifts?donor=ONCE%40example.org");
        Assert.Contains("data-gift=\"pi_page_2\"", byDonor, StringComparison.Ordinal);
        Assert.Contains("data-gift=\"pi_page_3\"", byDonor, StringComparison.Ordinal);
        Assert.DoesNotContain("data-gift=\"pi_page_1\"", byDonor, StringComparison.Ordinal);
        var byChannel = await client.GetStringAsync("/finance/gifts?channel=stripe-subscription");
        Assert.Contains("data-gift=\"pi_page_1\"", byChannel, StringComparison.Ordinal);
        Assert.DoesNotContain("data-gift=\"pi_page_2\"", byChannel, StringComparison.Ordinal);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var byDate = await client.GetStringAsync($"/finance/gifts?from={today}&to={today}");
        Assert.DoesNotContain("data-gift=\"pi_page_1\"", byDate, StringComparison.Ordinal);
        Assert.Contains("data-gift=\"pi_page_2\"", byDate, StringComparison.Ordinal);

        var code = System.Text.RegularExpressions.Regex.Match(byDonor, "/finance/donors/(D-[2-9A-Z]{5})").Groups[1].Value;
        var donor = await client.GetStringAsync("/finance/donors/" + code);
        Assert.Contains("once@example.org", donor, StringComparison.Ordinal);
        Assert.Contains("data-gift=\"pi_page_3\"", donor, StringComparison.Ordinal);
        var saved = await WebFactory.PostFormAsync(client, "/finance/donors/" + code, new Dictionary<string, string> { ["EmailUpdates"] = "true", ["Introductions"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await client.GetStringAsync("/finance/donors/" + code + "?saved=1");
        Assert.Matches("<input type=\"checkbox\" checked=\"checked\"[^>]*name=\"EmailUpdates\"", after);
        Assert.DoesNotMatch("<input type=\"checkbox\" checked=\"checked\"[^>]*name=\"Introductions\"", after);
    }

    [Fact]
    public async Task Campaign_can_be_added_on_the_page_and_bad_dates_are_explained()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        var added = await WebFactory.PostFormAsync(client, "/finance/campaigns", new Dictionary<string, string>
        {
            ["Form.Name"] = "Spring appeal", ["Form.Fund"] = "rescue", ["Form.From"] = "2027-03-01", ["Form.To"] = "2027-03-31", ["Form.Kind"] = "any",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("data-campaign=\"spring-appeal-2027-03\"", await client.GetStringAsync("/finance/campaigns"), StringComparison.Ordinal);
        var bad = await WebFactory.PostFormAsync(client, "/finance/campaigns", new Dictionary<string, string>
        {
            ["Form.Name"] = "Oops", ["Form.Fund"] = "rescue", ["Form.From"] = "March", ["Form.To"] = "2027-03-31", ["Form.Kind"] = "any",
        });
        Assert.Contains("YYYY-MM-DD", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_pages_are_in_korean_and_hidden_from_other_roles()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        using var korean = new HttpRequestMessage(HttpMethod.Get, "/finance");
        korean.Headers.AcceptLanguage.ParseAdd("ko");
        var html = await (await client.SendAsync(korean)).Content.ReadAsStringAsync();
        Assert.Contains("월별·경로별 수입", html, StringComparison.Ordinal);
        Assert.Contains("확인 필요", html, StringComparison.Ordinal);
        var manager = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldManager));
        foreach (var path in new[] { "/finance", "/finance/gifts", "/finance/donors", "/finance/campaigns" })
            Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Demo_money_keeps_every_ledger_invariant_and_tells_the_june_story()
    {
        await using var web = await WebFactory.CreateAsync();
        await web.InScopeAsync(s => DemoSeeder.SeedAsync(s, CancellationToken.None));
        var check = await web.InScopeAsync(sp => sp.GetRequiredService<LedgerCheck>().RunAsync());
        Assert.True(check.Holds, string.Join("; ", check.Violations));
        Assert.Equal(1, check.NeedsAttention);
        var funds = await web.InScopeAsync(sp => sp.GetRequiredService<Ledger>().FundBalancesAsync());
        Assert.True(funds.Single(f => f.Id == "rescue").Balances.Single(b => b.Currency.Code == "USD").Minor > 0);
        var gifts = await web.InScopeAsync(sp => sp.GetRequiredService<FinanceQueries>().GiftsAsync(new StaffCaller(Guid.NewGuid(), "S-TEST", StaffRole.Finance, []), new GiftSearch(Take: 1000)));
        Assert.Contains(gifts, g => g.Campaign is not null && g.Designation == DesignationSource.Campaign && g.Fund == "rescue");
        Assert.Contains(gifts, g => g.Kind == GiftKind.Recurring && g.Amount == "20.00");
        Assert.Contains(gifts, g => g.Refunded == "225.00");
        Assert.Contains(gifts, g => g.Currency == "KRW");
    }
}
