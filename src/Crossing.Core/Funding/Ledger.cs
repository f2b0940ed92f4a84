using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

public enum PostOutcome
{
    Posted,

    /// <summary>A transfer with this key exists already: nothing changed.</summary>
    AlreadyPosted,

    /// <summary>The debit account is a restricted fund that does not hold enough in this currency: nothing changed.</summary>
    RestrictedFundWouldGoNegative,

    UnknownAccount,
}

public sealed class LedgerException(string message) : Exception(message);

/// <summary>
/// Serialises ledger writes so a balance check and the insert that depends on it cannot interleave with another
/// writer: one process-wide gate (SQLite has a single writer anyway) and, on PostgreSQL, a transaction-scoped
/// advisory lock so several web nodes serialise too.
/// </summary>
public sealed class LedgerWriteGate
{
    /// <summary>Arbitrary, fixed: the advisory lock id every node takes for ledger writes.</summary>
    internal const long AdvisoryLockId = 0x4C45444745520001;

    private readonly SemaphoreSlim gate = new(1, 1);

    internal async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                gate.Release();
        }
    }
}

/// <summary>
/// The double-entry ledger. Every change happens inside <see cref="WriteAsync{T}"/>: one transaction under the write
/// gate, in which transfers are checked against the restricted-fund rule, inserted and balances updated together.
/// Other capabilities spend from a fund with <see cref="SpendAsync"/>.
/// </summary>
public sealed class Ledger(CrossingDbContext db, LedgerWriteGate gate, TimeProvider time)
{
    private readonly Dictionary<(string, string), LedgerBalance> balances = [];
    private readonly HashSet<string> keysThisWrite = new(StringComparer.Ordinal);
    private readonly HashSet<string> keysAbsent = new(StringComparer.Ordinal);
    private bool writing;

