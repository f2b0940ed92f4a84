using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Cases;

/// <summary>The waiting list: family groups by urgency and deadline, in the caller's compartments only.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(CallerAccessor callers, CaseRegistry registry) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Compartment { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<WaitingGroup> Groups { get; private set; } = [];

    public IReadOnlyList<string> Alerts { get; private set; } = [];

    /// <summary>The caller's own compartments, offered as the filter's choices.</summary>
    public IReadOnlyList<string> Compartments { get; private set; } = [];

    /// <summary>Shared by the list and its print view: the print view shows codes only.</summary>
    internal static async Task<IReadOnlyList<WaitingGroup>?> LoadAsync(StaffCaller caller, CaseRegistry registry, string? compartment, string? status, bool withReasons, CancellationToken ct)
    {
        if (!caller.Has(Permission.ViewCases))
            return null;
        CaseStatus? wanted = CaseVocabulary.TryParseStatus(status, out var parsed) ? parsed : null;
        var filter = new CaseFilter(string.IsNullOrWhiteSpace(compartment) ? null : compartment.Trim().ToLowerInvariant(), wanted);
        return await registry.WaitingListAsync(caller, filter, withReasons, ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        var groups = await LoadAsync(caller, registry, Compartment, Status, withReasons: true, ct);
        if (groups is null)
            return NotFound();
        Groups = groups;
        Compartments = await registry.VisibleCompartmentNamesAsync(caller, ct);
        Alerts = [.. (await registry.OpenDuplicateAlertsAsync(caller, ct)).Select(a => a.CaseCode)];
        return Page();
    }
}
