using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crossing.Core.Funding.Imports;

/// <summary>
/// Seconds spent loading stored keys; reading and checking rows and preparing new donors (the read stage); and writing
/// batches, commits included (the write stage). The two stages run at the same time, so the figures overlap.
/// </summary>
public sealed record ImportTimings(double Load, double Read, double Donors, double Write);

/// <summary>
/// Imports gift reports (Facebook fundraiser payouts, any CSV through a saved column mapping) into the ledger.
/// Each gift is keyed by (source, payment id): rows already stored are duplicates and change nothing, so an overlapping
/// report or a re-run after a crash (kill -9 included) ends with exactly the totals of one uninterrupted import. Rows
/// are written in batches; each batch (donors, fundraisers, gifts, transfers, balances and the run's progress) commits
/// atomically in one ledger transaction. Bad rows are rejected by line and never stop the good ones.
/// </summary>
public sealed class GiftImporter(CrossingDbContext db, Ledger ledger, Vault vault, BlindIndexStore indexes, SealedReader reader, TimeProvider time)
{
    public const int DefaultBatchSize = 20_000;
    public const string FacebookSource = FacebookFormat.Source;

    private CrossingDbContext Db { get; } = db;
    private Ledger Ledger { get; } = ledger;
    private Vault Vault { get; } = vault;
    private BlindIndexStore Indexes { get; } = indexes;
    private SealedReader Reader { get; } = reader;
    private TimeProvider Time { get; } = time;
    public const string FeeTransferCode = "platform-fee";
    public const string DefaultFundraiserFund = LedgerAccounts.Rescue;

    /// <summary>The note on a row imported without a donor because its e-mail cannot be an address (never quoting it).</summary>
    public const string UnusableEmail = "imported without a donor: the e-mail address is not a usable address; link the gift to its donor on /finance/attention";

    /// <summary>Where the last run's time went (the bench prints it).</summary>
    public ImportTimings LastTimings { get; private set; } = new(0, 0, 0, 0);

    /// <summary>Rows per transaction; smaller in tests that interrupt imports.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    public Task<ImportSummary> ImportFacebookAsync(Stream file, IProgress<(long Done, long Total)>? progress = null, CancellationToken ct = default) =>
        RunAsync(file, new FacebookFormat(), LedgerAccounts.Rescue, progress, ct);

    /// <summary>A source's CSV through <paramref name="mapping"/> (saved for next time), or the mapping saved before.</summary>
    public async Task<ImportSummary> ImportCsvAsync(Stream file, string source, ColumnMapping? mapping, IProgress<(long Done, long Total)>? progress = null, CancellationToken ct = default)
    {
        source = CheckSource(source);
        var saved = await Db.Set<ImportMapping>().FindAsync([source], ct);
        if (mapping is null)
        {
            mapping = saved is null
                ? throw new ImportException($"there is no saved column mapping for '{source}': give one with --map key=...,date=...,amount=...,currency=...")
                : ColumnMapping.Parse([saved.Mapping]);
        }
        else if (saved is null)
        {
            Db.Add(new ImportMapping(source, mapping, Time.GetUtcNow()));
        }
        else
        {
            saved.Replace(mapping, Time.GetUtcNow());
        }
        await Db.SaveChangesAsync(ct);
        return await RunAsync(file, new MappedFormat(source, mapping), LedgerAccounts.General, progress, ct);
    }

    public async Task<ColumnMapping?> SavedMappingAsync(string source, CancellationToken ct = default) =>
        await Db.Set<ImportMapping>().AsNoTracking().SingleOrDefaultAsync(m => m.Source == CheckSource(source), ct) is { } saved
            ? ColumnMapping.Parse([saved.Mapping]) : null;

    /// <summary>The latest runs, newest first.</summary>
    public async Task<IReadOnlyList<GiftImport>> RecentAsync(int count, CancellationToken ct = default)
    {
        var runs = await Db.Set<GiftImport>().AsNoTracking().ToListAsync(ct);
        return [.. runs.OrderByDescending(r => r.StartedAt).Take(count)];
    }

