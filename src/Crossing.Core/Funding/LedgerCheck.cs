using System.Globalization;
using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

public sealed record LedgerViolation(string Invariant, string Detail)
{
    public override string ToString() => $"{Invariant}: {Detail}";
}

public sealed record LedgerCheckResult(long Transfers, int Gifts, int NeedsAttention, IReadOnlyList<LedgerViolation> Violations)
{
    public bool Holds => Violations.Count == 0;
}

/// <summary>
/// Re-derives the ledger's invariants from the stored transfers, independently of the running balances:
/// debits equal credits per currency (and the stored balances match the transfers), no restricted fund below zero,
/// every posted gift has exactly one gift transfer of its amount to its fund, and every refund or dispute of a posted
/// gift is reflected in transfers.
/// </summary>
public sealed class LedgerCheck(CrossingDbContext db)
{
    public async Task<LedgerCheckResult> RunAsync(CancellationToken ct = default)
    {
        var violations = new List<LedgerViolation>();
        var transfers = await db.Set<LedgerTransfer>().AsNoTracking()
            .Select(t => new { t.Key, t.DebitAccountId, t.CreditAccountId, t.CurrencyCode, t.AmountMinor, t.Code, t.Reference })
            .ToListAsync(ct);
        var accounts = await db.Set<LedgerAccount>().AsNoTracking().ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, ct);
        var stored = await db.Set<LedgerBalance>().AsNoTracking().ToListAsync(ct);

        foreach (var t in transfers.Where(t => t.AmountMinor <= 0 || t.DebitAccountId == t.CreditAccountId || !Currency.TryGet(t.CurrencyCode, out _)))
            violations.Add(new("MalformedTransfer", $"transfer {t.Key} moves {t.AmountMinor} {t.CurrencyCode} from {t.DebitAccountId} to {t.CreditAccountId}"));

        foreach (var currency in transfers.GroupBy(t => t.CurrencyCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var debits = currency.Sum(t => (decimal)t.AmountMinor);
            var credits = currency.Sum(t => (decimal)t.AmountMinor);
            var storedDebits = stored.Where(b => b.CurrencyCode == currency.Key).Sum(b => (decimal)b.DebitsMinor);
            var storedCredits = stored.Where(b => b.CurrencyCode == currency.Key).Sum(b => (decimal)b.CreditsMinor);
            if (debits != credits || storedDebits != storedCredits || storedDebits != debits)
                violations.Add(new("DebitsEqualCredits", $"{currency.Key}: transfers debit {debits} and credit {credits}, balances debit {storedDebits} and credit {storedCredits}"));
        }

        var derived = transfers
            .SelectMany(t => new[] { (Account: t.DebitAccountId, t.CurrencyCode, Debit: t.AmountMinor, Credit: 0L), (Account: t.CreditAccountId, t.CurrencyCode, Debit: 0L, Credit: t.AmountMinor) })
            .GroupBy(x => (x.Account, x.CurrencyCode))
            .ToDictionary(g => g.Key, g => (Debits: g.Sum(x => x.Debit), Credits: g.Sum(x => x.Credit)));
        foreach (var b in stored.OrderBy(b => b.AccountId, StringComparer.Ordinal).ThenBy(b => b.CurrencyCode, StringComparer.Ordinal))
        {
            var d = derived.GetValueOrDefault((b.AccountId, b.CurrencyCode));
            if (d.Debits != b.DebitsMinor || d.Credits != b.CreditsMinor)
                violations.Add(new("BalanceMatchesTransfers", $"{b.AccountId} {b.CurrencyCode}: stored debits {b.DebitsMinor} credits {b.CreditsMinor}, transfers debit {d.Debits} credit {d.Credits}"));
        }
        foreach (var ((account, currency), totals) in derived.OrderBy(x => x.Key.Account, StringComparer.Ordinal).ThenBy(x => x.Key.CurrencyCode, StringComparer.Ordinal))
        {
            if (!accounts.TryGetValue(account, out var a))
            {
                violations.Add(new("KnownAccount", $"transfers name account {account}, which does not exist"));
                continue;
            }
            if (a.DebitsMustNotExceedCredits && totals.Debits > totals.Credits && Currency.TryGet(currency, out var c))
                violations.Add(new("RestrictedFundNotNegative", $"restricted fund {a.FundId ?? a.Id} is at {Money.Format(totals.Credits - totals.Debits, c)} {currency}"));
        }

        var gifts = await db.Set<Gift>().AsNoTracking().ToListAsync(ct);
        var giftTransfers = transfers.Where(t => t.Code == TransferCodes.Gift).ToLookup(t => t.Key, StringComparer.Ordinal);
        var posted = gifts.Where(g => g.Status == GiftStatus.Posted).ToList();
        foreach (var g in posted.OrderBy(g => g.GivenAt))
        {
            var found = giftTransfers[g.TransferKey].ToList();
            if (found.Count != 1)
                violations.Add(new("GiftPostedOnce", $"gift {g.PaymentId} has {found.Count} gift transfers"));
            else if (found[0].AmountMinor != g.AmountMinor || found[0].CurrencyCode != g.CurrencyCode || found[0].CreditAccountId != LedgerAccounts.Fund(g.FundId ?? ""))
                violations.Add(new("GiftPostedOnce", $"gift {g.PaymentId}'s transfer does not match its amount or fund"));
        }
        var postedKeys = posted.Select(g => g.TransferKey).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in giftTransfers.Where(g => !postedKeys.Contains(g.Key)))
            violations.Add(new("GiftPostedOnce", $"transfer {orphan.Key} belongs to no posted gift"));

