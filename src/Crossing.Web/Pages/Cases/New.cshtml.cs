using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Crossing.Web.Pages.Cases;

/// <summary>
/// Intake. Before saving, the name is matched against existing cases: a likely duplicate asks for confirmation.
/// A duplicate in a compartment the coordinator may not see is only mentioned, never shown.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class NewModel(CallerAccessor callers, CaseRegistry registry, CaseMatcher matcher, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class IntakeForm
    {
        public string? Compartment { get; set; }
        public string? FullName { get; set; }
        public string? BirthDate { get; set; }
        public string? Sex { get; set; }
        public string? Hometown { get; set; }
        public string? Location { get; set; }
        public string? Contact { get; set; }
        public string? Notes { get; set; }
        public string? FamilyGroup { get; set; }
        public string? WaitingSince { get; set; }
        public int? PregnancyWeeks { get; set; }
        public string? PregnancyWeeksOn { get; set; }
        public string? Illness { get; set; }
        public string? IllnessTreatmentBy { get; set; }
        public bool ViolenceAtHome { get; set; }
        public bool Confined { get; set; }
        public string? ArrestRisk { get; set; }
        public int? DependentChildren { get; set; }

        /// <summary>Set once the person recording has seen the duplicate warning and chosen to record anyway.</summary>
        public bool ConfirmedNotDuplicate { get; set; }

        public CaseIntakeInput ToInput() => new()
        {
            Compartment = Compartment, FullName = FullName, BirthDate = BirthDate, Sex = Sex, Hometown = Hometown, Location = Location, Contact = Contact,
            Notes = Notes, FamilyGroup = FamilyGroup, WaitingSince = WaitingSince, PregnancyWeeks = PregnancyWeeks, PregnancyWeeksOn = PregnancyWeeksOn,
            Illness = Illness, IllnessTreatmentBy = IllnessTreatmentBy, ViolenceAtHome = ViolenceAtHome, Confined = Confined, ArrestRisk = ArrestRisk,
            DependentChildren = DependentChildren,
        };

        public override string ToString() => "[intake form]";
    }

    [BindProperty]
    public IntakeForm Form { get; set; } = new();

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
            var intake = Form.ToInput().Validate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            if (!Form.ConfirmedNotDuplicate)
            {
                var result = await matcher.MatchAsync(caller, intake.Identity.FullName, intake.Identity.BirthDate, ct: ct);
                if (result.AnyLikely)
                {
                    Duplicates = result;
                    // The hidden field renders the posted value unless model state forgets it; without this
                    // "Record anyway" would post False again and a likely duplicate could never be recorded.
                    ModelState.Remove("Form.ConfirmedNotDuplicate");
                    Form.ConfirmedNotDuplicate = true;
                    return Page();
                }
            }
            var record = await registry.RecordAsync(caller, intake, ct);
            return Redirect($"/cases/{record.Code}");
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
