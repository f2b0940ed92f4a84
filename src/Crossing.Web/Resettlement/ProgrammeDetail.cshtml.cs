using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Resettlement;

/// <summary>
/// One programme: its counts, the registrations of people in the caller's compartments (never anyone else's), and
/// forms to register, record attendance and withdraw, each confirmed after a redirect.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ProgrammeDetailModel(CallerAccessor callers, ProgrammeBook book, Text<ResettlementText> l) : PageModel
{
    private static readonly HashSet<string> Confirmations = ["created", "registered", "waiting", "attended", "withdrawn"];

    public ProgrammeView? Programme { get; private set; }

    public IReadOnlyList<RegistrationView> Registrations { get; private set; } = [];

    public bool CanChange { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Position { get; set; }

    /// <summary>A fixed confirmation, shown only with a well-formed case code (the query is not trusted to say anything else).</summary>
    public string? Confirmation => Done is not null && Confirmations.Contains(Done) && (Done == "created" || PseudonymousCode.IsWellFormed(Who ?? "", 'C')) ? Done : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        return await LoadAsync(caller, id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostRegisterAsync(Guid id, string? code, CancellationToken ct) =>
        ChangeAsync(id, "register", async caller =>
        {
            if (string.IsNullOrWhiteSpace(code))
                throw new ResettlementInputException("code", ResettlementProblem.Text["CaseMissing"]);
            return await book.RegisterAsync(caller, id, code, ct) is { } outcome
                ? $"?done={outcome.Status}&who={outcome.Case}{(outcome.WaitingPosition is { } n ? "&position=" + n : "")}"
                : null;
        }, ct);

    public Task<IActionResult> OnPostAttendAsync(Guid id, string? code, CancellationToken ct) =>
        ChangeAsync(id, "attend", async caller => await book.RecordAttendanceAsync(caller, id, code ?? "", null, ct) is { } r ? $"?done=attended&who={r.Case}" : null, ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, string? code, CancellationToken ct) =>
        ChangeAsync(id, "withdraw", async caller => await book.WithdrawAsync(caller, id, code ?? "", ct) is { } r ? $"?done=withdrawn&who={r.Case}" : null, ct);

    /// <summary>Runs one change: a redirect with its confirmation, the page again with the refusal in the reader's language, or 404.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, string action, Func<StaffCaller, Task<string?>> change, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.EditCases))
            return NotFound();
        try
        {
            return await change(caller) is { } query ? Redirect($"/resettlement/programmes/{id}{query}") : NotFound();
        }
        catch (ResettlementInputException e)
        {
            ProgrammeErrors.Add(ModelState, l, e, action);
        }
        return await LoadAsync(caller, id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(StaffCaller caller, Guid id, CancellationToken ct)
    {
        Programme = await book.FindAsync(caller, id, ct);
        if (Programme is null)
            return false;
        Registrations = await book.RegistrationsAsync(caller, id, ct) ?? [];
        CanChange = caller.Has(Permission.EditCases);
        return true;
    }
}
