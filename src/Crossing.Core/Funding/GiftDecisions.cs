using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

public enum DecisionOutcome
{
    /// <summary>The decision was recorded and the gift is in the ledger.</summary>
    Posted,

    /// <summary>The decision was recorded; the gift still needs another decision (named in the problem).</summary>
    StillNeedsAttention,

    /// <summary>The decision was recorded and nothing needed posting (a donor chosen, a gift marked returned).</summary>
    Recorded,

    /// <summary>No such gift: nothing changed.</summary>
    UnknownGift,

    /// <summary>The decision does not apply to the gift as it stands (e.g. a fund for a gift already posted): nothing changed.</summary>
    NotApplicable,

    /// <summary>The fund, currency or donor chosen does not exist: nothing changed.</summary>
    UnknownChoice,
}

public sealed record DecisionResult(DecisionOutcome Outcome, string? Problem = null);

/// <summary>A gift whose fund, currency or donor waits for a person, with what finance can decide about it.</summary>
public sealed record GiftDecisionRow(
    string Reference, DateTimeOffset GivenAt, string Amount, string Currency, string? Fund, string? DonorCode, GiftStatus Status, string? Problem,
    bool NeedsFund, bool NeedsCurrency, bool NeedsDonor);

/// <summary>
/// Finance's decisions on gifts that need a person (issue 10 item 5): choose the fund, the currency or the donor, or
/// record that the money went back. Each decision runs in one ledger write (a gift that can now be posted is posted in
/// the same transaction) and is audited with the gift's reference; a refused decision changes nothing.
/// </summary>
public sealed class GiftDecisions(CrossingDbContext db, Ledger ledger, GiftIntake intake, IAuditLog audit)
{
    public async Task<IReadOnlyList<GiftDecisionRow>> PendingAsync(StaffCaller caller, CancellationToken ct = default)
    {
        Require(caller);
        var gifts = await db.Set<Gift>().AsNoTracking()
            .Where(g => g.Status == GiftStatus.NeedsAttention || (g.DonorId == null && g.Status != GiftStatus.Returned))
            .OrderByDescending(g => g.ReceivedAt).Take(500).ToListAsync(ct);
        var ids = gifts.Where(g => g.DonorId is not null).Select(g => g.DonorId!.Value).Distinct().ToList();
        var codes = await db.Set<Donor>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var funds = await FundIdsAsync(ct);
        return [.. gifts.Select(g =>
        {
            var known = Currency.TryGet(g.CurrencyCode, out var currency);
            var attention = g.Status == GiftStatus.NeedsAttention;
            return new GiftDecisionRow(
                Reference(g), g.GivenAt, known ? Money.Format(g.AmountMinor, currency) : g.RawAmount, g.CurrencyCode, g.FundId,
                g.DonorId is { } d ? codes.GetValueOrDefault(d) : null, g.Status, g.Problem,
                NeedsFund: attention && (g.FundId is null || !funds.Contains(g.FundId)),
                NeedsCurrency: attention && !known,
                NeedsDonor: g.DonorId is null);
        })];
    }

    public async Task<IReadOnlyList<string>> FundsAsync(CancellationToken ct = default) => [.. (await FundIdsAsync(ct)).Order(StringComparer.Ordinal)];

    public Task<DecisionResult> ChooseFundAsync(StaffCaller caller, string reference, string fundId, CancellationToken ct = default) =>
        DecideAsync(caller, reference, "gift.decision.fund", async (gift, c) =>
        {
            if (gift.Status != GiftStatus.NeedsAttention)
                return new DecisionResult(DecisionOutcome.NotApplicable, "the gift does not need a fund decision");
            var fund = fundId.Trim().ToLowerInvariant();
            if (!LedgerAccounts.IsFundId(fund) || !await ledger.FundExistsAsync(fund, c))
                return new DecisionResult(DecisionOutcome.UnknownChoice, $"there is no fund '{Clip(fundId)}'");
            gift.ChooseFund(fund);
            return await PostIfReadyAsync(gift, c);
        }, ct);

    public Task<DecisionResult> ChooseCurrencyAsync(StaffCaller caller, string reference, string currencyCode, CancellationToken ct = default) =>
        DecideAsync(caller, reference, "gift.decision.currency", async (gift, c) =>
        {
            if (gift.Status != GiftStatus.NeedsAttention || Currency.TryGet(gift.CurrencyCode, out _))
                return new DecisionResult(DecisionOutcome.NotApplicable, "the gift's currency is already known");
            if (!Currency.TryGet(currencyCode.Trim().ToUpperInvariant(), out var currency))
                return new DecisionResult(DecisionOutcome.UnknownChoice, $"the ledger does not know the currency '{Clip(currencyCode)}'");
            gift.ChooseCurrency(currency);
            return await PostIfReadyAsync(gift, c);
        }, ct);

