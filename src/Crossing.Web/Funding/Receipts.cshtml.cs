using Crossing.Core.Funding;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Funding;

/// <summary>
/// Receipts: year-end statements sent for a year (and a button to send the missing ones), a gift receipt to send or
/// download as PDF, and what was sent. Sending is idempotent like `crossing receipts send`.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ReceiptsModel(CallerAccessor callers, Receipts receipts, TimeProvider time) : FinancePage(callers)
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Sent { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    public string? Problem { get; private set; }

    public int ShownYear { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public int Donors { get; private set; }
    public int WithStatement { get; private set; }
    public IReadOnlyList<ReceiptRow> Rows { get; private set; } = [];
    public IReadOnlyList<UnconfirmedReceipt> Unconfirmed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        await LoadAsync(caller, ct);
        return Page();
    }

    /// <summary>The receipt of one posted gift as PDF (not recorded as sent); an unknown gift is a 404 like any other.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string? reference, string? language, CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null || string.IsNullOrWhiteSpace(reference) || language is not (null or "" or "en" or "ko"))
            return NotFound();
        var pdf = await receipts.GiftReceiptPdfAsync(caller, reference, Language(language), ct);
        return pdf is { } found ? File(found.Pdf, "application/pdf", found.FileName) : NotFound();
    }

    public async Task<IActionResult> OnPostStatementsAsync(int year, string? language, CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        try
        {
            var run = await receipts.SendStatementsAsync(caller.AuditActor, year, null, Language(language), ct);
            return RedirectToPage(new { year, done = "statements", sent = run.Sent });
        }
        catch (ReceiptException)
        {
            Problem = "Finance.Receipts.Failed";
        }
        Year = year;
        await LoadAsync(caller, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostGiftAsync(string? reference, string? language, CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        try
        {
            var sent = await receipts.SendGiftReceiptAsync(caller.AuditActor, reference ?? "", Language(language), ct: ct);
            return RedirectToPage(new { year = Year, done = "gift", number = sent.Number });
        }
        catch (ReceiptUnconfirmedException)
        {
            Problem = "Finance.Receipts.GiftUnconfirmed";
        }
        catch (ReceiptException)
        {
            Problem = "Finance.Receipts.GiftRefused";
        }
        await LoadAsync(caller, ct);
        return Page();
    }

    /// <summary>Records an unconfirmed receipt as sent after a person checked the mail server's log; nothing is delivered.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? number, CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        if (!string.IsNullOrWhiteSpace(number) && await receipts.ConfirmSentAsync(caller.AuditActor, number, ct))
            return RedirectToPage(new { year = Year, done = "confirmed", number = number.Trim().ToUpperInvariant() });
        Problem = "Finance.Receipts.ConfirmRefused";
        await LoadAsync(caller, ct);
        return Page();
    }

    /// <summary>"en" or "ko" when chosen; null (each donor's own language) otherwise.</summary>
    private static string? Language(string? language) => language is "en" or "ko" ? language : null;

    private async Task LoadAsync(Core.Security.Access.StaffCaller caller, CancellationToken ct)
    {
        var thisYear = time.GetUtcNow().Year;
        Years = [.. Enumerable.Range(thisYear - 5, 6).Reverse()];
        ShownYear = Year is { } y && Years.Contains(y) ? y : thisYear - 1;
        (Donors, WithStatement) = await receipts.StatementProgressAsync(caller, ShownYear, ct);
        Rows = await receipts.SentAsync(caller, ShownYear, ct);
        Unconfirmed = await receipts.UnconfirmedAsync(caller, ct);
        if (Done is not ("statements" or "gift" or "confirmed"))
            Done = null;
    }
}
