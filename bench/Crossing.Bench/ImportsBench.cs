using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crossing.Core.Funding;
using Crossing.Core.Funding.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Bench;

/// <summary>
/// A generated Facebook fundraiser report (1,000,000 rows by default; --rows N) imported into a fresh SQLite data
/// folder: rows/s, peak memory (VmHWM), re-import time, and the raw SQLite insert rate of a gift-like row on the same
/// machine as the ceiling. Targets (issue 10): 50,000 rows/s, under 1 GiB, re-import under 10 s.
/// </summary>
public static class ImportsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var donors = Option(args, "--donors", rows / 5);
        var folder = Path.Combine(Path.GetTempPath(), "crossing-bench", "imports-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var report = Path.Combine(folder, "report.csv");
        try
        {
            var generate = Stopwatch.StartNew();
            var bytes = Generate(report, rows, donors);
            Console.WriteLine($"generated {rows:N0} rows ({bytes / 1048576.0:F0} MiB, {donors:N0} donors, {rows / 500:N0} fundraisers) in {generate.Elapsed.TotalSeconds:F1} s");

            await using var store = await VaultBenchStore.CreateAsync(args);
            var first = await ImportAsync(store, report);
            Console.WriteLine($"import:    {first.Imported:N0} imported, {first.Rejected:N0} rejected in {first.Seconds:F1} s = {first.Rows / first.Seconds,10:N0} rows/s   (target 50,000)");
            var again = await ImportAsync(store, report);
            Console.WriteLine($"re-import: {again.Duplicates:N0} duplicates, {again.Imported:N0} imported in {again.Seconds:F1} s   (target < 10 s)");
            // Measured before the ledger check, which loads every transfer into memory and is not part of an import.
            Console.WriteLine($"peak RSS:  {PeakRssMiB():F0} MiB   (target < 1024)");
            await using (var scope = store.Scope())
            {
                var check = await scope.ServiceProvider.GetRequiredService<LedgerCheck>().RunAsync();
                Console.WriteLine($"ledger check: {(check.Holds ? "holds" : "FAILS: " + check.Violations[0])}, {check.Transfers:N0} transfers, {check.Gifts:N0} gifts");
            }
            var raw = RawSqliteRate(Path.Combine(folder, "raw.db"), rows);
            Console.WriteLine($"raw SQLite ceiling: {raw,10:N0} rows/s (one prepared INSERT of a gift-like row with a unique key, 20,000 per transaction)");
            var floor = await SchemaFloorAsync(args, rows, donors);
            Console.WriteLine($"schema floor:       {floor,10:N0} rows/s (what one report row must write: a gift and two transfers, with every index of the real schema, no parsing, donors or crypto)");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ImportSummary> ImportAsync(VaultBenchStore store, string report)
    {
        await using var scope = store.Scope();
        await using var file = File.OpenRead(report);
        var importer = scope.ServiceProvider.GetRequiredService<GiftImporter>();
        var summary = await importer.ImportFacebookAsync(file);
        var t = importer.LastTimings;
        Console.WriteLine($"  time (stages overlap): load {t.Load:F1} s, read and check {t.Read:F1} s, new donors {t.Donors:F1} s, write {t.Write:F1} s");
        return summary;
    }

    /// <summary>Deterministic rows: one donor in five repeats, a fundraiser per 500 rows, a few Korean names and CRLF.</summary>
    private static long Generate(string path, int rows, int donors)
    {
        var random = new Random(20270601);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 20) { NewLine = "\r\n" };
        writer.WriteLine("Payment ID,Charge time,Donation amount,FB fee,Net payout amount,Payout currency,Sender currency,Tax amount,Tax USD amount,Charge action type,Charge date,First name,Last name,Email address,Campaign ID,Fundraiser title,Source name,Permalink,Charity ID,Campaign owner name,Payment processor,Matching donation,Fundraiser type,Charge time PT");
        var start = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            var donor = random.Next(Math.Max(1, donors));
            var cents = 500 + random.Next(20_000);
            var fee = cents * 3 / 100;
            var at = start.AddSeconds(i * 13L);
            var campaign = i / 500;
            var korean = donor % 7 == 0;
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{1_000_000_000_000L + i},{at:yyyy-MM-dd HH:mm:ss},{cents / 100}.{cents % 100:D2},{fee / 100}.{fee % 100:D2},{(cents - fee) / 100}.{(cents - fee) % 100:D2},USD,USD,0,0,S,{at:yyyy-MM-dd},"));
            writer.Write(korean ? "지민,김," : "Sam,\"O'Neil, Jr.\",");
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"donor{donor}@example.org,{9_000_000 + campaign},\"Run for \"\"freedom\"\" #{campaign}\",Fundraiser,https://facebook.com/donate/{9_000_000 + campaign},123,Owner {campaign},Stripe,0,person_for_charity,{at:yyyy-MM-dd HH:mm:ss}"));
            writer.WriteLine();
        }
        writer.Flush();
        return writer.BaseStream.Length;
    }

    /// <summary>
    /// The rate no importer can beat on this schema: for each row the gift and its two ledger transfers (gift, platform
    /// fee), built in memory and written with the importer's own writer into a fresh store, 20,000 rows per transaction.
    /// </summary>
    private static async Task<double> SchemaFloorAsync(string[] args, int rows, int donors)
    {
        await using var store = await VaultBenchStore.CreateAsync(args);
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Crossing.Core.Persistence.CrossingDbContext>();
        var donorIds = Enumerable.Range(0, Math.Max(1, donors)).Select(_ => (DonorId?)new DonorId(Guid.CreateVersion7())).ToArray();
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -131072;");
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < rows;)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var dbTransaction = transaction.GetDbTransaction();
            using (var gifts = new BulkWriter<Gift>(db, dbTransaction))
            using (var transfers = new BulkWriter<LedgerTransfer>(db, dbTransaction))
            {
                for (var i = 0; i < 20_000 && done < rows; i++, done++)
                {
                    var payment = (1_000_000_000_000L + done).ToString(CultureInfo.InvariantCulture);
                    var cents = 500 + random.Next(20_000);
                    var gift = Gift.Receive("facebook", payment, null, "facebook-fundraiser", GiftKind.OneTime, donorIds[random.Next(donorIds.Length)],
                        "USD", cents, "1.00", now.AddSeconds(done * 13L), now);
                    gift.Designate("rescue", DesignationSource.Fundraiser, null, "9000000");
                    gift.MarkPosted();
                    await gifts.WriteAsync(gift, default);
                    await transfers.WriteAsync(new LedgerTransfer(gift.TransferKey, "clearing:facebook", LedgerAccounts.Fund("rescue"), new Money(cents, Currency.Get("USD")), TransferCodes.Gift, gift.TransferKey, now), default);
                    await transfers.WriteAsync(new LedgerTransfer("facebook:fee:" + payment, LedgerAccounts.Fund("general"), "fees:facebook", new Money(cents * 3 / 100 + 1, Currency.Get("USD")), GiftImporter.FeeTransferCode, gift.TransferKey, now), default);
                }
            }
            await transaction.CommitAsync();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The same machine's ceiling: bare prepared inserts into a table shaped like gifts, no crypto, no ledger.</summary>
    private static double RawSqliteRate(string path, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = wal; CREATE TABLE g (Id TEXT PRIMARY KEY, Processor TEXT NOT NULL, PaymentId TEXT NOT NULL, Currency TEXT NOT NULL, AmountMinor INTEGER NOT NULL, FundId TEXT, GivenAt INTEGER NOT NULL, Status TEXT NOT NULL); CREATE UNIQUE INDEX g_key ON g (Processor, PaymentId);";
            setup.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO g VALUES ($id, 'facebook', $key, 'USD', $amount, 'rescue', $at, 'Posted')";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var amount = insert.Parameters.Add("$amount", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < rows;)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < 20_000 && done < rows; i++, done++)
            {
                id.Value = Guid.NewGuid().ToString();
                key.Value = (1_000_000_000_000L + done).ToString(CultureInfo.InvariantCulture);
                amount.Value = 500 + done % 20_000;
                at.Value = 1_800_000_000_000_000L + done;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static double PeakRssMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
