using System.Net;
using System.Text.RegularExpressions;
using Crossing.Core.Funding;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Crossing.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Funding;

public sealed class FinanceReceiptPagesTests
{
    private static async Task<(WebFactory Web, HttpClient Finance)> FinanceAsync()
    {
        var web = await WebFactory.CreateAsync();
        await web.InScopeAsync(async sp =>
        {
            var intake = sp.GetRequiredService<GiftIntake>();
            var now = DateTimeOffset.UtcNow;
            await intake.ReceiveGiftAsync(FundingWorld.Facts("pi_web_nowhere", 4200, fund: "nowhere", at: now));
            await intake.ReceiveGiftAsync(FundingWorld.Facts("pi_web_anonymous", 1000, at: now) with { Email = null });
            await intake.ReceiveGiftAsync(FundingWorld.Facts("pi_web_monthly", 2000, email: "monthly@example.org", at: now.AddDays(-80), kind: GiftKind.Recurring));
            await intake.ReceiveGiftAsync(FundingWorld.Facts("pi_web_last_year", 9900, email: "statement@example.org", at: new DateTimeOffset(now.Year - 1, 6, 1, 0, 0, 0, TimeSpan.Zero)));
            return 0;
        });
        var finance = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.Finance, []));
        return (web, finance);
    }

    [Fact]
    public async Task Attention_page_posts_a_chosen_fund_through_the_ledger_and_confirms_it()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        var html = await client.GetStringAsync("/finance/attention");
        Assert.Contains("data-gift=\"pi_web_nowhere\"", html, StringComparison.Ordinal);
        Assert.Contains("data-gift=\"pi_web_anonymous\"", html, StringComparison.Ordinal);
        ShellMarkupTests.AssertNoInlineCode("/finance/attention", html);

        var posted = await WebFactory.PostFormAsync(client, "/finance/attention?handler=fund", new Dictionary<string, string> { ["reference"] = "pi_web_nowhere", ["fund"] = "rescue" }, "/finance/attention");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await client.GetStringAsync(posted.Headers.Location!.ToString());
        Assert.Contains("class=\"confirmation\"", after, StringComparison.Ordinal);
        Assert.Contains("pi_web_nowhere is now in the ledger", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-gift=\"pi_web_nowhere\"", after, StringComparison.Ordinal);
        var funds = await web.InScopeAsync(sp => sp.GetRequiredService<Ledger>().FundBalancesAsync());
        Assert.Equal(4200, funds.Single(f => f.Id == "rescue").Balances.Single(b => b.Currency.Code == "USD").Minor);

        var refused = await WebFactory.PostFormAsync(client, "/finance/attention?handler=donor", new Dictionary<string, string> { ["reference"] = "pi_web_anonymous", ["donor"] = "D-ZZZZZ" }, "/finance/attention");
        var explained = await client.GetStringAsync(refused.Headers.Location!.ToString());
        Assert.Contains("role=\"alert\"", explained, StringComparison.Ordinal);
        Assert.Contains("Check it and try again", explained, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_page_lists_a_lapsed_monthly_donor_and_draws_the_cohort_chart()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        var html = await client.GetStringAsync("/finance/health");
        Assert.Matches("data-donor=\"D-[2-9A-Z]{5}\" data-concerns=\"Lapsed\"", html);
        Assert.Contains("<svg class=\"retention-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("data-retained=\"100\"", html, StringComparison.Ordinal);
        ShellMarkupTests.AssertNoInlineCode("/finance/health", html);
    }

    [Fact]
    public async Task Receipts_page_sends_last_year_s_statements_once_and_downloads_a_gift_receipt_pdf()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        var year = DateTime.UtcNow.Year - 1;
        var html = await client.GetStringAsync("/finance/receipts");
        Assert.Contains($"data-statements=\"0/1\"", html, StringComparison.Ordinal);
        ShellMarkupTests.AssertNoInlineCode("/finance/receipts", html);

        var sent = await WebFactory.PostFormAsync(client, "/finance/receipts?handler=statements", new Dictionary<string, string> { ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["language"] = "ko" }, "/finance/receipts");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = await client.GetStringAsync(sent.Headers.Location!.ToString());
        Assert.Contains("1 statements for", after, StringComparison.Ordinal);
        Assert.Contains("data-statements=\"1/1\"", after, StringComparison.Ordinal);
        Assert.Matches($"data-receipt=\"S-{year}-D-[2-9A-Z]{{5}}-1\"", after);
        var again = await WebFactory.PostFormAsync(client, "/finance/receipts?handler=statements", new Dictionary<string, string> { ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/finance/receipts");
        Assert.Contains("0 statements for", await client.GetStringAsync(again.Headers.Location!.ToString()), StringComparison.Ordinal);

        var pdf = await client.GetAsync("/finance/receipts?handler=pdf&reference=pi_web_last_year&language=ko");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/finance/receipts?handler=pdf&reference=pi_web_nowhere_at_all")).StatusCode);
    }

    [Fact]
    public async Task New_finance_pages_are_in_korean_and_hidden_from_other_roles()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        foreach (var (path, korean) in new[] { ("/finance/attention", "결정을 기다리는 기부"), ("/finance/health", "시작 월별 유지율"), ("/finance/receipts", "기부 한 건의 영수증") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptLanguage.ParseAdd("ko");
            Assert.Contains(korean, await (await client.SendAsync(request)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var manager = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldManager));
        foreach (var path in new[] { "/finance/attention", "/finance/health", "/finance/receipts", "/finance/receipts?handler=pdf&reference=pi_web_last_year" })
            Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(path)).StatusCode);
        var post = await manager.PostAsync("/finance/attention?handler=returned", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = "pi_web_nowhere" }));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains(await web.InScopeAsync(sp => sp.GetRequiredService<GiftDecisions>().PendingAsync(new StaffCaller(Guid.NewGuid(), "S-TEST", StaffRole.Finance, []))), g => g.Reference == "pi_web_nowhere");
    }
}
