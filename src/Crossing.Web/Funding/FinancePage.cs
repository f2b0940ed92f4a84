using System.Globalization;
using Crossing.Core.Funding;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Funding;

/// <summary>What every finance page shares: the caller, checked for the finance permission (others get the plain 404).</summary>
public abstract class FinancePage(CallerAccessor callers) : PageModel
{
    protected async Task<StaffCaller?> FinanceCallerAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        return caller.Has(Permission.ViewFinance) ? caller : null;
    }

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string Amounts(IEnumerable<Money> amounts)
    {
        var list = amounts.Select(m => $"{m.Format()} {m.Currency.Code}").ToList();
        return list.Count == 0 ? "—" : string.Join(" · ", list);
    }
}
