using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Cases;

/// <summary>
/// One case. Identity stays hidden (readable over a shoulder otherwise) until the person asks for it with the
/// "Show identity" form: only that request opens the sealed fields, and each such read is an audit event. The
/// status changes on the page, like <c>POST /api/cases/{code}/status</c>.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(CallerAccessor callers, CaseRegistry registry) : PageModel
{
    public CaseSummary Summary { get; private set; } = null!;

    public CaseIdentity? Identity { get; private set; }

    /// <summary>The caller holds the identity permission, so the page offers "Show identity".</summary>
    public bool MayShowIdentity { get; private set; }

    public bool MayChangeStatus { get; private set; }

    /// <summary>Set by intake when the new case may duplicate one in a compartment the recorder cannot see.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Elsewhere { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) =>
        await LoadAsync(code, showIdentity: false, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIdentityAsync(string code, CancellationToken ct) =>
        await LoadAsync(code, showIdentity: true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStatusAsync(string code, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (await registry.FindAsync(caller, code, ct) is not { } found)
            return NotFound();
        if (!CaseVocabulary.TryParseStatus(Status, out var status) || !await registry.ChangeStatusAsync(caller, found.Code, status, ct))
            return await LoadAsync(code, showIdentity: false, ct) ? Page() : NotFound();
        return Redirect($"/cases/{found.Code}?done=status");
    }

    private async Task<bool> LoadAsync(string code, bool showIdentity, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        var found = await registry.FindAsync(caller, code, ct);
        if (found is null)
            return false;
        Summary = (await registry.SummaryAsync(caller, found.Code, ct))!;
        MayShowIdentity = caller.Has(Permission.ReadIdentity);
        MayChangeStatus = caller.Has(Permission.EditCases);
        if (showIdentity)
            Identity = await registry.ReadIdentityAsync(caller, found, ct);
        return true;
    }
}
