using Crossing.Core.Funding;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Funding;

/// <summary>One donor: contact details, communication preferences and receipt language (editable) and giving history.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DonorModel(CallerAccessor callers, FinanceQueries queries) : FinancePage(callers)
{
    public DonorRow Donor { get; private set; } = null!;

    public IReadOnlyList<GiftRow> Gifts { get; private set; } = [];

    [BindProperty]
    public bool EmailUpdates { get; set; }

    [BindProperty]
    public bool PostalMail { get; set; }

    [BindProperty]
    public bool Introductions { get; set; }

    public bool Saved { get; private set; }

    /// <summary>The language just saved ("en" or "ko"), for the confirmation.</summary>
    public string? LanguageSaved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null || !await queries.SetPreferencesAsync(caller, code.ToUpperInvariant(), EmailUpdates, PostalMail, Introductions, ct))
            return NotFound();
        return RedirectToPage(new { code = code.ToUpperInvariant(), saved = 1 });
    }

    /// <summary>Sets the language of the donor's receipts and statements; an unknown donor or language is a 404 like any other.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(string code, string? language, CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null || language is not ("en" or "ko") || !await queries.SetLanguageAsync(caller, code.ToUpperInvariant(), language, ct))
            return NotFound();
        return RedirectToPage(new { code = code.ToUpperInvariant(), language });
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null || !Core.Security.Access.PseudonymousCode.IsWellFormed(code.ToUpperInvariant(), 'D'))
            return false;
        var found = await queries.DonorsAsync(caller, code, ct);
        if (found.Count != 1)
            return false;
        Donor = found[0];
        EmailUpdates = Donor.EmailUpdates;
        PostalMail = Donor.PostalMail;
        Introductions = Donor.ThankYouIntroductions;
        Saved = Request.Query.ContainsKey("saved");
        LanguageSaved = Request.Query["language"].ToString() is "en" or "ko" ? Request.Query["language"].ToString() : null;
        Gifts = await queries.GiftsAsync(caller, new GiftSearch(Donor.Code), ct);
        return true;
    }
}