    /// <summary>A source name is a short slug that is not a processor Crossing already knows.</summary>
    public static string CheckSource(string source)
    {
        source = source?.Trim().ToLowerInvariant() ?? "";
        if (!LedgerAccounts.IsFundId(source) || source.Length > ImportMapping.MaxSourceLength)
            throw new ImportException($"'{ImportFormat.Clip(source, 30)}' is not a source name: use 2 to {ImportMapping.MaxSourceLength} lowercase letters, digits and dashes, such as 'bank-kb'.");
        if (source is "stripe" or FacebookFormat.Source or "manual")
            throw new ImportException($"'{source}' is reserved; name the source after the bank or platform, such as 'bank-kb'.");
        return source;
    }

    private async Task<ImportSummary> RunAsync(Stream file, ImportFormat format, string defaultFund, IProgress<(long Done, long Total)>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var run = new Run(this, format, defaultFund);
        await using var buffered = await SeekableAsync(file, ct);
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(buffered, ct));
        buffered.Position = 0;
        using var csv = new CsvReader(buffered);
        var header = csv.Next();
        var headerProblem = header is null ? "the file is empty: it has no header line"
            : header.Defect == CsvDefect.NotText ? "the file is not CSV text (it holds bytes that are not UTF-8)"
            : header.Fields.Length < 2 && !header.Fields[0].Contains(' ', StringComparison.Ordinal) && header.Fields[0].Length > 200 ? "the file is not CSV text"
            : format.Bind(header.Fields);
        await run.StartAsync(sha, ct);
        if (headerProblem is not null)
        {
            // Nothing can be read without the header: every row is rejected, once, under line 1.
            var rows = 0;
            while (csv.Next() is { } r)
            {
                if (!IsBlank(r))
                    rows++;
            }
            run.Errors.Add(new ImportError(1, headerProblem + (rows > 0 ? $"; none of the {rows} rows was imported" : "")));
            run.Rejected = rows;
            run.Rows = rows;
            await run.FinishAsync(ct);
            return run.Summary(clock.Elapsed);
        }
        await run.LoadAsync(ct);
        await Db.Database.OpenConnectionAsync(ct);
        try
        {
            await TuneAsync(true, ct);
            await ReadRowsAsync(csv, format, run, progress, ct);
        }
        finally
        {
            await TuneAsync(false, CancellationToken.None);
            await Db.Database.CloseConnectionAsync();
        }
        await run.FinishAsync(ct);
        progress?.Report((csv.TotalBytes, csv.TotalBytes));
        LastTimings = new ImportTimings(run.Load.Elapsed.TotalSeconds, (run.Read.Elapsed - run.Donors.Elapsed).TotalSeconds,
            run.Donors.Elapsed.TotalSeconds, run.Write.Elapsed.TotalSeconds);
        return run.Summary(clock.Elapsed);
    }

    /// <summary>
    /// On SQLite, a larger page cache for the import's connection, and foreign-key checks off while it writes: every
    /// reference a batch writes (donor, accounts) is created or checked by the importer in the same transaction, and
    /// the checks were a third of the insert cost. Both are restored before the connection returns to the pool.
    /// </summary>
    private async Task TuneAsync(bool importing, CancellationToken ct)
    {
        if (!Db.Database.IsSqlite())
            return;
        await Db.Database.ExecuteSqlRawAsync(importing ? "PRAGMA cache_size = -131072; PRAGMA foreign_keys = OFF;" : "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON;", ct);
    }

    /// <summary>
    /// Two stages on two cores: a background task reads, checks and de-duplicates rows and prepares each batch's new
    /// donors (their keys and sealed fields, the costly crypto) while this task writes the batch before it. At most one
    /// batch waits between the stages, so memory stays flat whatever the file's size. A failure in either stage stops
    /// both and is raised here; batches already committed stay committed (a re-run skips them as duplicates).
    /// </summary>
    private static async Task ReadRowsAsync(CsvReader csv, ImportFormat format, Run run, IProgress<(long Done, long Total)>? progress, CancellationToken ct)
    {
        await run.PrepareDonorLookupAsync(ct);
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                await run.ProduceAsync(csv, batches.Writer, progress, stop.Token);
                batches.Writer.TryComplete();
            }
            catch (Exception e)
            {
                batches.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
                await run.WriteAsync(batch, ct);
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    private static bool IsBlank(CsvRecord r) => r.Fields.Length == 1 && r.Fields[0].Length == 0 && r.Defect == CsvDefect.None;

    /// <summary>Uploads and pipes are copied to a temporary file so the file can be hashed, then read once.</summary>
    private static async Task<Stream> SeekableAsync(Stream file, CancellationToken ct)
    {
        if (file.CanSeek)
        {
            file.Position = 0;
            return new NonClosing(file);
        }
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await file.CopyToAsync(temp, ct);
        temp.Position = 0;
        return temp;
    }

    /// <summary>The state of one import run: what is stored already, what this file has shown so far, the batch being built.</summary>
    private sealed class Run(GiftImporter owner, ImportFormat format, string defaultFund)
    {
        private readonly HashSet<string> stored = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> firstLine = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> fundraiserFunds = new(StringComparer.Ordinal);
        private readonly HashSet<string> funds = new(StringComparer.Ordinal);
        // The read stage's donors (addresses no stored donor's index value matches) and the write stage's (confirmed
        // among candidates, or created after none matched): disjoint, since an address always takes the same path.
        private readonly Dictionary<string, DonorId> preparedDonors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DonorId> confirmedDonors = new(StringComparer.Ordinal);
        private readonly HashSet<string> openedCandidates = new(StringComparer.Ordinal);
        private readonly Lock codes = new();
        private Dictionary<int, List<string>>? emailIndex;
        private HashSet<string>? donorCodes;
        private BlindIndexer? indexer;
        private GiftImport? progressRow;
        private int lastLine;

        public List<ImportError> Errors { get; } = [];
        public Stopwatch Load { get; } = new();
        public Stopwatch Write { get; } = new();
        public Stopwatch Read { get; } = new();
        public Stopwatch Donors { get; } = new();
        public int Rows { get; set; }
        public int Imported { get; private set; }
        public int Duplicates { get; private set; }
        public int Rejected { get; set; }

        private string Clearing => "clearing:" + format.Processor;

        private string Fees => "fees:" + format.Processor;

        public async Task StartAsync(string sha, CancellationToken ct)
        {
            progressRow = new GiftImport(format.Processor, sha, owner.Time.GetUtcNow());
            owner.Db.Add(progressRow);
            await owner.Db.SaveChangesAsync(ct);
        }

        public async Task LoadAsync(CancellationToken ct)
        {
            Load.Start();
            var db = owner.Db;
            var processor = format.Processor;
            await foreach (var id in db.Set<Gift>().AsNoTracking().Where(g => g.Processor == processor && g.PaymentId != null).Select(g => g.PaymentId!).AsAsyncEnumerable().WithCancellation(ct))
                stored.Add(id);
            foreach (var f in await db.Set<Fundraiser>().AsNoTracking().Select(f => new { f.Id, f.FundId }).ToListAsync(ct))
                fundraiserFunds[f.Id] = f.FundId;
            foreach (var a in await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.Kind == LedgerAccountKind.Fund).Select(a => a.Id).ToListAsync(ct))
                funds.Add(a[LedgerAccounts.FundPrefix.Length..]);
            await EnsureAccountAsync(Clearing, LedgerAccountKind.Clearing, $"{processor} clearing", ct);
            await EnsureAccountAsync(Fees, LedgerAccountKind.Fees, $"{processor} fees", ct);
            Load.Stop();
        }

        private async Task EnsureAccountAsync(string id, LedgerAccountKind kind, string name, CancellationToken ct)
        {
            if (!await owner.Db.Set<LedgerAccount>().AnyAsync(a => a.Id == id, ct))
            {
                owner.Db.Add(new LedgerAccount(id, kind, name, false, owner.Time.GetUtcNow()));
                await owner.Db.SaveChangesAsync(ct);
            }
        }

        public void Reject(int line, string problem)
        {
            Rejected++;
            Errors.Add(new ImportError(line, problem));
            lastLine = line;
        }

        /// <summary>The read stage: rows checked and de-duplicated into batches, each with its new donors prepared.</summary>
        public async Task ProduceAsync(CsvReader csv, ChannelWriter<Batch> output, IProgress<(long Done, long Total)>? progress, CancellationToken ct)
        {
            Read.Start();
            var lastReport = 0L;
            var rows = new List<ImportRow>(owner.BatchSize);
            CsvRecord? pending = csv.Next();
            while (pending is not null)
            {
                ct.ThrowIfCancellationRequested();
                var record = pending;
                pending = csv.Next();
                if (IsBlank(record))
                    continue;
                Rows++;
                if (stored.Count > 0 && format.KeyOf(record) is { } key && stored.Contains(key) && firstLine.TryAdd(key, record.Line))
                {
                    // Imported before: nothing about it can change, so the rest of the row is not read (a re-run is mostly this).
                    Duplicates++;
                    lastLine = record.Line;
                }
                else
                {
                    var parsed = format.Parse(record, pending is null && csv.LastRecordUnterminated);
                    if (parsed.Problem is not null)
                        Reject(record.Line, parsed.Problem);
                    else if (Accept(parsed.Row!))
                        rows.Add(parsed.Row!);
                }
                if (rows.Count >= owner.BatchSize)
                {
                    var full = Seal(rows);
                    Read.Stop();
                    await output.WriteAsync(full, ct);
                    Read.Start();
                    rows = new List<ImportRow>(owner.BatchSize);
                }
                if (progress is not null && Rows - lastReport >= 10_000)
                {
                    lastReport = Rows;
                    progress.Report((csv.BytesRead, csv.TotalBytes));
                }
            }
            // The last batch goes even when empty: it commits the run's final counts.
            var last = Seal(rows);
            Read.Stop();
            await output.WriteAsync(last, ct);
        }

        private bool Accept(ImportRow row)
        {
            lastLine = row.Line;
            if (firstLine.TryGetValue(row.PaymentId, out var first))
            {
                Duplicates++;
                Errors.Add(new ImportError(row.Line, $"duplicate: this payment is already on line {first}"));
                return false;
            }
            firstLine[row.PaymentId] = row.Line;
            if (stored.Contains(row.PaymentId))
            {
                Duplicates++;
                return false;
            }
            if (row.FundId is not null && !funds.Contains(row.FundId))
            {
                Rejected++;
                Errors.Add(new ImportError(row.Line, $"fund '{row.FundId}' does not exist; add it with `crossing fund add` or change the row"));
                return false;
            }
            return true;
        }

        public async Task PrepareDonorLookupAsync(CancellationToken ct)
        {
            indexer = await owner.Indexes.IndexerAsync(ct);
            emailIndex = await owner.Indexes.AllEntriesAsync(DonorDirectory.EmailIndex, Donor.EntityType, ct);
            donorCodes = (await owner.Db.Set<Donor>().AsNoTracking().Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        }

        /// <summary>
        /// Closes a batch: the counts as of its last line, and its donors. An address no stored donor's blind-index value
        /// matches is a new donor for certain, so its key is made and its fields sealed here, off the writing core; an
        /// address that matches some value needs the candidates decrypted, which the write stage does. Each address
        /// always takes the same path, so the two stages never create the same donor.
        /// </summary>
        private Batch Seal(List<ImportRow> rows)
        {
            Donors.Start();
            var now = owner.Time.GetUtcNow();
            var donorOf = new Dictionary<int, DonorId?>(rows.Count);
            var created = new List<NewDonor>();
            var toConfirm = new List<(int Line, string Email, int Value)>();
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            var emails = new Dictionary<int, string>(rows.Count);
            foreach (var row in rows)
            {
                if (DonorDirectory.NormaliseEmail(row.Email) is { } email)
                {
                    emails[row.Line] = email;
                    if (row.Name is not null)
                        names.TryAdd(email, row.Name);
                }
                else
                {
                    donorOf[row.Line] = null;
                    if (!string.IsNullOrWhiteSpace(row.Email))
                        Errors.Add(new ImportError(row.Line, UnusableEmail));
                }
            }
            foreach (var (line, email) in emails)
            {
                if (preparedDonors.TryGetValue(email, out var known))
                {
                    donorOf[line] = known;
                    continue;
                }
                var value = indexer!.Compute(DonorDirectory.EmailIndex, email);
                if (emailIndex!.ContainsKey(value))
                {
                    toConfirm.Add((line, email, value));
                    continue;
                }
                var id = new DonorId(Guid.CreateVersion7());
                var (key, keyRow) = owner.Vault.CreateDetachedRecordKey(Donor.EntityType, id.RecordId);
                using (key)
                {
                    created.Add(new NewDonor(keyRow, Donor.Create(id, NewDonorCode(), email, names.GetValueOrDefault(email), null, key, now),
                        BlindIndexStore.NewEntry(DonorDirectory.EmailIndex, value, Donor.EntityType, id.RecordId)));
                }
                preparedDonors[email] = id;
                donorOf[line] = id;
            }
            Donors.Stop();
            return new Batch(rows, donorOf, created, toConfirm, names, Rows, Duplicates, Rejected, lastLine);
        }

        /// <summary>The write stage: one batch in one ledger transaction, with the run's progress as of its last line.</summary>
        public async Task WriteAsync(Batch batch, CancellationToken ct)
        {
            Write.Start();
            await owner.Ledger.WriteAsync(async c =>
            {
                await WriteBatchAsync(batch, c);
                progressRow!.Progress(batch.RowsSoFar, Imported + batch.Rows.Count, batch.DuplicatesSoFar, batch.RejectedSoFar, batch.LastLine);
                return 0;
            }, ct);
            Imported += batch.Rows.Count;
            Write.Stop();
        }

        public async Task FinishAsync(CancellationToken ct)
        {
            progressRow!.Progress(Rows, Imported, Duplicates, Rejected, lastLine);
            progressRow.Finish(owner.Time.GetUtcNow());
            await owner.Db.SaveChangesAsync(ct);
        }

        public ImportSummary Summary(TimeSpan elapsed) =>
            new(Rows, Imported, Duplicates, Rejected, Math.Round(elapsed.TotalSeconds, 3), [.. Errors.OrderBy(e => e.Line)]);

        private async Task WriteBatchAsync(Batch batch, CancellationToken ct)
        {
            var db = owner.Db;
            var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            var now = owner.Time.GetUtcNow();
            var donors = await ResolveDonorsAsync(batch, transaction, now, ct);
            using var fundraisers = new BulkWriter<Fundraiser>(db, transaction);
            using var keys = new BulkWriter<DataKey>(db, transaction);
            using var gifts = new BulkWriter<Gift>(db, transaction);
            using var transfers = new BulkWriter<LedgerTransfer>(db, transaction);
            var totals = new Dictionary<(string Account, string Currency), (long Debits, long Credits)>();

            void Move(string debit, string credit, string currency, long amount)
            {
                var d = totals.GetValueOrDefault((debit, currency));
                totals[(debit, currency)] = (d.Debits + amount, d.Credits);
                var c = totals.GetValueOrDefault((credit, currency));
                totals[(credit, currency)] = (c.Debits, c.Credits + amount);
            }

            foreach (var row in batch.Rows)
            {
                string fund;
                var source = DesignationSource.Default;
                if (row.FundraiserId is { } fundraiserId)
                {
                    if (!fundraiserFunds.TryGetValue(fundraiserId, out var fundraiserFund))
                    {
                        var (key, keyRow) = owner.Vault.CreateDetachedRecordKey(Fundraiser.EntityType, fundraiserId);
                        using (key)
                        {
                            var title = row.FundraiserTitle is { } t ? (t.Length > 100 ? t[..100] : t) : fundraiserId;
                            await keys.WriteAsync(keyRow, ct);
                            await fundraisers.WriteAsync(Fundraiser.FromPlatform(fundraiserId, title, defaultFund, row.OwnerName, key, now), ct);
                        }
                        fundraiserFunds[fundraiserId] = fundraiserFund = defaultFund;
                    }
                    fund = fundraiserFund;
                    source = DesignationSource.Fundraiser;
                }
                else if (row.FundId is not null)
                {
                    fund = row.FundId;
                    source = DesignationSource.Donor;
                }
                else
                {
                    fund = defaultFund;
                }
                var gift = Gift.Receive(format.Processor, row.PaymentId, null, format.Channel, GiftKind.OneTime, donors[row.Line],
                    row.Currency.Code, row.GrossMinor, row.RawAmount.Length > 40 ? row.RawAmount[..40] : row.RawAmount, row.GivenAt, now);
                gift.Designate(fund, source, null, row.FundraiserId);
                gift.MarkPosted();
                await gifts.WriteAsync(gift, ct);
                var amount = new Money(row.GrossMinor, row.Currency);
                await transfers.WriteAsync(new LedgerTransfer(gift.TransferKey, Clearing, LedgerAccounts.Fund(fund), amount, TransferCodes.Gift, gift.TransferKey, now), ct);
                Move(Clearing, LedgerAccounts.Fund(fund), row.Currency.Code, row.GrossMinor);
                if (row.FeeMinor > 0)
                {
                    // The platform's fee is paid from general, so the designated fund keeps the whole gift.
                    var fee = new Money(row.FeeMinor, row.Currency);
                    await transfers.WriteAsync(new LedgerTransfer($"{format.Processor}:fee:{row.PaymentId}", LedgerAccounts.Fund(LedgerAccounts.General), Fees, fee, FeeTransferCode, gift.TransferKey, now), ct);
                    Move(LedgerAccounts.Fund(LedgerAccounts.General), Fees, row.Currency.Code, row.FeeMinor);
                }
            }
            await AddToBalancesAsync(transaction, totals, ct);
        }

        /// <summary>
        /// The donor of each row: those the read stage prepared are written here with their keys and index entries;
        /// addresses that share a blind-index value with stored donors are confirmed by decrypting the candidates (each
        /// at most once per run) and created only when none matches. Sealing happens once per new donor, not per gift.
        /// </summary>
        private async Task<Dictionary<int, DonorId?>> ResolveDonorsAsync(Batch batch, DbTransaction transaction, DateTimeOffset now, CancellationToken ct)
        {
            var result = batch.DonorOf;
            using var donorWriter = new BulkWriter<Donor>(owner.Db, transaction);
            using var keyWriter = new BulkWriter<DataKey>(owner.Db, transaction);
            using var entryWriter = new BulkWriter<BlindIndexEntry>(owner.Db, transaction);
            foreach (var created in batch.NewDonors)
            {
                await keyWriter.WriteAsync(created.Key, ct);
                await donorWriter.WriteAsync(created.Donor, ct);
                await entryWriter.WriteAsync(created.Entry, ct);
            }
            if (batch.ToConfirm.Count == 0)
                return result;
            var toOpen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, email, value) in batch.ToConfirm)
            {
                if (!confirmedDonors.ContainsKey(email) && emailIndex!.TryGetValue(value, out var candidates))
                    toOpen.UnionWith(candidates.Where(c => !openedCandidates.Contains(c)));
            }
            if (toOpen.Count > 0)
                await ConfirmCandidatesAsync(toOpen, ct);
            foreach (var (line, email, value) in batch.ToConfirm)
            {
                if (!confirmedDonors.TryGetValue(email, out var id))
                {
                    id = new DonorId(Guid.CreateVersion7());
                    var (key, keyRow) = owner.Vault.CreateDetachedRecordKey(Donor.EntityType, id.RecordId);
                    using (key)
                    {
                        await keyWriter.WriteAsync(keyRow, ct);
                        await donorWriter.WriteAsync(Donor.Create(id, NewDonorCode(), email, batch.Names.GetValueOrDefault(email), null, key, now), ct);
                    }
                    await entryWriter.WriteAsync(BlindIndexStore.NewEntry(DonorDirectory.EmailIndex, value, Donor.EntityType, id.RecordId), ct);
                    confirmedDonors[email] = id;
                }
                result[line] = id;
            }
            return result;
        }

        /// <summary>Codes are random; at hundreds of thousands of donors five characters collide, so each is checked and lengthened if needed.</summary>
        private string NewDonorCode()
        {
            using var held = codes.EnterScope();
            for (var attempt = 0; ; attempt++)
            {
                var code = PseudonymousCode.New('D', attempt < 4 ? 5 : 7);
                if (donorCodes!.Add(code))
                    return code;
            }
        }

        private static readonly IReadOnlySet<string> EmailOnly = new HashSet<string>(StringComparer.Ordinal) { Donor.Fields.Email };

        private async Task ConfirmCandidatesAsync(HashSet<string> recordIds, CancellationToken ct)
        {
            var ids = recordIds.Select(r => new DonorId(Guid.ParseExact(r, "N"))).ToList();
            var found = await owner.Db.Set<Donor>().AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Email }).ToListAsync(ct);
            var keys = await owner.Reader.OpenFieldsAsync(Donor.EntityType, recordIds, EmailOnly, ct);
            try
            {
                foreach (var d in found)
                {
                    if (keys.TryGetValue(d.Id.RecordId, out var key))
                        confirmedDonors.TryAdd(key.Open(Donor.Fields.Email, d.Email), d.Id);
                }
            }
            finally
            {
                keys.DisposeAll();
            }
            openedCandidates.UnionWith(recordIds);
        }

        private async Task AddToBalancesAsync(DbTransaction transaction, Dictionary<(string Account, string Currency), (long Debits, long Credits)> totals, CancellationToken ct)
        {
            var sql = owner.Db.GetService<ISqlGenerationHelper>();
            string Q(string name) => sql.DelimitIdentifier(name);
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                $"INSERT INTO {Q("ledger_balances")} ({Q("AccountId")}, {Q("CurrencyCode")}, {Q("DebitsMinor")}, {Q("CreditsMinor")}) VALUES (@a, @c, @d, @k) " +
                $"ON CONFLICT ({Q("AccountId")}, {Q("CurrencyCode")}) DO UPDATE SET {Q("DebitsMinor")} = {Q("ledger_balances")}.{Q("DebitsMinor")} + excluded.{Q("DebitsMinor")}, " +
                $"{Q("CreditsMinor")} = {Q("ledger_balances")}.{Q("CreditsMinor")} + excluded.{Q("CreditsMinor")}";
            var a = Parameter(command, "@a");
            var c = Parameter(command, "@c");
            var d = Parameter(command, "@d");
            var k = Parameter(command, "@k");
            foreach (var ((account, currency), (debits, credits)) in totals)
            {
                a.Value = account;
                c.Value = currency;
                d.Value = debits;
                k.Value = credits;
                await command.ExecuteNonQueryAsync(ct);
            }
        }

        private static DbParameter Parameter(DbCommand command, string name)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
            return p;
        }
    }

    /// <summary>A new donor made by the read stage: its key row, sealed donor row and blind-index entry.</summary>
    private sealed record NewDonor(DataKey Key, Donor Donor, BlindIndexEntry Entry);

    /// <summary>
    /// Rows the read stage accepted, with their donors so far (null: no usable address), new donors to write, addresses
    /// to confirm among stored candidates, the first name seen per address, and the run's counts as of the last line.
    /// </summary>
    private sealed record Batch(
        List<ImportRow> Rows, Dictionary<int, DonorId?> DonorOf, List<NewDonor> NewDonors, List<(int Line, string Email, int Value)> ToConfirm,
        Dictionary<string, string> Names, int RowsSoFar, int DuplicatesSoFar, int RejectedSoFar, int LastLine);

    /// <summary>Lets the importer dispose its view of a caller's stream without closing the caller's stream.</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
