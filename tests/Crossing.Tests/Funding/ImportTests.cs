using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crossing.Core.Funding;
using Crossing.Core.Funding.Imports;
using Crossing.Core.Persistence;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Funding;

public sealed class ImportTests
{
    internal const string Header = "Payment ID,Charge time,Donation amount,FB fee,Net payout amount,Payout currency,Sender currency,Charge action type,First name,Last name,Email address,Campaign ID,Fundraiser title,Campaign owner name";

    internal static string Row(string id, string amount = "25.00", string fee = "1.00", string currency = "USD", string time = "2027-06-01 10:00:00", string action = "S", string email = "ji.min@example.org", string campaign = "c100") =>
        $"{id},{time},{amount},{fee},0,{currency},USD,{action},지민,김,{email},{campaign},\"Run for \"\"freedom\"\", 2027\",Owner Canary";

    private static MemoryStream File(string text, bool bom = false, string newline = "\n") =>
        new([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text.Replace("\n", newline, StringComparison.Ordinal))]);

    private static Task<ImportSummary> FacebookAsync(FundingWorld world, string text, bool bom = false, string newline = "\n") =>
        world.WithAsync(sp => sp.GetRequiredService<GiftImporter>().ImportFacebookAsync(File(text, bom, newline)));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Overlapping_reports_count_each_payment_once_gross_to_rescue_and_the_fee_from_general(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        var first = await FacebookAsync(world, string.Join('\n', Header, Row("p1"), Row("p2", "10.00", "0.50"), Row("p3", "5.00", "0")) + "\n");
        Assert.Equal((3, 3, 0, 0), (first.Rows, first.Imported, first.Duplicates, first.Rejected));
        var overlapping = await FacebookAsync(world, string.Join('\n', Header, Row("p2", "10.00", "0.50"), Row("p3", "5.00", "0"), Row("p4", "7.00", "0.20")) + "\n");
        Assert.Equal((3, 1, 2, 0), (overlapping.Rows, overlapping.Imported, overlapping.Duplicates, overlapping.Rejected));
        Assert.Empty(overlapping.Errors);
        var again = await FacebookAsync(world, string.Join('\n', Header, Row("p1"), Row("p4", "7.00", "0.20")) + "\n");
        Assert.Equal((2, 0, 2), (again.Rows, again.Imported, again.Duplicates));

        Assert.Equal(4700, await world.BalanceAsync("rescue"));
        Assert.Equal(-170, await world.BalanceAsync("general"));
        Assert.Equal(4, await world.CountAsync<Gift>());
        Assert.Equal(1, await world.CountAsync<Donor>());
        var fundraiser = Assert.Single(await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<Fundraiser>().ToListAsync()));
        Assert.Equal(("c100", "Run for \"freedom\", 2027", "rescue"), (fundraiser.Id, fundraiser.Name, fundraiser.FundId));
        Assert.NotNull(fundraiser.Owner);
        var check = await world.CheckAsync();
        Assert.True(check.Holds, string.Join("; ", check.Violations));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Donors_are_found_once_across_batches_and_stored_donors_are_matched_not_duplicated(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await FacebookAsync(world, string.Join('\n', Header, Row("p0", email: "known@example.org")) + "\n");

        // Batches of two rows: the read stage prepares new donors while the write stage confirms stored ones.
        var lines = new[]
        {
            Row("p1", email: "new.one@example.org"), Row("p2", email: " KNOWN@Example.ORG "), Row("p3", email: "not-an-address"),
            Row("p4", email: "New.One@example.org"), Row("p5", email: ""), Row("p6", email: "known@example.org"), Row("p7", email: "new.one@example.org"),
        };
        var summary = await world.WithAsync(sp =>
        {
            var importer = sp.GetRequiredService<GiftImporter>();
            importer.BatchSize = 2;
            return importer.ImportFacebookAsync(File(string.Join('\n', [Header, .. lines]) + "\n"));
        });

        Assert.Equal((7, 7, 0, 0), (summary.Rows, summary.Imported, summary.Duplicates, summary.Rejected));
        // Only the unusable address is noted (an empty one is an anonymous gift), and the note never quotes it.
        var note = Assert.Single(summary.Errors);
        Assert.Equal((4, GiftImporter.UnusableEmail), (note.Line, note.Reason));
        Assert.DoesNotContain("not-an-address", note.Reason, StringComparison.Ordinal);
        Assert.Equal(2, await world.CountAsync<Donor>());
        var gifts = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<Gift>().AsNoTracking().ToListAsync());
        DonorId? DonorOf(string payment) => gifts.Single(g => g.PaymentId == payment).DonorId;
        Assert.NotNull(DonorOf("p0"));
        Assert.Equal([DonorOf("p0"), DonorOf("p0")], [DonorOf("p2"), DonorOf("p6")]);
        Assert.NotNull(DonorOf("p1"));
        Assert.NotEqual(DonorOf("p0"), DonorOf("p1"));
        Assert.Equal([DonorOf("p1"), DonorOf("p1")], [DonorOf("p4"), DonorOf("p7")]);
        Assert.Equal([null, null], [DonorOf("p3"), DonorOf("p5")]);
        var check = await world.CheckAsync();
        Assert.True(check.Holds, string.Join("; ", check.Violations));
    }

    [Fact]
    public async Task A_payment_imported_before_is_a_duplicate_whatever_the_rest_of_its_row_says_now()
    {
        await using var world = await FundingWorld.CreateAsync();
        await FacebookAsync(world, string.Join('\n', Header, Row("p1"), Row("p2", "10.00", "0.50")) + "\n");
        // A later report with p1's amount damaged and p2 twice: stored payments change nothing; the repeat is still named.
        var again = await FacebookAsync(world, string.Join('\n', Header, Row("p1", amount: "x"), Row("p2", "99.00", "0"), Row("p2"), Row("p3", amount: "x")) + "\n");
        Assert.Equal((4, 0, 3, 1), (again.Rows, again.Imported, again.Duplicates, again.Rejected));
        Assert.Equal(new ImportError(4, "duplicate: this payment is already on line 3"), again.Errors[0]);
        Assert.Equal(5, again.Errors[1].Line);
        Assert.Equal(2, again.Errors.Count);
        Assert.Equal(3500, await world.BalanceAsync("rescue"));
        Assert.Equal(2, await world.CountAsync<Gift>());
    }

    [Fact]
    public async Task A_fundraiser_designated_to_another_fund_receives_its_gifts()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.WithAsync(async sp =>
        {
            await sp.GetRequiredService<Ledger>().AddFundAsync("winter", "Winter relief", restricted: true);
            return await sp.GetRequiredService<Campaigns>().AddFundraiserAsync("c200", "Winter run", "winter");
        });
        await FacebookAsync(world, string.Join('\n', Header, Row("p1", campaign: "c200"), Row("p2", campaign: "c100")) + "\n");
        Assert.Equal(2500, await world.BalanceAsync("winter"));
        Assert.Equal(2500, await world.BalanceAsync("rescue"));
    }

    [Fact]
    public async Task Duplicates_inside_one_file_are_reported_by_line_and_imported_once()
    {
        await using var world = await FundingWorld.CreateAsync();
        var summary = await FacebookAsync(world, string.Join('\n', Header, Row("p1"), Row("p2"), Row("p1"), Row("p1")) + "\n");
        Assert.Equal((4, 2, 2, 0), (summary.Rows, summary.Imported, summary.Duplicates, summary.Rejected));
        Assert.Equal([new ImportError(4, "duplicate: this payment is already on line 2"), new ImportError(5, "duplicate: this payment is already on line 2")], summary.Errors);
        Assert.Equal(5000, await world.BalanceAsync("rescue"));
    }

    [Fact]
    public async Task Every_defect_is_named_by_line_and_the_good_rows_are_imported()
    {
        await using var world = await FundingWorld.CreateAsync();
        var text = string.Join('\n',
            Header,
            Row("good1"),
            Row("neg", amount: "-5.00"),
            Row("nan", amount: "12,5"),
            Row("cur", currency: "XYZ"),
            Row("date", time: "06/01/2027"),
            Row("refund", action: "R"),
            Row("good2", amount: "3.00", fee: "0"),
            "cut,2027-06-01 10:00:00,5.00");
        var summary = await FacebookAsync(world, text, bom: true, newline: "\r\n");
        Assert.Equal((8, 2, 0, 6), (summary.Rows, summary.Imported, summary.Duplicates, summary.Rejected));
        Assert.Equal(
        [
            (3, "Donation amount -5.00 is negative"),
            (4, "the line has 15 fields; the header has 14"),
            (5, "currency 'XYZ' is not one the ledger knows"),
            (6, "Charge time '06/01/2027' is not a date and time (ISO 8601 or yyyy-MM-dd HH:mm:ss)"),
            (7, "charge action type 'R' is not a donation (only S is imported)"),
            (9, "the line is truncated: it has 3 of the header's 14 fields and no line break"),
        ], summary.Errors.Select(e => (e.Line, e.Reason)));
        Assert.Equal(2800, await world.BalanceAsync("rescue"));
        Assert.True((await world.CheckAsync()).Holds);
    }

    [Fact]
    public async Task A_non_numeric_amount_and_a_quote_left_open_at_the_end_are_rejected_by_line()
    {
        await using var world = await FundingWorld.CreateAsync();
        var summary = await FacebookAsync(world, string.Join('\n', Header, Row("nan", amount: "abc"), Row("ok"), "late,2027-06-01 10:00:00,\"5.00"));
        Assert.Equal([(2, "Donation amount 'abc' is not a number"), (4, "the line is truncated: the file ends inside a quoted field")], summary.Errors.Select(e => (e.Line, e.Reason)));
        Assert.Equal(1, summary.Imported);
    }

    [Theory]
    [InlineData("Payment,When,Amount\np1,2027-06-01,5\n", "the first line is not a Facebook fundraiser report header")]
    [InlineData("Payment ID,Charge time,Donation amount,Payout currency,Charge action type\np1,2027-06-01 10:00:00,5,USD,S\n", "the header lacks the column FB fee")]
    public async Task A_wrong_or_incomplete_header_rejects_every_row_under_line_1(string text, string reason)
    {
        await using var world = await FundingWorld.CreateAsync();
        var summary = await FacebookAsync(world, text);
        Assert.Equal((1, 0, 1), (summary.Rows, summary.Imported, summary.Rejected));
        var error = Assert.Single(summary.Errors);
        Assert.Equal(1, error.Line);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await world.CountAsync<Gift>());
    }

    [Fact]
    public async Task A_file_that_is_not_csv_is_named_as_such_and_changes_nothing()
    {
        await using var world = await FundingWorld.CreateAsync();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var summary = await world.WithAsync(sp => sp.GetRequiredService<GiftImporter>().ImportFacebookAsync(new MemoryStream(bytes)));
        Assert.Equal(0, summary.Imported);
        var error = Assert.Single(summary.Errors);
        Assert.Equal(1, error.Line);
        Assert.StartsWith("the file is not CSV text", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await world.CountAsync<Gift>());
    }

    [Fact]
    public async Task Headers_match_in_any_case_and_order_and_unknown_columns_are_ignored()
    {
        await using var world = await FundingWorld.CreateAsync();
        var text = "charge ACTION type,Unknown Thing,payout currency,fb FEE,  Donation Amount ,CHARGE TIME,payment id\nS,whatever,KRW,500,10000,2027-06-01T10:00:00+09:00,k1\n";
        var summary = await FacebookAsync(world, text);
        Assert.Equal(1, summary.Imported);
        Assert.Equal(10000, await world.BalanceAsync("rescue", "KRW"));
        var gift = Assert.Single(await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<Gift>().ToListAsync()));
        Assert.Equal(new DateTimeOffset(2027, 6, 1, 1, 0, 0, TimeSpan.Zero), gift.GivenAt);
        Assert.Null(gift.DonorId);
    }

    [Fact]
    public async Task No_donor_email_or_owner_name_is_stored_in_plaintext()
    {
        await using var world = await FundingWorld.CreateAsync();
        await FacebookAsync(world, string.Join('\n', Header, Row("p1", email: "canary.donor@example.org")) + "\n");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(world.Store.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var content = Encoding.UTF8.GetString(await System.IO.File.ReadAllBytesAsync(file));
            Assert.DoesNotContain("canary.donor", content, StringComparison.Ordinal);
            Assert.DoesNotContain("Owner Canary", content, StringComparison.Ordinal);
            Assert.DoesNotContain("지민", content, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_generic_csv_uses_the_mapping_saved_for_its_source_and_rejects_an_unknown_fund_by_line(DatabaseProvider provider)
    {
        await using var store = await CliRunner.InitialisedStoreAsync(provider);
        var path = Path.Combine(store.DataDirectory, "bank.csv");
        await System.IO.File.WriteAllTextAsync(path, "Ref;x,Booked,Amount,Cur,Fund\nT1,2027-06-01,50000,KRW,rescue\nT2,2027-06-02,20000,KRW,nowhere\nT3,2027-06-03,30000,KRW,\n");
        var first = await CliRunner.RunAsync(store, "import", "csv", path, "--source", "bank-kb", "--map", "key=Ref;x,date=Booked,amount=Amount", "--map", "currency=Cur,fund=Fund", "--json");
        Assert.Equal(1, first.Exit);
        Assert.Equal("""{"rows":3,"imported":2,"duplicates":0,"rejected":1,"seconds":""", first.Out[..first.Out.IndexOf("\"seconds\":", StringComparison.Ordinal)] + "\"seconds\":");
        Assert.EndsWith(""","errors":[{"line":3,"reason":"fund 'nowhere' does not exist; add it with `crossing fund add` or change the row"}]}""", first.Out, StringComparison.Ordinal);

        await System.IO.File.WriteAllTextAsync(path, "Ref;x,Booked,Amount,Cur,Fund\nT3,2027-06-03,30000,KRW,\nT4,2027-06-04,1000,KRW,\n");
        var second = await CliRunner.RunAsync(store, "import", "csv", path, "--source", "bank-kb", "--json");
        Assert.True(second.Exit == 0, second.Error);
        Assert.Equal((1, 1), (second.Json.GetProperty("imported").GetInt32(), second.Json.GetProperty("duplicates").GetInt32()));
        var balances = await CliRunner.RunAsync(store, "ledger", "balances", "--json");
        Assert.Contains("""{"id":"general","restricted":false,"balances":{"KRW":"31000"}}""", balances.Out, StringComparison.Ordinal);
        Assert.Contains("""{"id":"rescue","restricted":true,"balances":{"KRW":"50000"}}""", balances.Out, StringComparison.Ordinal);

        var unmapped = await CliRunner.RunAsync(store, "import", "csv", path, "--source", "bank-other");
        Assert.Equal(2, unmapped.Exit);
        Assert.StartsWith("error: there is no saved column mapping for 'bank-other'", unmapped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_prints_the_summary_json_with_exactly_the_published_fields()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var path = Path.Combine(store.DataDirectory, "fb.csv");
        await System.IO.File.WriteAllTextAsync(path, string.Join('\n', Header, Row("p1"), Row("p1")) + "\n");
        var run = await CliRunner.RunAsync(store, "import", "facebook", path, "--json");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(["rows", "imported", "duplicates", "rejected", "seconds", "errors"], run.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, run.Json.GetProperty("rows").GetInt32());
        var error = Assert.Single(run.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Killed_at_random_points_and_run_again_the_import_ends_with_the_totals_of_an_uninterrupted_one()
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 4000; i++)
            text.Append(Row("k" + i.ToString(CultureInfo.InvariantCulture), amount: (1 + (i % 50)).ToString(CultureInfo.InvariantCulture) + ".25", fee: "0.10", email: $"donor{i % 300}@example.org", campaign: "c" + (i % 7).ToString(CultureInfo.InvariantCulture))).Append('\n');
        text.Append(Row("k1")).Append('\n').Append(Row("bad", amount: "x")).Append('\n');

        await using var reference = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var referencePath = Path.Combine(reference.DataDirectory, "fb.csv");
        await System.IO.File.WriteAllTextAsync(referencePath, text.ToString());
        var whole = await CliRunner.RunAsync(reference, "import", "facebook", referencePath, "--json");
        Assert.Equal((4000, 1, 1), (whole.Json.GetProperty("imported").GetInt32(), whole.Json.GetProperty("duplicates").GetInt32(), whole.Json.GetProperty("rejected").GetInt32()));
        var expected = await CliRunner.RunAsync(reference, "ledger", "balances", "--json");

        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        var path = Path.Combine(store.DataDirectory, "fb.csv");
        await System.IO.File.WriteAllTextAsync(path, text.ToString());
        var random = new Random(20270601);
        var killed = 0;
        var childErrors = new StringBuilder();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var child = StartCli(store.DataDirectory, "import", "facebook", path, "--batch", "150");
            await Task.Delay(random.Next(400, 2500));
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                killed++;
            }
            await child.WaitForExitAsync();
            childErrors.Append(await child.StandardError.ReadToEndAsync());
        }
        Assert.True(killed > 0, "no run was interrupted; the test proves nothing. " + childErrors);
        var final = await CliRunner.RunAsync(store, "import", "facebook", path, "--json");
        Assert.Equal(1, final.Exit);
        Assert.Equal(4001, final.Json.GetProperty("imported").GetInt32() + final.Json.GetProperty("duplicates").GetInt32());
        Assert.Equal(expected.Out, (await CliRunner.RunAsync(store, "ledger", "balances", "--json")).Out);
        var check = await CliRunner.RunAsync(store, "ledger", "check");
        Assert.True(check.Exit == 0, check.Error);
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        Assert.Equal(4000, await db.Set<Gift>().CountAsync());
        Assert.Equal(300, await db.Set<Donor>().CountAsync());
        Assert.Equal(7, await db.Set<Fundraiser>().CountAsync());
    }

    /// <summary>The real `crossing` tool in a child process (dotnet crossing.dll), so it can be killed with SIGKILL.</summary>
    internal static Process StartCli(string data, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The tool's own build output: the test folder lacks the assemblies the tool loads outside ASP.NET's framework.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!System.IO.File.Exists(Path.Combine(root.FullName, "Crossing.slnx")))
            root = root.Parent!;
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        start.ArgumentList.Add(Path.Combine(root.FullName, "src", "Crossing.Cli", "bin", configuration, "net10.0", "crossing.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(data);
        start.Environment[StorageOptions.ProviderEnvironmentVariable] = "sqlite";
        return Process.Start(start)!;
    }
}
