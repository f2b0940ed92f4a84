using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

public sealed class HealthOptions
{
    public const string Section = "Crossing:Funding:Health";

    /// <summary>A monthly donor with no payment for longer than this has lapsed.</summary>
    public int LapsedAfterDays { get; set; } = 45;

    /// <summary>A card that stops working within this many days "expires soon".</summary>
    public int CardExpiresWithinDays { get; set; } = 60;

    /// <summary>How many monthly cohorts the retention chart shows.</summary>
    public int CohortMonths { get; set; } = 12;
}

public enum HealthConcern
{
    LastPaymentFailed,
    Lapsed,
    CardExpiresSoon,
}

public sealed record DonorHealth(string DonorCode, DateTimeOffset? LastPaid, DateTimeOffset? LastFailed, DateOnly? CardExpiresOn, IReadOnlyList<HealthConcern> Concerns);

/// <summary>Monthly donors who started in one month, and the share still giving each month after.</summary>
public sealed record Cohort(DateOnly Month, int Donors, IReadOnlyList<double> Retained);

public sealed record HealthReport(IReadOnlyList<DonorHealth> Donors, IReadOnlyList<Cohort> Cohorts, int MonthlyDonors);

/// <summary>
/// Recurring-gift health (issue 10 item 4): Stripe's invoice.payment_failed recorded per donor, monthly donors whose last
/// payment failed, who lapsed, or whose card expires soon, and retention by cohort (month of the first monthly gift).
/// </summary>
public sealed class RecurringHealth(CrossingDbContext db, DonorDirectory donors, TimeProvider time, Microsoft.Extensions.Options.IOptions<HealthOptions> options)
{
    /// <summary>Records one failed invoice payment; an event id seen before changes nothing. Runs inside the caller's ledger write.</summary>
    public async Task<IntakeResult> RecordFailureAsync(
        string processor, string eventId, string invoiceId, string? subscriptionId, string? email, long? amountMinor, string currency,
        int attempts, DateTimeOffset at, DateOnly? cardExpiresOn, CancellationToken ct)
    {
        if (await db.Set<PaymentFailure>().AnyAsync(f => f.EventId == eventId, ct) || db.Set<PaymentFailure>().Local.Any(f => f.EventId == eventId))
            return IntakeResult.Applied(invoiceId);
        var donor = email is null ? null : await donors.FindByEmailAsync(email, ct);
        db.Add(PaymentFailure.Record(processor, eventId, invoiceId, subscriptionId, donor?.Id, amountMinor ?? 0,
            currency.Trim().ToUpperInvariant() is { Length: <= 8 } c ? c : "", attempts, at, cardExpiresOn));
        return donor is null
            ? new IntakeResult(EventOutcome.NeedsAttention, invoiceId, "a failed payment from an e-mail no donor has")
            : IntakeResult.Applied(invoiceId);
    }

    /// <summary>The first day a card with this expiry no longer works, or null when the month or year is not plausible.</summary>
    public static DateOnly? CardStopsWorking(long? month, long? year) =>
        month is >= 1 and <= 12 && year is >= 2000 and <= 2200 ? new DateOnly((int)year, (int)month, 1).AddMonths(1) : null;

    public async Task<HealthReport> ReportAsync(StaffCaller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ViewFinance))
            throw new UnauthorizedAccessException("Finance data needs the finance role.");
        var settings = options.Value;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var paid = await db.Set<Gift>().AsNoTracking()
            .Where(g => g.Kind == GiftKind.Recurring && g.Status == GiftStatus.Posted && g.DonorId != null)
            .Select(g => new { DonorId = g.DonorId!.Value, g.GivenAt })
            .ToListAsync(ct);
        var failures = await db.Set<PaymentFailure>().AsNoTracking().Where(f => f.DonorId != null)
            .Select(f => new { DonorId = f.DonorId!.Value, f.FailedAt, f.CardExpiresOn })
            .ToListAsync(ct);
        var donorIds = paid.Select(p => p.DonorId).Concat(failures.Select(f => f.DonorId)).Distinct().ToList();
        var codes = await db.Set<Donor>().AsNoTracking().Where(d => donorIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var paidBy = paid.ToLookup(p => p.DonorId, p => p.GivenAt);
        var failedBy = failures.ToLookup(f => f.DonorId);

        var rows = new List<DonorHealth>();
        foreach (var id in donorIds)
        {
            var lastPaid = paidBy[id].Select(d => (DateTimeOffset?)d).DefaultIfEmpty(null).Max();
            var lastFailure = failedBy[id].OrderByDescending(f => f.FailedAt).FirstOrDefault();
            var card = failedBy[id].OrderByDescending(f => f.FailedAt).Select(f => f.CardExpiresOn).FirstOrDefault(d => d is not null);
            var concerns = new List<HealthConcern>();
            if (lastFailure is not null && (lastPaid is null || lastFailure.FailedAt > lastPaid))
                concerns.Add(HealthConcern.LastPaymentFailed);
            if (lastPaid is { } p && (now - p).TotalDays > settings.LapsedAfterDays)
                concerns.Add(HealthConcern.Lapsed);
            if (card is { } stops && stops.DayNumber - today.DayNumber <= settings.CardExpiresWithinDays)
                concerns.Add(HealthConcern.CardExpiresSoon);
            if (concerns.Count > 0 && codes.TryGetValue(id, out var code))
                rows.Add(new DonorHealth(code, lastPaid, lastFailure?.FailedAt, card, concerns));
        }

        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var firstCohort = thisMonth.AddMonths(-(Math.Clamp(settings.CohortMonths, 1, 36) - 1));
        var monthsGiven = paid.GroupBy(p => p.DonorId)
            .ToDictionary(g => g.Key, g => g.Select(x => MonthOf(x.GivenAt)).ToHashSet());
        var cohorts = monthsGiven
            .GroupBy(d => d.Value.Min())
            .Where(g => g.Key >= firstCohort)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var members = g.ToList();
                var span = (thisMonth.Year - g.Key.Year) * 12 + thisMonth.Month - g.Key.Month;
                return new Cohort(g.Key, members.Count, [.. Enumerable.Range(0, span + 1)
                    .Select(k => (double)members.Count(m => m.Value.Contains(g.Key.AddMonths(k))) / members.Count)]);
            })
            .ToList();
        return new HealthReport([.. rows.OrderBy(r => r.Concerns[0]).ThenBy(r => r.DonorCode, StringComparer.Ordinal)], cohorts, monthsGiven.Count);
    }

    private static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);
}
