using System.Net;
using System.Text.RegularExpressions;
using Crossing.Core.Funding;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Crossing.Tests.Web;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task Donor_page_sets_the_receipt_language_confirms_it_and_statements_follow_it()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        var code = await web.InScopeAsync(async sp => (await sp.GetRequiredService<DonorDirectory>().FindByEmailAsync("statement@example.org"))!.Code);
        var page = $"/finance/donors/{code}";
        var html = await client.GetStringAsync(page);
        Assert.Contains("data-language-inferred=\"en\"", html, StringComparison.Ordinal);
        Assert.Matches("value=\"en\" checked", html);
        ShellMarkupTests.AssertNoInlineCode(page, html);

        var posted = await WebFactory.PostFormAsync(client, page + "?handler=language", new Dictionary<string, string> { ["language"] = "ko" }, page);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        using (var request = new HttpRequestMessage(HttpMethod.Get, posted.Headers.Location!.ToString()))
        {
            request.Headers.AcceptLanguage.ParseAdd("ko");
            var korean = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
            Assert.Contains("이제 이 후원자의 영수증은 한국어(으)로 작성됩니다.", korean, StringComparison.Ordinal);
            Assert.Contains("영수증 언어", korean, StringComparison.Ordinal);
            Assert.Matches("value=\"ko\" checked", korean);
            Assert.DoesNotContain("data-language-inferred", korean, StringComparison.Ordinal);
        }
        var refused = await WebFactory.PostFormAsync(client, page + "?handler=language", new Dictionary<string, string> { ["language"] = "fr" }, page);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        // The page's default for statements is each donor's own language.
        var year = (DateTime.UtcNow.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("<option value=\"\" selected>Each donor&#x27;s language</option>", await client.GetStringAsync("/finance/receipts"), StringComparison.Ordinal);
        var sent = await WebFactory.PostFormAsync(client, "/finance/receipts?handler=statements", new Dictionary<string, string> { ["year"] = year, ["language"] = "" }, "/finance/receipts");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var language = await web.InScopeAsync(sp => sp.GetRequiredService<Crossing.Core.Persistence.CrossingDbContext>().Set<ReceiptRecord>().Select(r => r.Language).SingleAsync());
        Assert.Equal("ko", language);
    }

    [Fact]
    public async Task Receipts_page_lists_an_unconfirmed_e_mail_and_confirms_it_without_sending()
    {
        var (web, client) = await FinanceAsync();
        await using var _ = web;
        var year = DateTime.UtcNow.Year - 1;
        var (code, number) = await web.InScopeAsync(async sp =>
        {
            var donor = (await sp.GetRequiredService<DonorDirectory>().FindByEmailAsync("statement@example.org"))!;
            var number = $"S-{year}-{donor.Code}-1";
            var db = sp.GetRequiredService<Crossing.Core.Persistence.CrossingDbContext>();
            db.Add(ReceiptRecord.Sending(ReceiptKind.Statement, donor.Id, year, null, number, number + "@crossing.invalid", ReceiptDelivery.Smtp, "en", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            return (donor.Code, number);
        });
        var html = await client.GetStringAsync("/finance/receipts");
        Assert.Contains($"data-unconfirmed=\"{number}\"", html, StringComparison.Ordinal);
        Assert.Contains($"crossing receipts send --year {year} --again {code}", html, StringComparison.Ordinal);
        Assert.Contains($"data-receipt=\"{number}\" data-state=\"Sending\"", html, StringComparison.Ordinal);
        Assert.Contains("data-statements=\"0/1\"", html, StringComparison.Ordinal);
        ShellMarkupTests.AssertNoInlineCode("/finance/receipts", html);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/finance/receipts"))
        {
            request.Headers.AcceptLanguage.ParseAdd("ko");
            Assert.Contains("확인되지 않은 발송", await (await client.SendAsync(request)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Sending the missing statements leaves it alone: it may have arrived.
        var send = await WebFactory.PostFormAsync(client, "/finance/receipts?handler=statements", new Dictionary<string, string> { ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/finance/receipts");
        Assert.Contains("0 statements for", await client.GetStringAsync(send.Headers.Location!.ToString()), StringComparison.Ordinal);

        var confirmed = await WebFactory.PostFormAsync(client, "/finance/receipts?handler=confirm", new Dictionary<string, string> { ["number"] = number }, "/finance/receipts");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await client.GetStringAsync(confirmed.Headers.Location!.ToString());
        Assert.Contains($"Receipt {number} recorded as sent", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-unconfirmed", after, StringComparison.Ordinal);
        Assert.Contains("data-statements=\"1/1\"", after, StringComparison.Ordinal);
        var again = await WebFactory.PostFormAsync(client, "/finance/receipts?handler=confirm", new Dictionary<string, string> { ["number"] = number }, "/finance/receipts");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Nothing was changed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(web.Storage.DataDirectory, "outbox")));

        // A gift receipt whose e-mail was interrupted is not sent again from the page either.
        await web.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Crossing.Core.Persistence.CrossingDbContext>();
            var gift = await db.Set<Gift>().SingleAsync(g => g.PaymentId == "pi_web_last_year");
            db.Add(ReceiptRecord.Sending(ReceiptKind.Gift, gift.DonorId!.Value, year, gift.Id, "R-TEST-1", "R-TEST-1@crossing.invalid", ReceiptDelivery.Smtp, "en", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var gift = await WebFactory.PostFormAsync(client, "/finance/receipts?handler=gift", new Dictionary<string, string> { ["reference"] = "pi_web_last_year" }, "/finance/receipts");
        Assert.Equal(HttpStatusCode.OK, gift.StatusCode);
        var refusal = await gift.Content.ReadAsStringAsync();
        Assert.Contains("may already have reached the donor", refusal, StringComparison.Ordinal);
        Assert.Contains("data-unconfirmed=\"R-TEST-1\"", refusal, StringComparison.Ordinal);
        Assert.Contains("crossing receipts gift REFERENCE --again", refusal, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(web.Storage.DataDirectory, "outbox")));
    }
}
