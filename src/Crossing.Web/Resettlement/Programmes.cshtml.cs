using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Resettlement;

/// <summary>Programmes and events: the catalogue (counts only, never who) and, for staff who may change cases, a form to add one.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ProgrammesModel(CallerAccessor callers, ProgrammeBook book, Text<ResettlementText> l) : PageModel
{
    public static IReadOnlyList<string> Kinds { get; } = [.. Enum.GetValues<ProgrammeKind>().Select(k => k.Slug())];

    public IReadOnlyList<ProgrammeView> Programmes { get; private set; } = [];

    public bool CanCreate { get; private set; }

    [BindProperty]
    public ProgrammeForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewCases))
            return NotFound();
        await LoadAsync(caller, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.EditCases))
            return NotFound();
        try
        {
            var created = await book.CreateAsync(caller, new ProgrammeRequest(Form.Kind, Form.Title, Form.StartsOn, Form.EndsOn, Form.Capacity), ct);
            return Redirect($"/resettlement/programmes/{created.Id}?done=created");
        }
        catch (ResettlementInputException e)
        {
            ProgrammeErrors.Add(ModelState, l, e, "create", "Form.");
        }
        await LoadAsync(caller, ct);
        return Page();
    }

    private async Task LoadAsync(StaffCaller caller, CancellationToken ct)
    {
        Programmes = await book.ListAsync(caller, ct);
        CanCreate = caller.Has(Permission.EditCases);
    }

    public sealed class ProgrammeForm
    {
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public int? Capacity { get; set; }
    }
}

/// <summary>Refusals shown on the programme pages in the reader's language: one sentence per field named by the exception.</summary>
internal static class ProgrammeErrors
{
    public static void Add(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, Text<ResettlementText> l, ResettlementInputException e, string action, string prefix = "")
    {
        foreach (var field in e.Problems.Select(p => p.Field).Distinct())
            state.AddModelError(prefix + char.ToUpperInvariant(field[0]) + field[1..], l[$"Programmes.Error.{action}.{field}"]);
    }
}
