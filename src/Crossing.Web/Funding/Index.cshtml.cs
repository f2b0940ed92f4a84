using Crossing.Core.Funding;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Funding;

/// <summary>Finance overview: fund balances, the campaign in progress, income by month and channel, what needs attention.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(CallerAccessor callers, Ledger ledger, FinanceQueries queries, TimeProvider time) : FinancePage(callers)
{
    public const int ChartMonths = 12;

    public IReadOnlyList<FundBalance> Funds { get; private set; } = [];
    public IReadOnlyList<CampaignProgress> Campaigns { get; private set; } = [];
    public IReadOnlyList<MonthlyIncome> Income { get; private set; } = [];
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public IReadOnlyList<Currency> IncomeCurrencies { get; private set; } = [];
    public IReadOnlyList<AttentionItem> Attention { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-(ChartMonths - 1));
        Months = [.. Enumerable.Range(0, ChartMonths).Select(first.AddMonths)];
        Funds = await ledger.FundBalancesAsync(ct);
        Campaigns = await queries.CampaignsAsync(caller, Today, ct);
        Income = await queries.IncomeByMonthAsync(caller, first, Today, ct);
        IncomeCurrencies = [.. Income.Select(i => i.Gross.Currency).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal)];
        Attention = await queries.NeedsAttentionAsync(caller, ct);
        return Page();
    }
}
