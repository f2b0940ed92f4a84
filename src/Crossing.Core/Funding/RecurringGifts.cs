using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

/// <summary>Money a fund can expect on a date: the sum of the monthly gifts due that day.</summary>
public sealed record ExpectedIncome(DateOnly Date, Money Amount);

/// <summary>
/// Expected income from monthly donors, for the rescue planner's cash flow. A donor counts as active when their last
/// posted recurring gift to the fund, in the currency, is at most <see cref="ActiveWithinDays"/> days old; they are
/// expected to give the same amount again on the same day of each following month. Cancelled subscriptions are not
/// seen here (Stripe tells us only about payments), which is why a donor who stopped drops out after one missed month.
/// </summary>
public sealed class RecurringGifts(CrossingDbContext db)
{
    public const int ActiveWithinDays = 45;

    /// <summary>Expected gifts dated from <paramref name="from"/> to <paramref name="to"/> (inclusive), summed per day, by date.</summary>
    public async Task<IReadOnlyList<ExpectedIncome>> ExpectedAsync(string fundId, Currency currency, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var since = new DateTimeOffset(from.AddDays(-ActiveWithinDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var gifts = await db.Set<Gift>().AsNoTracking()
            .Where(g => g.Kind == GiftKind.Recurring && g.Status == GiftStatus.Posted && g.FundId == fundId && g.CurrencyCode == currency.Code && g.DonorId != null)
            .Where(g => g.GivenAt >= since)
            .Select(g => new { g.DonorId, g.GivenAt, g.AmountMinor })
            .ToListAsync(ct);
        var expected = new SortedDictionary<DateOnly, long>();
        foreach (var last in gifts.GroupBy(g => g.DonorId).Select(d => d.MaxBy(g => g.GivenAt)!))
        {
            var day = DateOnly.FromDateTime(last.GivenAt.UtcDateTime);
            for (var month = 1; day.AddMonths(month) <= to; month++)
            {
                var due = day.AddMonths(month);
                if (due >= from)
                    expected[due] = expected.GetValueOrDefault(due) + last.AmountMinor;
            }
        }
        return [.. expected.Select(e => new ExpectedIncome(e.Key, new Money(e.Value, currency)))];
    }
}