    /// <summary>Runs <paramref name="work"/> in one ledger transaction; everything it posts commits together or not at all.</summary>
    public async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        if (writing)
            return await work(ct);
        using var entered = await gate.EnterAsync(ct);
        writing = true;
        try
        {
            // Inside a caller's transaction (demo seeding) the ledger joins it; otherwise it owns one.
            var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await using (owned)
            {
                if (db.Database.IsNpgsql())
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LedgerWriteGate.AdvisoryLockId})", ct);
                // A batch tracks hundreds of entities; scanning them all on every intermediate save made a batch quadratic.
                // Intermediate saves only need the inserts (whose state is known); changes to tracked entities are
                // detected once, before the final save. Reads inside the write see tracked instances, not stale rows.
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var result = await work(ct);
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                if (owned is not null)
                    await owned.CommitAsync(ct);
                return result;
            }
        }
        catch
        {
            // Nothing half-written may be saved later by another use of this unit of work.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            balances.Clear();
            keysThisWrite.Clear();
            keysAbsent.Clear();
            writing = false;
        }
    }

    /// <summary>
    /// Posts one transfer inside the current write. A key seen before is a no-op; a restricted debit account that
    /// would go below zero in this currency refuses the transfer.
    /// </summary>
    public async Task<PostOutcome> PostAsync(string key, string debitAccount, string creditAccount, Money amount, string code, string? reference, CancellationToken ct)
    {
        if (!writing)
            throw new InvalidOperationException("Transfers are posted inside Ledger.WriteAsync.");
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > LedgerTransfer.MaxKeyLength)
            throw new ArgumentException($"A transfer key has at most {LedgerTransfer.MaxKeyLength} characters.", nameof(key));
        if (amount.Minor <= 0)
            throw new ArgumentOutOfRangeException(nameof(amount), "A transfer moves a positive amount.");
        if (debitAccount == creditAccount)
            throw new ArgumentException("A transfer moves money between two different accounts.", nameof(creditAccount));
        if (keysThisWrite.Contains(key) || (!keysAbsent.Contains(key) && await db.Set<LedgerTransfer>().AnyAsync(t => t.Key == key, ct)))
            return PostOutcome.AlreadyPosted;
        var debit = await db.Set<LedgerAccount>().FindAsync([debitAccount], ct);
        var credit = await db.Set<LedgerAccount>().FindAsync([creditAccount], ct);
        if (debit is null || credit is null)
            return PostOutcome.UnknownAccount;
        var debitBalance = await BalanceAsync(debitAccount, amount.Currency.Code, ct);
        if (debit.DebitsMustNotExceedCredits && debitBalance.Net - amount.Minor < 0)
            return PostOutcome.RestrictedFundWouldGoNegative;
        var creditBalance = await BalanceAsync(creditAccount, amount.Currency.Code, ct);
        debitBalance.Debit(amount.Minor);
        creditBalance.Credit(amount.Minor);
        db.Add(new LedgerTransfer(key, debitAccount, creditAccount, amount, code, reference, time.GetUtcNow()));
        keysThisWrite.Add(key);
        return PostOutcome.Posted;
    }

    /// <summary>
    /// Looks up, in one query, which of <paramref name="keys"/> are already posted, so posting the others in this write
    /// needs no look-up each (a batch of webhook events). Only inside <see cref="WriteAsync{T}"/>: the gate keeps any
    /// other writer from posting one of them meanwhile, and the answer is forgotten when the write ends.
    /// </summary>
    public async Task PrefetchKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (!writing)
            throw new InvalidOperationException("Keys are prefetched inside Ledger.WriteAsync.");
        if (keys.Count == 0)
            return;
        var posted = await db.Set<LedgerTransfer>().Where(t => keys.Contains(t.Key)).Select(t => t.Key).ToListAsync(ct);
        keysAbsent.UnionWith(keys.Except(posted, StringComparer.Ordinal));
    }

    /// <summary>
    /// Spends from a fund to an expense account (journeys post leg costs this way). Idempotent by key: a replay
    /// answers <see cref="PostOutcome.AlreadyPosted"/>. A restricted fund is never taken below zero.
    /// </summary>
    public async Task<PostOutcome> SpendAsync(string fundId, string expenseAccount, Money amount, string idempotencyKey, string? reference = null, CancellationToken ct = default)
    {
        var account = await db.Set<LedgerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == expenseAccount, ct);
        if (account is null || account.Kind != LedgerAccountKind.Expense)
            return PostOutcome.UnknownAccount;
        var key = "spend:" + idempotencyKey;
        try
        {
            return await WriteAsync(c => PostAsync(key, LedgerAccounts.Fund(fundId), expenseAccount, amount, TransferCodes.Spend, reference, c), ct);
        }
        catch (DbUpdateException)
        {
            // Another writer posted the same key between our look-up and our insert: the unique index kept it once.
            if (await db.Set<LedgerTransfer>().AsNoTracking().AnyAsync(t => t.Key == key, ct))
                return PostOutcome.AlreadyPosted;
            throw;
        }
    }

    public async Task<LedgerAccount> AddFundAsync(string fundId, string name, bool restricted, CancellationToken ct = default)
    {
        if (!LedgerAccounts.IsFundId(fundId))
            throw new LedgerException($"'{fundId}' is not a fund id: use 2 to 40 lowercase letters, digits and dashes, such as 'winter-relief'.");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new LedgerException("A fund needs a name of at most 100 characters.");
        var id = LedgerAccounts.Fund(fundId);
        if (await db.Set<LedgerAccount>().AnyAsync(a => a.Id == id, ct))
            throw new LedgerException($"A fund '{fundId}' exists already.");
        var account = new LedgerAccount(id, LedgerAccountKind.Fund, name.Trim(), restricted, time.GetUtcNow());
        db.Add(account);
        await db.SaveChangesAsync(ct);
        return account;
    }

    public Task<bool> FundExistsAsync(string fundId, CancellationToken ct = default) =>
        db.Set<LedgerAccount>().AnyAsync(a => a.Id == LedgerAccounts.Fund(fundId) && a.Kind == LedgerAccountKind.Fund, ct);

    /// <summary>Every fund with its balance per currency (credits minus debits), funds in id order.</summary>
    public async Task<IReadOnlyList<FundBalance>> FundBalancesAsync(CancellationToken ct = default)
    {
        var funds = await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.Kind == LedgerAccountKind.Fund).ToListAsync(ct);
        var rows = await db.Set<LedgerBalance>().AsNoTracking().Where(b => b.AccountId.StartsWith(LedgerAccounts.FundPrefix)).ToListAsync(ct);
        return [.. funds.OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => new FundBalance(
            f.FundId!, f.Name, f.DebitsMustNotExceedCredits,
            [.. rows.Where(r => r.AccountId == f.Id).OrderBy(r => r.CurrencyCode, StringComparer.Ordinal)
                .Select(r => new Money(r.Net, Currency.Get(r.CurrencyCode)))]))];
    }

    private async Task<LedgerBalance> BalanceAsync(string account, string currency, CancellationToken ct)
    {
        if (balances.TryGetValue((account, currency), out var cached))
            return cached;
        var balance = await db.Set<LedgerBalance>().SingleOrDefaultAsync(b => b.AccountId == account && b.CurrencyCode == currency, ct);
        if (balance is null)
        {
            balance = new LedgerBalance(account, currency);
            db.Add(balance);
        }
        balances[(account, currency)] = balance;
        return balance;
    }
}

public sealed record FundBalance(string Id, string Name, bool Restricted, IReadOnlyList<Money> Balances);

/// <summary>
/// The published shape of fund balances, shared by `crossing ledger balances --json` and GET /api/funds:
/// {"funds":[{"id":"rescue","restricted":true,"balances":{"USD":"1234.50","KRW":"90000"}}]}.
/// </summary>
public sealed record FundsDocument(
    [property: System.Text.Json.Serialization.JsonPropertyName("funds")] IReadOnlyList<FundsDocument.Fund> Funds)
{
    public static FundsDocument From(IEnumerable<FundBalance> balances) =>
        new([.. balances.Select(f => new Fund(f.Id, f.Restricted, f.Balances.ToDictionary(b => b.Currency.Code, b => b.Format(), StringComparer.Ordinal)))]);

    public sealed record Fund(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("restricted")] bool Restricted,
        [property: System.Text.Json.Serialization.JsonPropertyName("balances")] IReadOnlyDictionary<string, string> Balances);
}
