using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

public sealed record GiftSearch(string? Donor = null, DateOnly? From = null, DateOnly? To = null, string? Channel = null, int Take = 200);

public sealed record GiftRow(
    string Reference, DateTimeOffset GivenAt, string Channel, GiftKind Kind, string? DonorCode, string Amount, string Currency,
    string? Fund, DesignationSource Designation, string? Campaign, GiftStatus Status, string? Refunded, string? Problem);

/// <summary>A donor as finance sees them. <see cref="Language"/>: the receipt language in effect; <see cref="LanguageChosen"/>: set by finance, not inferred.</summary>
public sealed record DonorRow(
    string Code, string Email, string? Name, string? Address, bool EmailUpdates, bool PostalMail, bool ThankYouIntroductions, DateTimeOffset Since, int Gifts,
    string Language = "en", bool LanguageChosen = false);

public sealed record MonthlyIncome(DateOnly Month, string Channel, Money Gross);

public sealed record CampaignProgress(Campaign Campaign, IReadOnlyList<Money> Raised, int Gifts);

public sealed record AttentionItem(string Kind, string Reference, DateTimeOffset At, string Problem);

/// <summary>
/// What finance staff see. Every method needs <see cref="Permission.ViewFinance"/>; donor contact details are opened
/// from the vault only here, and each such read is an audit event (by donor code).
/// </summary>
public sealed class FinanceQueries(
    CrossingDbContext db, SealedReader reader, DonorDirectory donors, IAuditLog audit, Microsoft.Extensions.Options.IOptions<ReceiptOptions> receiptOptions)
{
    public async Task<IReadOnlyList<GiftRow>> GiftsAsync(StaffCaller caller, GiftSearch search, CancellationToken ct = default)
    {
        Require(caller);
        var query = db.Set<Gift>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Donor))
        {
            var ids = await DonorIdsAsync(search.Donor, ct);
            query = query.Where(g => g.DonorId != null && ids.Contains(g.DonorId.Value));
        }
        if (search.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(g => g.GivenAt >= start);
        }
        if (search.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(g => g.GivenAt < end);
        }
        if (!string.IsNullOrWhiteSpace(search.Channel))
            query = query.Where(g => g.Channel == search.Channel.Trim());
        var gifts = await query.OrderByDescending(g => g.GivenAt).Take(Math.Clamp(search.Take, 1, 1000)).ToListAsync(ct);
        var codes = await DonorCodesAsync(gifts, ct);
        return [.. gifts.Select(g => ToRow(g, codes))];
    }

    public async Task<IReadOnlyList<DonorRow>> DonorsAsync(StaffCaller caller, string? donor = null, CancellationToken ct = default)
    {
        Require(caller);
        var query = db.Set<Donor>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(donor))
        {
            var ids = await DonorIdsAsync(donor, ct);
            query = query.Where(d => ids.Contains(d.Id));
        }
        var list = await query.OrderBy(d => d.CreatedAt).Take(500).ToListAsync(ct);
        var counts = await db.Set<Gift>().AsNoTracking().Where(g => g.DonorId != null).GroupBy(g => g.DonorId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct);
        var keys = await reader.OpenIdentitiesAsync(caller, Donor.EntityType, [.. list.Select(d => (d.Id.RecordId, d.Code))], ct);
        // Only shown here: a misconfigured default is refused (with what to do) when receipts are sent, not on this page.
        var configured = receiptOptions.Value.Language.Trim().ToLowerInvariant();
        var fallback = ReceiptOptions.Languages.Contains(configured) ? configured : "en";
        try
        {
            var rows = new List<DonorRow>();
            foreach (var d in list)
            {
                if (!keys.TryGetValue(d.Id.RecordId, out var key))
                    continue;
                var contact = d.Open(key);
                rows.Add(new DonorRow(d.Code, contact.Email, contact.Name, contact.Address, d.EmailUpdates, d.PostalMail, d.ThankYouIntroductions, d.CreatedAt, counts.GetValueOrDefault(d.Id),
                    Donor.LanguageFor(d.Language, contact.Name, fallback), d.Language is not null));
            }
            await audit.AppendAsync(new AuditEntry(caller.AuditActor, "donors.read", rows.Count == 1 ? rows[0].Code : $"{rows.Count} donors"), ct);
            return rows;
        }
        finally
        {
            keys.DisposeAll();
        }
    }

    public async Task<bool> SetPreferencesAsync(StaffCaller caller, string donorCode, bool emailUpdates, bool postalMail, bool introductions, CancellationToken ct = default)
    {
        Require(caller);
        var donor = await db.Set<Donor>().SingleOrDefaultAsync(d => d.Code == donorCode, ct);
        if (donor is null)
            return false;
        donor.SetPreferences(emailUpdates, postalMail, introductions);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "donor.preferences", donor.Code), ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Sets the language of a donor's receipts and their e-mails ("en" or "ko"); false for an unknown donor or language.</summary>
    public async Task<bool> SetLanguageAsync(StaffCaller caller, string donorCode, string language, CancellationToken ct = default)
    {
        Require(caller);
        if (!ReceiptOptions.Languages.Contains(language))
            return false;
        var donor = await db.Set<Donor>().SingleOrDefaultAsync(d => d.Code == donorCode, ct);
        if (donor is null)
            return false;
        donor.SetLanguage(language);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "donor.language", donor.Code), ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Gross posted gifts per month (UTC) and channel, per currency, oldest month first.</summary>
    public async Task<IReadOnlyList<MonthlyIncome>> IncomeByMonthAsync(StaffCaller caller, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Require(caller);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var gifts = await db.Set<Gift>().AsNoTracking()
            .Where(g => g.Status == GiftStatus.Posted && g.GivenAt >= start && g.GivenAt < end)
            .Select(g => new { g.GivenAt, g.Channel, g.CurrencyCode, g.AmountMinor })
            .ToListAsync(ct);
        return [.. gifts
            .GroupBy(g => (Month: new DateOnly(g.GivenAt.UtcDateTime.Year, g.GivenAt.UtcDateTime.Month, 1), g.Channel, g.CurrencyCode))
            .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.CurrencyCode, StringComparer.Ordinal)
            .Select(g => new MonthlyIncome(g.Key.Month, g.Key.Channel, new Money(g.Sum(x => x.AmountMinor), Currency.Get(g.Key.CurrencyCode))))];
    }

    /// <summary>Campaigns running on <paramref name="today"/> (or the latest ended one if none runs), with gross raised per currency.</summary>
    public async Task<IReadOnlyList<CampaignProgress>> CampaignsAsync(StaffCaller caller, DateOnly today, CancellationToken ct = default)
    {
        Require(caller);
        var all = await db.Set<Campaign>().AsNoTracking().ToListAsync(ct);
        var shown = all.Where(c => c.From <= today && c.To >= today).ToList();
        if (shown.Count == 0)
            shown = [.. all.Where(c => c.To < today).OrderByDescending(c => c.To).Take(1)];
        var ids = shown.Select(c => c.Id).ToList();
        var gifts = await db.Set<Gift>().AsNoTracking()
            .Where(g => g.Status == GiftStatus.Posted && g.CampaignId != null && ids.Contains(g.CampaignId))
            .Select(g => new { g.CampaignId, g.CurrencyCode, g.AmountMinor, g.RefundedMinor, g.DisputeLostMinor })
            .ToListAsync(ct);
        return [.. shown.OrderBy(c => c.From).Select(c =>
        {
            var mine = gifts.Where(g => g.CampaignId == c.Id).ToList();
            return new CampaignProgress(c,
                [.. mine.GroupBy(g => g.CurrencyCode).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new Money(g.Sum(x => x.AmountMinor - x.RefundedMinor - x.DisputeLostMinor), Currency.Get(g.Key)))],
                mine.Count);
        })];
    }

    public async Task<IReadOnlyList<AttentionItem>> NeedsAttentionAsync(StaffCaller caller, CancellationToken ct = default)
    {
        Require(caller);
        var gifts = await db.Set<Gift>().AsNoTracking().Where(g => g.Status == GiftStatus.NeedsAttention).ToListAsync(ct);
        var adjustments = await db.Set<GiftAdjustment>().AsNoTracking().Where(a => !a.Reflected && a.Problem != null).ToListAsync(ct);
        var events = await db.Set<ProcessorEvent>().AsNoTracking().Where(e => e.Outcome == EventOutcome.NeedsAttention).ToListAsync(ct);
        return [.. gifts.Select(g => new AttentionItem("gift", g.PaymentId ?? g.InvoiceId ?? g.Id.ToString("N"), g.ReceivedAt, g.Problem ?? ""))
            .Concat(adjustments.Select(a => new AttentionItem(a.Kind == AdjustmentKind.Refund ? "refund" : "dispute", a.PaymentId, a.OccurredAt, a.Problem!)))
            .Concat(events.Where(e => gifts.All(g => g.PaymentId != e.Reference && g.InvoiceId != e.Reference) && adjustments.All(a => a.EventId != e.Id))
                .Select(e => new AttentionItem("event", e.Id, e.ReceivedAt, e.Problem ?? e.Type)))
            .OrderByDescending(i => i.At)];
    }

    private async Task<List<DonorId>> DonorIdsAsync(string donor, CancellationToken ct)
    {
        var text = donor.Trim();
        if (PseudonymousCode.IsWellFormed(text.ToUpperInvariant(), 'D'))
        {
            var code = text.ToUpperInvariant();
            return await db.Set<Donor>().AsNoTracking().Where(d => d.Code == code).Select(d => d.Id).ToListAsync(ct);
        }
        var found = await donors.FindByEmailAsync(text, ct);
        return found is null ? [] : [found.Id];
    }

    private async Task<Dictionary<DonorId, string>> DonorCodesAsync(IEnumerable<Gift> gifts, CancellationToken ct)
    {
        var ids = gifts.Where(g => g.DonorId is not null).Select(g => g.DonorId!.Value).Distinct().ToList();
        return await db.Set<Donor>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
    }

    private static GiftRow ToRow(Gift g, Dictionary<DonorId, string> codes)
    {
        var known = Currency.TryGet(g.CurrencyCode, out var currency);
        return new GiftRow(
            g.PaymentId ?? g.InvoiceId ?? "", g.GivenAt, g.Channel, g.Kind, g.DonorId is { } d ? codes.GetValueOrDefault(d) : null,
            known ? Money.Format(g.AmountMinor, currency) : g.RawAmount, g.CurrencyCode, g.FundId, g.Designation, g.CampaignId, g.Status,
            known && g.RefundedMinor > 0 ? Money.Format(g.RefundedMinor, currency) : null, g.Problem);
    }

    private static void Require(StaffCaller caller)
    {
        if (!caller.Has(Permission.ViewFinance))
            throw new UnauthorizedAccessException("Finance data needs the finance role.");
    }
}
