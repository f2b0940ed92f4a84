using Crossing.Core.Funding;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Funding;

/// <summary>Gifts, newest first, searchable by donor (code or e-mail), date range and channel.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class GiftsModel(CallerAccessor callers, FinanceQueries queries) : FinancePage(callers)
{
    public static readonly IReadOnlyList<string> Channels = [StripeEvents.CheckoutChannel, StripeEvents.SubscriptionChannel, StripeEvents.InvoiceChannel];

    [BindProperty(SupportsGet = true)]
    public string? Donor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    public IReadOnlyList<GiftRow> Gifts { get; private set; } = [];

    public bool BadDates { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        var from = ParseDay(From);
        var to = ParseDay(To);
        BadDates = (!string.IsNullOrWhiteSpace(From) && from is null) || (!string.IsNullOrWhiteSpace(To) && to is null);
        var channel = Channels.Contains(Channel ?? "") ? Channel : null;
        Gifts = await queries.GiftsAsync(caller, new GiftSearch(Donor, from, to, channel), ct);
        return Page();
    }
}
