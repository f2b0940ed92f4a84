using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crossing.Tests.Funding;

public sealed partial class ReceiptTests
{
    private static ReceiptLine Line(long minor, string reference) =>
        new(new DateTimeOffset(2027, 4, 2, 9, 0, 0, TimeSpan.Zero), Money.Of(minor, "KRW"), null, "rescue", reference);

    [Fact]
    public async Task Korean_receipt_embeds_a_NanumGothic_subset_and_pdftoppm_draws_its_Hangul()
    {
        var documents = new ReceiptDocuments(Options.Create(new ReceiptOptions { OrganisationName = "크로싱 Crossing", RegistrationNumber = "123-45-67890" }));
        var pdf = documents.GiftReceipt("ko", "R-2027-ABC", new DateOnly(2027, 4, 3), "홍길동", "D-ABCDE", Line(50000, "pi_korean"));
        var dir = TestStore.NewTempDirectory();
        var path = Path.Combine(dir, "receipt.pdf");
        await File.WriteAllBytesAsync(path, pdf);

        var fonts = await RunAsync("pdffonts", path);
        // pdffonts: name, type, encoding, emb, sub, uni. A subset's name carries a six-letter tag: ABCDEF+NanumGothic.
        Assert.Matches(new Regex(@"^[A-Z]{6}\+NanumGothic\S*\s.*\byes\s+yes\s+yes\b", RegexOptions.Multiline), fonts);
        Assert.DoesNotMatch(new Regex(@"\bno\s+no\s+\w+\s+\d+\s+\d+\s*$", RegexOptions.Multiline), fonts);

        var text = await RunAsync("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.Contains("기부금 영수증", text, StringComparison.Ordinal);
        Assert.Contains("홍길동", text, StringComparison.Ordinal);
        Assert.Contains("50000 KRW", text, StringComparison.Ordinal);
        Assert.Contains("123-45-67890", text, StringComparison.Ordinal);

        // Where pdftotext says each Hangul word is, the rasterised page has ink, and different words have different ink
        // (a missing glyph would draw nothing, or the same empty box for every character).
        var boxes = await RunAsync("pdftotext", "-bbox", "-enc", "UTF-8", path, "-");
        var first = await InkAsync(path, Box(boxes, "기부금"), dir, "a");
        var second = await InkAsync(path, Box(boxes, "홍길동"), dir, "b");
        Assert.True(first.Dark > 20, $"the word 기부금 drew {first.Dark} dark pixels");
        Assert.True(second.Dark > 20, $"the word 홍길동 drew {second.Dark} dark pixels");
        Assert.NotEqual(first.Pixels, second.Pixels);
    }

    [Fact]
    public async Task English_statement_lists_the_year_s_gifts_net_of_refunds_with_totals_per_currency()
    {
        var documents = new ReceiptDocuments(Options.Create(new ReceiptOptions()));
        var gifts = new[]
        {
            new ReceiptLine(new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero), Money.Of(1500, "USD"), Money.Of(500, "USD"), "rescue", "pi_a"),
            new ReceiptLine(new DateTimeOffset(2027, 2, 5, 0, 0, 0, TimeSpan.Zero), Money.Of(2000, "USD"), null, "general", "pi_b"),
            new ReceiptLine(new DateTimeOffset(2027, 3, 5, 0, 0, 0, TimeSpan.Zero), Money.Of(30000, "KRW"), null, "rescue", "pi_c"),
        };
        var path = Path.Combine(TestStore.NewTempDirectory(), "statement.pdf");
        await File.WriteAllBytesAsync(path, documents.Statement("en", "S-2027-D-ABCDE-1", 2027, new DateOnly(2028, 1, 2), "Ji-min Test", "D-ABCDE", gifts));
        var text = await RunAsync("pdftotext", "-layout", "-enc", "UTF-8", path, "-");
        Assert.Contains("Giving statement 2027", text, StringComparison.Ordinal);
        Assert.Contains("15.00 USD (5.00 USD refunded)", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Total\s+35\.00 USD"), text);
        Assert.Matches(new Regex(@"Total\s+30000 KRW"), text);
    }

    [Fact]
    public async Task A_statement_with_many_gifts_continues_on_further_pages()
    {
        var documents = new ReceiptDocuments(Options.Create(new ReceiptOptions()));
        var gifts = Enumerable.Range(1, 120).Select(i => new ReceiptLine(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i), Money.Of(1000 + i, "USD"), null, "general", $"pi_{i:D4}")).ToList();
        var path = Path.Combine(TestStore.NewTempDirectory(), "long.pdf");
        await File.WriteAllBytesAsync(path, documents.Statement("en", "S-2027-D-ABCDE-1", 2027, new DateOnly(2028, 1, 2), "Ji-min Test", "D-ABCDE", gifts));
        var info = await RunAsync("pdfinfo", path);
        Assert.Matches(new Regex(@"Pages:\s+[3-9]"), info);
        var text = await RunAsync("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.Contains("pi_0001", text, StringComparison.Ordinal);
        Assert.Contains("pi_0120", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Statements_are_sent_once_per_donor_and_year_unless_one_donor_is_asked_again(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        var in2026 = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        await world.GiveAsync("pi_s1", 2500, email: "first@example.org", at: in2026);
        await world.GiveAsync("pi_s2", 50000, currency: "krw", email: "first@example.org", at: in2026.AddMonths(2));
        await world.GiveAsync("pi_s3", 4000, email: "second@example.org", at: in2026);
        await world.GiveAsync("pi_s4", 4000, email: "refunded@example.org", at: in2026);
        await world.WithAsync(sp => sp.GetRequiredService<GiftIntake>().ReceiveRefundAsync("stripe", "pi_s4", "evt_refund_all", 4000, "usd", in2026));
        await world.GiveAsync("pi_s5", 4000, email: "lastyear@example.org", at: in2026.AddYears(-1));

        var first = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026", "--json");
        Assert.True(first.Exit == 0, first.Error);
        Assert.Equal(2, first.Json.GetProperty("sent").GetInt32());
        Assert.Equal(0, first.Json.GetProperty("alreadySent").GetInt32());
        Assert.Equal("outbox", first.Json.GetProperty("delivery").GetString());
        var outbox = Path.Combine(world.Store.DataDirectory, "outbox");
        var files = Directory.GetFiles(outbox, "*.eml");
        Assert.Equal(2, files.Length);
        var mails = files.Select(File.ReadAllText).ToList();
        Assert.Contains(mails, m => m.Contains("To: Test Donor <first@example.org>", StringComparison.Ordinal) && m.Contains("application/pdf", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Contains("second@example.org", StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => m.Contains("refunded@example.org", StringComparison.Ordinal) || m.Contains("lastyear@example.org", StringComparison.Ordinal));

        var second = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026", "--json");
        Assert.True(second.Exit == 0, second.Error);
        Assert.Equal(0, second.Json.GetProperty("sent").GetInt32());
        Assert.Equal(2, second.Json.GetProperty("alreadySent").GetInt32());
        Assert.Equal(2, Directory.GetFiles(outbox, "*.eml").Length);

        var code = await world.WithAsync(async sp => (await sp.GetRequiredService<DonorDirectory>().FindByEmailAsync("first@example.org"))!.Code);
        var again = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026", "--again", code, "--json");
        Assert.True(again.Exit == 0, again.Error);
        Assert.Equal(1, again.Json.GetProperty("sent").GetInt32());
        Assert.Equal($"S-2026-{code}-2", again.Json.GetProperty("numbers")[0].GetString());
        Assert.Equal(3, Directory.GetFiles(outbox, "*.eml").Length);

        var audited = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == "donor.contact.open:" + Receipts.StatementPurpose).Select(e => e.RecordCode).ToListAsync());
        Assert.Equal(["2 records", code], audited);

        var unknown = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026", "--again", "D-ZZZZZ");
        Assert.NotEqual(0, unknown.Exit);
        Assert.Contains("There is no donor D-ZZZZZ", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gift_receipt_is_sent_in_korean_and_a_gift_outside_the_ledger_is_refused_with_what_to_do()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.GiveAsync("pi_g1", 30000, currency: "krw", email: "korean@example.org");
        await world.GiveAsync("pi_g2", 1000, fund: "nowhere");
        var sent = await CliRunner.RunAsync(world.Store, "receipts", "gift", "pi_g1", "--language", "ko", "--json");
        Assert.True(sent.Exit == 0, sent.Error);
        var number = sent.Json.GetProperty("number").GetString()!;
        Assert.StartsWith("R-2026-", number, StringComparison.Ordinal);
        var mail = await File.ReadAllTextAsync(Path.Combine(world.Store.DataDirectory, "outbox", number + ".eml"));
        Assert.Contains("korean@example.org", mail, StringComparison.Ordinal);

        var refused = await CliRunner.RunAsync(world.Store, "receipts", "gift", "pi_g2");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("/finance/attention", refused.Error, StringComparison.Ordinal);
        var missing = await CliRunner.RunAsync(world.Store, "receipts", "gift", "pi_nothing");
        Assert.Contains("There is no gift pi_nothing", missing.Error, StringComparison.Ordinal);
    }

    private static (double X, double Y, double W, double H) Box(string bboxHtml, string word)
    {
        var m = Regex.Match(bboxHtml, $"<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">{word}</word>");
        Assert.True(m.Success, $"pdftotext -bbox does not place the word {word}");
        double N(int i) => double.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        return (N(1), N(2), N(3) - N(1), N(4) - N(2));
    }

    /// <summary>Rasterises one box of page 1 at 144 dpi in grey and counts pixels darker than mid-grey.</summary>
    private static async Task<(int Dark, byte[] Pixels)> InkAsync(string pdf, (double X, double Y, double W, double H) box, string dir, string name)
    {
        const double scale = 2;
        var prefix = Path.Combine(dir, name);
        await RunAsync("pdftoppm", "-r", "144", "-gray", "-singlefile",
            "-x", ((int)(box.X * scale)).ToString(CultureInfo.InvariantCulture), "-y", ((int)(box.Y * scale)).ToString(CultureInfo.InvariantCulture),
            "-W", ((int)Math.Ceiling(box.W * scale)).ToString(CultureInfo.InvariantCulture), "-H", ((int)Math.Ceiling(box.H * scale)).ToString(CultureInfo.InvariantCulture),
            pdf, prefix);
        var bytes = await File.ReadAllBytesAsync(prefix + ".pgm");
        // PGM (P5): three header lines (magic, size, max value), then one byte per pixel.
        var offset = 0;
        for (var lines = 0; lines < 3; offset++)
            if (bytes[offset] == '\n')
                lines++;
        var pixels = bytes[offset..];
        return (pixels.Count(p => p < 128), pixels);
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}");
        return await output;
    }
}