    public Task<DecisionResult> ChooseDonorAsync(StaffCaller caller, string reference, string donorCode, CancellationToken ct = default) =>
        DecideAsync(caller, reference, "gift.decision.donor", async (gift, c) =>
        {
            if (gift.Status == GiftStatus.Returned)
                return new DecisionResult(DecisionOutcome.NotApplicable, "the gift was returned");
            var code = donorCode.Trim().ToUpperInvariant();
            var donor = PseudonymousCode.IsWellFormed(code, 'D') ? await db.Set<Donor>().AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, c) : null;
            if (donor is null)
                return new DecisionResult(DecisionOutcome.UnknownChoice, $"there is no donor '{Clip(donorCode)}'");
            gift.AssignDonor(donor.Id);
            return new DecisionResult(gift.Status == GiftStatus.NeedsAttention ? DecisionOutcome.StillNeedsAttention : DecisionOutcome.Recorded, gift.Problem);
        }, ct);

    /// <summary>The money of a gift that was never posted went back to the donor: the gift leaves the list without touching the ledger.</summary>
    public Task<DecisionResult> MarkReturnedAsync(StaffCaller caller, string reference, CancellationToken ct = default) =>
        DecideAsync(caller, reference, "gift.decision.returned", (gift, _) =>
        {
            if (gift.Status != GiftStatus.NeedsAttention)
                return Task.FromResult(new DecisionResult(DecisionOutcome.NotApplicable, "only a gift that was never posted can be marked returned; refund a posted gift through the processor"));
            gift.MarkReturned();
            return Task.FromResult(new DecisionResult(DecisionOutcome.Recorded));
        }, ct);

    private async Task<DecisionResult> DecideAsync(StaffCaller caller, string reference, string action, Func<Gift, CancellationToken, Task<DecisionResult>> decide, CancellationToken ct)
    {
        Require(caller);
        var result = await ledger.WriteAsync(async c =>
        {
            var gift = await FindAsync(reference, c);
            if (gift is null)
                return new DecisionResult(DecisionOutcome.UnknownGift, "there is no such gift");
            var decided = await decide(gift, c);
            if (decided.Outcome is DecisionOutcome.Posted or DecisionOutcome.StillNeedsAttention or DecisionOutcome.Recorded)
            {
                // The audit log saves its chain head as a tracked change; the ledger write turns automatic detection
                // off, so turn it back on for the append to save the decision, the postings and the audit event together.
                db.ChangeTracker.AutoDetectChangesEnabled = true;
                await audit.AppendAsync(new AuditEntry(caller.AuditActor, action, Clip(Reference(gift), 64)), c);
            }
            else
            {
                db.ChangeTracker.Clear();
            }
            return decided;
        }, ct);
        return result;
    }

    private async Task<DecisionResult> PostIfReadyAsync(Gift gift, CancellationToken ct)
    {
        string? missing = null;
        if (!Currency.TryGet(gift.CurrencyCode, out _))
            missing = $"currency '{gift.CurrencyCode}' is not one the ledger knows";
        else if (gift.AmountMinor <= 0)
            missing = "the amount is not a positive whole number of minor units; correct it with the processor";
        else if (gift.FundId is null || !await ledger.FundExistsAsync(gift.FundId, ct))
            missing = "choose the fund";
        gift.Reopen(missing);
        if (missing is not null)
            return new DecisionResult(DecisionOutcome.StillNeedsAttention, missing);
        var settled = await intake.SettleDecidedAsync(gift, ct);
        return settled.Outcome switch
        {
            EventOutcome.Applied => new DecisionResult(DecisionOutcome.Posted),
            EventOutcome.Waiting => new DecisionResult(DecisionOutcome.Recorded),
            _ => new DecisionResult(DecisionOutcome.StillNeedsAttention, settled.Problem),
        };
    }

    private async Task<Gift?> FindAsync(string reference, CancellationToken ct)
    {
        var text = reference.Trim();
        if (text.Length is 0 or > GiftIntake.MaxIdLength)
            return null;
        var byProcessor = await db.Set<Gift>().Where(g => g.PaymentId == text || g.InvoiceId == text).OrderBy(g => g.ReceivedAt).FirstOrDefaultAsync(ct);
        if (byProcessor is not null)
            return byProcessor;
        return Guid.TryParseExact(text, "N", out var id) ? await db.Set<Gift>().SingleOrDefaultAsync(g => g.Id == id, ct) : null;
    }

    private async Task<HashSet<string>> FundIdsAsync(CancellationToken ct)
    {
        var accounts = await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.Kind == LedgerAccountKind.Fund).ToListAsync(ct);
        return accounts.Select(a => a.FundId!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The reference finance sees: the processor's payment, else its invoice, else the gift's own id.</summary>
    public static string Reference(Gift gift) => gift.PaymentId ?? gift.InvoiceId ?? gift.Id.ToString("N");

    private static string Clip(string text, int max = 40) => text.Length <= max ? text : text[..max];

    private static void Require(StaffCaller caller)
    {
        if (!caller.Has(Permission.ViewFinance))
            throw new UnauthorizedAccessException("Finance decisions need the finance role.");
    }
}
