using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Tests.Cli;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crossing.Tests.Funding;

/// <summary>
/// Crash safety of receipt delivery (a run killed between delivering and recording) and each donor's receipt language.
/// A crash is an injected delivery that delivers and then throws, which leaves the store exactly as kill -9 at that
/// moment would: the receipt saved as sending, the message delivered, nothing after it.
/// </summary>
public sealed partial class ReceiptTests
{
    private static readonly DateTimeOffset In2026 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_run_killed_after_writing_to_the_outbox_is_recorded_by_the_next_run_without_a_second_delivery(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await world.GiveAsync("pi_k1", 2500, email: "first@example.org", at: In2026);
        await world.GiveAsync("pi_k2", 4000, email: "second@example.org", at: In2026);
        await world.GiveAsync("pi_k3", 4000, email: "third@example.org", at: In2026);

        // Dies while writing the first statement (only a partial file, nothing delivered).
        await Assert.ThrowsAsync<SimulatedKill>(() => world.WithAsync(sp => ReceiptsWith(sp, new DyingDelivery(sp, dieOnCall: 1, deliverFirst: false))
            .SendStatementsAsync("test", 2026, null, null)));
        var first = Assert.Single(await RecordsAsync(world));
        Assert.Equal(ReceiptState.Sending, first.State);
        Assert.Equal(first.Number + "@crossing.invalid", first.MessageId);
        var outbox = Path.Combine(world.Store.DataDirectory, "outbox");
        var firstFile = Path.Combine(outbox, first.Number + ".eml");
        Assert.False(File.Exists(firstFile));

        // The next run delivers that one first (same number and Message-ID), and dies right after writing it:
        // kill -9 between delivery and record.
        await Assert.ThrowsAsync<SimulatedKill>(() => world.WithAsync(sp => ReceiptsWith(sp, new DyingDelivery(sp, dieOnCall: 1, deliverFirst: true))
            .SendStatementsAsync("test", 2026, null, null)));
        var pending = Assert.Single(await RecordsAsync(world));
        Assert.Equal((first.Number, ReceiptState.Sending), (pending.Number, pending.State));
        var written = await File.ReadAllBytesAsync(firstFile);
        Assert.Equal("<" + first.MessageId + ">", (await MimeMessage.LoadAsync(firstFile)).Headers[HeaderId.MessageId]);

        // The run after finds it complete in the outbox and records it without writing it again.
        var next = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026", "--json");
        Assert.True(next.Exit == 0, next.Error);
        Assert.Equal([first.Number], next.Json.GetProperty("recovered").EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.Equal(0, next.Json.GetProperty("unconfirmed").GetArrayLength());
        Assert.Equal(2, next.Json.GetProperty("sent").GetInt32());
        Assert.DoesNotContain(first.Number, next.Json.GetProperty("numbers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, next.Json.GetProperty("alreadySent").GetInt32());
        // Not written again: a new write would have new MIME boundaries.
        Assert.Equal(written, await File.ReadAllBytesAsync(firstFile));
        Assert.Equal(3, Directory.GetFiles(outbox, "*.eml").Length);
        var after = await RecordsAsync(world);
        Assert.Equal(3, after.Count);
        Assert.All(after, r => Assert.Equal(ReceiptState.Sent, r.State));

        // A replayed run sends nothing new.
        var replay = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026", "--json");
        Assert.True(replay.Exit == 0, replay.Error);
        Assert.Equal(0, replay.Json.GetProperty("sent").GetInt32());
        Assert.Equal(3, replay.Json.GetProperty("alreadySent").GetInt32());
        Assert.Equal(0, replay.Json.GetProperty("recovered").GetArrayLength());
        Assert.Equal(3, Directory.GetFiles(outbox, "*.eml").Length);
        Assert.Equal(written, await File.ReadAllBytesAsync(firstFile));
    }

    [Fact]
    public async Task The_crossing_tool_killed_at_random_points_ends_with_one_statement_per_donor_none_written_twice()
    {
        await using var store = await CliRunner.InitialisedStoreAsync(DatabaseProvider.Sqlite);
        const int donors = 40;
        await using (var scope = store.Scope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<GiftIntake>();
            for (var i = 0; i < donors; i++)
                await intake.ReceiveGiftAsync(FundingWorld.Facts($"pi_kill_{i}", 1000 + i, email: $"kill{i}@example.org", at: In2026));
        }
        var outbox = Path.Combine(store.DataDirectory, "outbox");
        var seen = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        async Task CheckUnchangedAsync()
        {
            // A complete .eml is final: no later run writes it again.
            foreach (var file in Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : [])
            {
                var bytes = await File.ReadAllBytesAsync(file);
                if (!seen.TryAdd(file, bytes))
                    Assert.True(bytes.AsSpan().SequenceEqual(seen[file]), $"{Path.GetFileName(file)} was written twice");
            }
        }
        var random = new Random(20261206);
        var killed = 0;
        var progress = new List<int>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var child = ImportTests.StartCli(store.DataDirectory, "receipts", "send", "--year", "2026");
            // Killed as soon as a few more statements are in the outbox (just after a delivery), or, every other time, while
            // one is being written (its row saved as sending, the file not complete).
            var target = seen.Count + random.Next(1, 8);
            var whileWriting = attempt % 2 == 1;
            while (!child.HasExited && (whileWriting
                ? !Directory.Exists(outbox) || Directory.GetFiles(outbox, "*.partial").Length == 0
                : (Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").Length : 0) < target))
                await Task.Delay(1);
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                killed++;
            }
            await child.WaitForExitAsync();
            await CheckUnchangedAsync();
            progress.Add(seen.Count);
        }
        Assert.True(killed > 0, "no run was interrupted; the test proves nothing.");
        Assert.True(progress[0] < donors, $"statements in the outbox after each kill: {string.Join(", ", progress)}");
        var final = await CliRunner.RunAsync(store, "receipts", "send", "--year", "2026", "--json");
        Assert.True(final.Exit == 0, final.Error);
        Assert.Equal(0, final.Json.GetProperty("unconfirmed").GetArrayLength());
        await CheckUnchangedAsync();
        var files = Directory.GetFiles(outbox, "*.eml");
        Assert.Equal(donors, files.Length);
        Assert.All(files, f => Assert.EndsWith("-1.eml", f, StringComparison.Ordinal));
        await using var check = store.Scope();
        var records = await check.ServiceProvider.GetRequiredService<CrossingDbContext>().Set<ReceiptRecord>().AsNoTracking().ToListAsync();
        Assert.Equal(donors, records.Count);
        Assert.All(records, r => Assert.Equal(ReceiptState.Sent, r.State));
        Assert.Equal(0, (await CliRunner.RunAsync(store, "receipts", "send", "--year", "2026", "--json")).Json.GetProperty("sent").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_e_mail_interrupted_by_a_crash_is_reported_not_resent_until_confirmed_or_asked_again(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await world.GiveAsync("pi_m1", 2500, email: "first@example.org", at: In2026);
        await world.GiveAsync("pi_m2", 4000, email: "second@example.org", at: In2026);
        var smtp = new List<ReceiptMail>();

        await Assert.ThrowsAsync<SimulatedKill>(() => world.WithAsync(sp => ReceiptsWith(sp, new FakeSmtp(sp, smtp, dieOnCall: 1), SmtpOptions())
            .SendStatementsAsync("test", 2026, null, null)));
        var crashed = Assert.Single(smtp);
        var number = Path.GetFileNameWithoutExtension(crashed.FileName);
        var code = await world.WithAsync(async sp => (await sp.GetRequiredService<DonorDirectory>().FindByEmailAsync(crashed.To))!.Code);

        var next = await world.WithAsync(sp => ReceiptsWith(sp, new FakeSmtp(sp, smtp), SmtpOptions()).SendStatementsAsync("test", 2026, null, null));
        Assert.Equal(1, next.Sent);
        Assert.Equal(2, smtp.Count);
        Assert.DoesNotContain(number, next.Numbers);
        var unconfirmed = Assert.Single(next.Unconfirmed);
        Assert.Equal((number, code, "smtp", ReceiptKind.Statement), (unconfirmed.Number, unconfirmed.DonorCode, unconfirmed.Delivery, unconfirmed.Kind));

        // The command (here with the outbox) lists it in its JSON and neither resends it nor writes it anywhere.
        var cli = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026", "--json");
        Assert.True(cli.Exit == 0, cli.Error);
        Assert.Equal(0, cli.Json.GetProperty("sent").GetInt32());
        Assert.Equal(1, cli.Json.GetProperty("alreadySent").GetInt32());
        var listed = Assert.Single(cli.Json.GetProperty("unconfirmed").EnumerateArray());
        Assert.Equal(number, listed.GetProperty("number").GetString());
        Assert.Equal(code, listed.GetProperty("donor").GetString());
        Assert.False(Directory.Exists(Path.Combine(world.Store.DataDirectory, "outbox")));
        var text = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026");
        Assert.Contains($"crossing receipts confirm {number}", text.Out, StringComparison.Ordinal);
        Assert.Equal(2, smtp.Count);
        var finance = new StaffCaller(Guid.NewGuid(), "S-TEST", StaffRole.Finance, []);
        Assert.Equal([number], (await world.WithAsync(sp => sp.GetRequiredService<Receipts>().UnconfirmedAsync(finance))).Select(u => u.Number));
        Assert.Equal((2, 1), await world.WithAsync(sp => sp.GetRequiredService<Receipts>().StatementProgressAsync(finance, 2026)));

        // --again for that donor sends the same statement once more, under the same number and Message-ID.
        var again = await world.WithAsync(sp => ReceiptsWith(sp, new FakeSmtp(sp, smtp), SmtpOptions()).SendStatementsAsync("test", 2026, code, null));
        Assert.Equal([number], again.Numbers);
        Assert.Empty(again.Unconfirmed);
        Assert.Equal(3, smtp.Count);
        Assert.Equal(crashed.MessageId, smtp[2].MessageId);
        Assert.All(await RecordsAsync(world), r => Assert.Equal(ReceiptState.Sent, r.State));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_gift_receipt_interrupted_by_a_crash_is_refused_until_confirmed_and_confirming_sends_nothing(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        await world.GiveAsync("pi_gc", 2500, email: "gift@example.org", at: In2026);
        var smtp = new List<ReceiptMail>();
        await Assert.ThrowsAsync<SimulatedKill>(() => world.WithAsync(sp => ReceiptsWith(sp, new FakeSmtp(sp, smtp, dieOnCall: 1), SmtpOptions())
            .SendGiftReceiptAsync("test", "pi_gc", null)));
        var number = Path.GetFileNameWithoutExtension(Assert.Single(smtp).FileName);

        var refused = await CliRunner.RunAsync(world.Store, "receipts", "gift", "pi_gc");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains($"crossing receipts confirm {number}", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(world.Store.DataDirectory, "outbox")));

        var confirmed = await CliRunner.RunAsync(world.Store, "receipts", "confirm", number, "--json");
        Assert.True(confirmed.Exit == 0, confirmed.Error);
        Assert.Equal("sent", confirmed.Json.GetProperty("state").GetString());
        Assert.Equal(ReceiptState.Sent, Assert.Single(await RecordsAsync(world)).State);
        Assert.Single(smtp);
        var twice = await CliRunner.RunAsync(world.Store, "receipts", "confirm", number);
        Assert.NotEqual(0, twice.Exit);
        Assert.Contains("waits for confirmation", twice.Error, StringComparison.Ordinal);
        var audited = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == "receipts.confirmed").Select(e => e.RecordCode).ToListAsync());
        Assert.Equal([number], audited);

        // Once confirmed, asking for the gift's receipt again is a new receipt with the next number.
        var next = await CliRunner.RunAsync(world.Store, "receipts", "gift", "pi_gc", "--json");
        Assert.True(next.Exit == 0, next.Error);
        Assert.Equal(number + "-2", next.Json.GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_delivery_that_certainly_failed_leaves_nothing_recorded_and_the_next_run_sends_it()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.GiveAsync("pi_nd", 2500, email: "down@example.org", at: In2026);
        var smtp = new List<ReceiptMail>();
        var failed = await Assert.ThrowsAsync<ReceiptException>(() => world.WithAsync(sp => ReceiptsWith(sp, new FakeSmtp(sp, smtp, refuseOnCall: 1), SmtpOptions())
            .SendStatementsAsync("test", 2026, null, null)));
        Assert.Contains("was not sent", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await RecordsAsync(world));
        var run = await world.WithAsync(sp => ReceiptsWith(sp, new FakeSmtp(sp, smtp), SmtpOptions()).SendStatementsAsync("test", 2026, null, null));
        Assert.Equal(1, run.Sent);
        Assert.Empty(run.Unconfirmed);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Each_donor_gets_statement_and_e_mail_in_their_language(DatabaseProvider provider)
    {
        await using var world = await FundingWorld.CreateAsync(provider);
        async Task<string> GiveAsync(string id, string email, string name)
        {
            await world.WithAsync(sp => sp.GetRequiredService<GiftIntake>().ReceiveGiftAsync(FundingWorld.Facts(id, 3000, email: email, at: In2026) with { Name = name }));
            return await world.WithAsync(async sp => (await sp.GetRequiredService<DonorDirectory>().FindByEmailAsync(email))!.Code);
        }
        var chosenKorean = await GiveAsync("pi_l1", "chosen-ko@example.org", "Grace Park");
        var chosenEnglish = await GiveAsync("pi_l2", "chosen-en@example.org", "김영희");
        var hangulName = await GiveAsync("pi_l3", "hangul@example.org", "홍길동");
        var plain = await GiveAsync("pi_l4", "plain@example.org", "Sam Lee");
        var finance = new StaffCaller(Guid.NewGuid(), "S-TEST", StaffRole.Finance, []);
        Assert.True(await world.WithAsync(sp => sp.GetRequiredService<FinanceQueries>().SetLanguageAsync(finance, chosenKorean, "ko")));
        Assert.True(await world.WithAsync(sp => sp.GetRequiredService<FinanceQueries>().SetLanguageAsync(finance, chosenEnglish, "en")));
        Assert.False(await world.WithAsync(sp => sp.GetRequiredService<FinanceQueries>().SetLanguageAsync(finance, plain, "fr")));
        var rows = await world.WithAsync(sp => sp.GetRequiredService<FinanceQueries>().DonorsAsync(finance));
        Assert.Equal(("ko", true), rows.Where(r => r.Code == chosenKorean).Select(r => (r.Language, r.LanguageChosen)).Single());
        Assert.Equal(("ko", false), rows.Where(r => r.Code == hangulName).Select(r => (r.Language, r.LanguageChosen)).Single());
        Assert.Equal(("en", false), rows.Where(r => r.Code == plain).Select(r => (r.Language, r.LanguageChosen)).Single());

        var run = await CliRunner.RunAsync(world.Store, "receipts", "send", "--year", "2026", "--json");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(4, run.Json.GetProperty("sent").GetInt32());
        foreach (var (code, korean) in new[] { (chosenKorean, true), (chosenEnglish, false), (hangulName, true), (plain, false) })
        {
            var path = Path.Combine(world.Store.DataDirectory, "outbox", $"S-2026-{code}-1.eml");
            using var mail = await MimeMessage.LoadAsync(path);
            var pdf = await PdfTextAsync(mail);
            if (korean)
            {
                Assert.Contains("2026년 기부금 명세서", mail.Subject, StringComparison.Ordinal);
                Assert.Contains("님께", mail.TextBody, StringComparison.Ordinal);
                Assert.Contains("2026년 기부금 명세서", pdf, StringComparison.Ordinal);
                Assert.DoesNotContain("Giving statement", pdf, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("Your 2026 giving statement", mail.Subject, StringComparison.Ordinal);
                Assert.StartsWith("Dear ", mail.TextBody, StringComparison.Ordinal);
                Assert.Contains("Giving statement 2026", pdf, StringComparison.Ordinal);
                Assert.DoesNotContain("기부금 명세서", pdf, StringComparison.Ordinal);
            }
        }
        var languages = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<ReceiptRecord>().AsNoTracking().Select(r => r.Language).ToListAsync());
        Assert.Equal(2, languages.Count(l => l == "ko"));

        // A gift receipt follows the preference too, and --language still overrides it for one run.
        var gift = await CliRunner.RunAsync(world.Store, "receipts", "gift", "pi_l1", "--json");
        Assert.True(gift.Exit == 0, gift.Error);
        using (var mail = await MimeMessage.LoadAsync(Path.Combine(world.Store.DataDirectory, "outbox", gift.Json.GetProperty("number").GetString() + ".eml")))
            Assert.Contains("기부금 영수증", await PdfTextAsync(mail), StringComparison.Ordinal);
        var forced = await CliRunner.RunAsync(world.Store, "receipts", "gift", "pi_l1", "--language", "en", "--json");
        Assert.True(forced.Exit == 0, forced.Error);
        using (var mail = await MimeMessage.LoadAsync(Path.Combine(world.Store.DataDirectory, "outbox", forced.Json.GetProperty("number").GetString() + ".eml")))
            Assert.Contains("Your receipt from", mail.Subject, StringComparison.Ordinal);
    }

    private static async Task<string> PdfTextAsync(MimeMessage mail)
    {
        var attachment = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        var path = Path.Combine(TestStore.NewTempDirectory(), "attachment.pdf");
        await using (var file = File.Create(path))
            await attachment.Content!.DecodeToAsync(file);
        return await RunAsync("pdftotext", "-enc", "UTF-8", path, "-");
    }

    private static Task<List<ReceiptRecord>> RecordsAsync(FundingWorld world) =>
        world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<ReceiptRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    private static ReceiptOptions SmtpOptions() => new() { Smtp = { Host = "smtp.invalid" } };

    private static Receipts ReceiptsWith(IServiceProvider sp, ReceiptDelivery delivery, ReceiptOptions? options = null) => new(
        sp.GetRequiredService<CrossingDbContext>(), sp.GetRequiredService<SealedReader>(), sp.GetRequiredService<IAuditLog>(),
        sp.GetRequiredService<ReceiptDocuments>(), delivery, TimeProvider.System, Options.Create(options ?? new ReceiptOptions()));

    /// <summary>What a kill -9 at that instant leaves: the process stops, nothing after this point runs.</summary>
    private sealed class SimulatedKill : Exception;

    /// <summary>The real outbox delivery, except that call <c>dieOnCall</c> writes the message (or not) and then dies.</summary>
    private sealed class DyingDelivery(IServiceProvider sp, int dieOnCall, bool deliverFirst)
        : ReceiptDelivery(Options.Create(new ReceiptOptions()), sp.GetRequiredService<StorageOptions>())
    {
        private int calls;

        public override async Task<string> DeliverAsync(ReceiptMail mail, CancellationToken ct)
        {
            if (++calls != dieOnCall)
                return await base.DeliverAsync(mail, ct);
            if (deliverFirst)
                await base.DeliverAsync(mail, ct);
            throw new SimulatedKill();
        }
    }

    /// <summary>An SMTP server that accepts every message (kept in <c>sent</c>); optionally dies after accepting one, or refuses one.</summary>
    private sealed class FakeSmtp(IServiceProvider sp, List<ReceiptMail> sent, int dieOnCall = 0, int refuseOnCall = 0)
        : ReceiptDelivery(Options.Create(SmtpOptions()), sp.GetRequiredService<StorageOptions>())
    {
        private int calls;

        public override Task<string> DeliverAsync(ReceiptMail mail, CancellationToken ct)
        {
            if (++calls == refuseOnCall)
                throw new ReceiptNotDeliveredException("The SMTP server refused the message (MailboxUnavailable)", new InvalidOperationException());
            sent.Add(mail);
            if (calls == dieOnCall)
                throw new SimulatedKill();
            return Task.FromResult(ReceiptDelivery.Smtp);
        }
    }
}
