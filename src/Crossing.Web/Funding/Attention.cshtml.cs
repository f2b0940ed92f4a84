using Crossing.Core.Funding;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Funding;

/// <summary>
/// What needs a person (issue 10 item 5): gifts whose fund, currency or donor waits for a decision, each with the
/// actions that decide it (posted through the ledger and audited by <see cref="GiftDecisions"/>), then the refunds,
/// disputes and processor events that need attention.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AttentionModel(CallerAccessor callers, GiftDecisions decisions, FinanceQueries queries) : FinancePage(callers)
{
    public IReadOnlyList<GiftDecisionRow> Gifts { get; private set; } = [];
    public IReadOnlyList<AttentionItem> Others { get; private set; } = [];
    public IReadOnlyList<string> Funds { get; private set; } = [];
    public IReadOnlyList<string> Currencies { get; } = [.. Currency.All.Select(c => c.Code).Order(StringComparer.Ordinal)];

    /// <summary>The outcome of the decision just made (shown once after the redirect).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Gift { get; set; }

    public bool DoneIsSuccess => Done is nameof(DecisionOutcome.Posted) or nameof(DecisionOutcome.Recorded) or nameof(DecisionOutcome.StillNeedsAttention);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        if (!Enum.TryParse<DecisionOutcome>(Done, out _))
            Done = null;
        Gifts = await decisions.PendingAsync(caller, ct);
        Funds = await decisions.FundsAsync(ct);
        var gifts = Gifts.Select(g => g.Reference).ToHashSet(StringComparer.Ordinal);
        Others = [.. (await queries.NeedsAttentionAsync(caller, ct)).Where(a => !(a.Kind == "gift" && gifts.Contains(a.Reference)))];
        return Page();
    }

    public Task<IActionResult> OnPostFundAsync(string reference, string? fund, CancellationToken ct) =>
        DecideAsync(reference, (caller, c) => decisions.ChooseFundAsync(caller, reference, fund ?? "", c), ct);

    public Task<IActionResult> OnPostCurrencyAsync(string reference, string? currency, CancellationToken ct) =>
        DecideAsync(reference, (caller, c) => decisions.ChooseCurrencyAsync(caller, reference, currency ?? "", c), ct);

    public Task<IActionResult> OnPostDonorAsync(string reference, string? donor, CancellationToken ct) =>
        DecideAsync(reference, (caller, c) => decisions.ChooseDonorAsync(caller, reference, donor ?? "", c), ct);

    public Task<IActionResult> OnPostReturnedAsync(string reference, CancellationToken ct) =>
        DecideAsync(reference, (caller, c) => decisions.MarkReturnedAsync(caller, reference, c), ct);

    private async Task<IActionResult> DecideAsync(string reference, Func<Core.Security.Access.StaffCaller, CancellationToken, Task<DecisionResult>> decide, CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        var result = await decide(caller, ct);
        return RedirectToPage(new { done = result.Outcome.ToString(), gift = reference });
    }
}
