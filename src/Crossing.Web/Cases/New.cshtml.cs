using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Crossing.Web.Shell;

namespace Crossing.Web.Cases;

/// <summary>
/// Intake. Before saving, the name is matched against the cases the coordinator may see: a likely duplicate asks
/// for confirmation. Cases elsewhere are compared only once the case is recorded; then the case page says that the
/// field managers of both compartments were alerted, and nothing more.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class NewModel(CallerAccessor callers, CaseRegistry registry, CaseMatcher matcher, TimeProvider time, Text<CaseText> l) : PageModel
{
    [BindProperty]
    public CaseIntakeInput Form { get; set; } = new();

    /// <summary>Set once the person recording has seen the duplicate warning and chosen to record anyway.</summary>
    [BindProperty]
    public bool ConfirmedNotDuplicate { get; set; }

    public MatchResult? Duplicates { get; private set; }

    public IReadOnlyList<string> Compartments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.EditCases))
            return NotFound();
        await LoadCompartmentsAsync(caller, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.EditCases))
            return NotFound();
        await LoadCompartmentsAsync(caller, ct);
        try
        {
            var intake = Form.Validate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            if (!ConfirmedNotDuplicate)
            {
                var result = await matcher.MatchAsync(caller, intake.Identity.FullName, intake.Identity.BirthDate, ct: ct);
                if (result.AnyLikely)
                {
                    Duplicates = result;
                    // The hidden field renders the posted value unless model state forgets it; without this
                    // "Record anyway" would post False again and a likely duplicate could never be recorded.
                    ModelState.Remove(nameof(ConfirmedNotDuplicate));
                    ConfirmedNotDuplicate = true;
                    return Page();
                }
            }
            var recorded = await registry.RecordAsync(caller, intake, ct);
            return Redirect(recorded.PossibleDuplicateElsewhere ? $"/cases/{recorded.Code}?done=recorded&elsewhere=1" : $"/cases/{recorded.Code}?done=recorded");
        }
        catch (CaseInputException e)
        {
            foreach (var (field, problem) in e.Problems)
                ModelState.AddModelError("Form." + char.ToUpperInvariant(field[0]) + field[1..], problem);
        }
        catch (CaseAccessDeniedException)
        {
            ModelState.AddModelError("Form.Compartment", l["Cases.New.NotAllowed"]);
        }
        return Page();
    }

    private async Task LoadCompartmentsAsync(StaffCaller caller, CancellationToken ct) =>
        Compartments = await registry.CompartmentNamesAsync(caller, ct);
}