        var byReference = transfers.Where(t => t.Reference is not null).ToLookup(t => t.Reference!, StringComparer.Ordinal);
        var adjustments = await db.Set<GiftAdjustment>().AsNoTracking().ToListAsync(ct);
        var postedByPayment = posted.ToDictionary(g => (g.Processor, g.PaymentId), g => g);
        foreach (var a in adjustments.OrderBy(a => a.Id))
        {
            if (postedByPayment.TryGetValue((a.Processor, a.PaymentId), out var gift) && !a.Reflected)
                violations.Add(new("AdjustmentReflected", $"{a.Kind.ToString().ToLowerInvariant()} of event {a.EventId} on gift {a.PaymentId} is not reflected{(a.Problem is null ? "" : ": " + a.Problem)}"));
        }
        foreach (var g in posted)
        {
            var related = byReference[g.TransferKey].ToList();
            var refunded = related.Where(t => t.Code == TransferCodes.Refund).Sum(t => t.AmountMinor);
            var held = related.Where(t => t.Code == TransferCodes.DisputeHold).Sum(t => t.AmountMinor)
                - related.Where(t => t.Code is TransferCodes.DisputeWon or TransferCodes.DisputeLost).Sum(t => t.AmountMinor);
            var lost = related.Where(t => t.Code == TransferCodes.DisputeLost).Sum(t => t.AmountMinor);
            var expectedRefund = adjustments.Where(a => a.Processor == g.Processor && a.PaymentId == g.PaymentId && a.Kind == AdjustmentKind.Refund && a.Reflected)
                .Select(a => a.AmountMinor).DefaultIfEmpty(0).Max();
            if (refunded != g.RefundedMinor || refunded != expectedRefund)
                violations.Add(new("AdjustmentReflected", string.Create(CultureInfo.InvariantCulture,
                    $"gift {g.PaymentId}: refunds posted {refunded}, recorded {g.RefundedMinor}, reported {expectedRefund}")));
            if (held != g.DisputeHeldMinor || lost != g.DisputeLostMinor)
                violations.Add(new("AdjustmentReflected", string.Create(CultureInfo.InvariantCulture,
                    $"gift {g.PaymentId}: disputes held {held}/{g.DisputeHeldMinor}, lost {lost}/{g.DisputeLostMinor} (transfers/recorded)")));
        }

        var attention = gifts.Count(g => g.Status == GiftStatus.NeedsAttention) + adjustments.Count(a => !a.Reflected && a.Problem is not null);
        return new LedgerCheckResult(transfers.Count, gifts.Count, attention, violations);
    }
}
