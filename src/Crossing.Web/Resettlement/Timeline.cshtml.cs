using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Resettlement;

/// <summary>
/// A person's timeline after arrival: services, follow-ups and contact attempts (codes and vocabulary only), and for
/// staff who may change the case, forms to start resettlement, log a service and record a contact attempt, each
/// confirmed after a redirect and refused field by field in the reader's language.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TimelineModel(CallerAccessor callers, ResettlementLog log, Text<ResettlementText> l) : PageModel
{
    private static readonly HashSet<string> Confirmations = ["started", "service", "contact"];

    public static IReadOnlyList<string> ServiceKinds { get; } = [.. Enum.GetValues<ServiceKind>().Select(k => k.Slug())];
    public static IReadOnlyList<string> ServiceStatuses { get; } = [.. Enum.GetValues<ServiceStatus>().Select(k => k.Slug())];
    public static IReadOnlyList<string> ServiceOutcomes { get; } = [.. Enum.GetValues<ServiceOutcome>().Select(k => k.Slug())];
    public static IReadOnlyList<string> Channels { get; } = [.. Enum.GetValues<ContactChannel>().Select(k => k.Slug())];

    public string Code { get; private set; } = "";

    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];

    public bool CanChange { get; private set; }

    public bool Started => Entries.Any(e => e.Kind == "follow-up");

    public string Today => log.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public string? Confirmation => Done is not null && Confirmations.Contains(Done) ? Done : null;

    [BindProperty]
    public ServiceForm Service { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        return await LoadAsync(caller, code, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostStartAsync(string code, string? arrivedOn, CancellationToken ct) =>
        ChangeAsync(code, "start", async caller => await log.StartAsync(caller, code, arrivedOn, null, ct) is not null, "started", ct);

    public Task<IActionResult> OnPostServiceAsync(string code, CancellationToken ct) =>
        ChangeAsync(code, "service", async caller => await log.LogServiceAsync(caller, code,
            new ServiceRequest(Service.Kind, Service.Status, Service.Responsible, Service.StartedOn, Service.EndedOn, Service.Outcome), ct) is not null, "service", ct);

    public Task<IActionResult> OnPostContactAsync(string code, string? channel, bool reached, CancellationToken ct) =>
        ChangeAsync(code, "contact", async caller => await log.LogContactAsync(caller, code, channel, reached, ct) is not null, "contact", ct);

    private async Task<IActionResult> ChangeAsync(string code, string action, Func<StaffCaller, Task<bool>> change, string done, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        try
        {
            if (!await change(caller))
                return NotFound();
            return Redirect($"/resettlement/{Uri.EscapeDataString(code.Trim().ToUpperInvariant())}?done={done}");
        }
        catch (ResettlementInputException e)
        {
            foreach (var field in e.Problems.Select(p => p.Field).Distinct())
                ModelState.AddModelError(action == "service" ? "Service." + char.ToUpperInvariant(field[0]) + field[1..] : field, l[$"Timeline.Error.{action}.{field}"]);
        }
        return await LoadAsync(caller, code, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(StaffCaller caller, string code, CancellationToken ct)
    {
        var entries = await log.TimelineAsync(caller, code, ct);
        if (entries is null)
            return false;
        Code = code.Trim().ToUpperInvariant();
        Entries = entries;
        CanChange = caller.Has(Permission.EditCases);
        return true;
    }

    public sealed class ServiceForm
    {
        public string? Kind { get; set; }
        public string? Status { get; set; }
        public string? Responsible { get; set; }
        public string? StartedOn { get; set; }
        public string? EndedOn { get; set; }
        public string? Outcome { get; set; }
    }
}
