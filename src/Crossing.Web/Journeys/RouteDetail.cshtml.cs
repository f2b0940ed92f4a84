using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Journeys;

/// <summary>
/// One route: its status with history and a form to change it (reason required); its partners and safe houses by
/// code, each with an audited "Show identity" and the compromise action, whose result (every affected route,
/// window, journey and family group) is shown at once on this page; and the calendar of its windows, where an
/// estimate is given by hand with a reason. A route of another compartment is the same 404 as an unknown one.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class RouteDetailModel(CallerAccessor callers, RouteNetwork network) : PageModel
{
    /// <summary>The confirmations a redirect may ask for with <c>?done=</c>.</summary>
    private static readonly HashSet<string> Confirmations = ["status", "estimate"];

    public RouteView Route { get; private set; } = null!;

    public IReadOnlyList<RouteMemberView> Members { get; private set; } = [];

    public IReadOnlyList<WindowView> Windows { get; private set; } = [];

    public bool MayShowIdentity { get; private set; }

    /// <summary>The code whose identity this response shows (after "Show identity"), with its fields.</summary>
    public string? IdentityOf { get; private set; }

    public PartnerIdentity? Partner { get; private set; }

    public SafeHouseIdentity? House { get; private set; }

    /// <summary>What a compromise just touched, shown on this screen at once.</summary>
    public CompromiseResult? Compromise { get; private set; }

    /// <summary>The message of a refused post (field and why).</summary>
    public string? Problem { get; private set; }

    /// <summary>The window whose estimate form was refused, so it stays open.</summary>
    public string? ProblemWindow { get; private set; }

    public string? Done { get; private set; }

    /// <summary>The code a compromise was asked for without ticking "I am sure": nothing was changed.</summary>
    public string? NotSure { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? done, CancellationToken ct)
    {
        Done = done is not null && Confirmations.Contains(done) ? done : null;
        return await LoadAsync(await callers.RequireAsync(ct), code, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostStatusAsync(string code, string? status, string? reason, CancellationToken ct) =>
        ActAsync(code, "status", null, caller => network.ChangeRouteStatusAsync(caller, code, new RouteStatusInput { Status = status, Reason = reason }, ct), ct);

    public Task<IActionResult> OnPostEstimateAsync(string code, string window, decimal? median, decimal? p80, string? reason, CancellationToken ct) =>
        ActAsync(code, "estimate", window, caller => network.GiveEstimateAsync(caller, code, window, new EstimateInput { MedianPerPerson = median, P80PerPerson = p80, Reason = reason }, ct), ct);

    public async Task<IActionResult> OnPostIdentityAsync(string code, string member, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!await LoadAsync(caller, code, ct) || !MayShowIdentity || Members.FirstOrDefault(m => m.Code == member) is not { } found)
            return NotFound();
        IdentityOf = found.Code;
        if (found.IsPartner)
            Partner = await network.FindPartnerAsync(caller, found.Code, ct) is { } p ? await network.ReadIdentityAsync(caller, p, ct) : null;
        else
            House = await network.FindSafeHouseAsync(caller, found.Code, ct) is { } h ? await network.ReadIdentityAsync(caller, h, ct) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCompromiseAsync(string code, string member, bool sure, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!await LoadAsync(caller, code, ct) || Members.FirstOrDefault(m => m.Code == member) is not { } found)
            return NotFound();
        if (!sure)
        {
            NotSure = found.Code;
            return Page();
        }
        Compromise = found.IsPartner ? await network.CompromisePartnerAsync(caller, found.Code, ct) : await network.CompromiseSafeHouseAsync(caller, found.Code, ct);
        if (Compromise is null)
            return NotFound();
        await LoadAsync(caller, code, ct);
        return Page();
    }

    private async Task<IActionResult> ActAsync<T>(string code, string done, string? window, Func<StaffCaller, Task<T?>> action, CancellationToken ct) where T : class
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewRoutes) || await network.FindRouteAsync(caller, code, ct) is not { } route)
            return NotFound();
        try
        {
            if (await action(caller) is null)
                return NotFound();
        }
        catch (JourneyInputException e)
        {
            Problem = string.Join(" ", e.Problems.Select(p => p.Problem));
            ProblemWindow = window;
            return await LoadAsync(caller, code, ct) ? Page() : NotFound();
        }
        return Redirect($"/journeys/routes/{route.Code}?done={done}");
    }

    private async Task<bool> LoadAsync(StaffCaller caller, string code, CancellationToken ct)
    {
        if (!caller.Has(Permission.ViewRoutes) || await network.RouteAsync(caller, code, ct) is not { } route)
            return false;
        Route = route;
        Members = (await network.MembersAsync(caller, route.Code, ct))!;
        Windows = (await network.WindowsAsync(caller, route.Code, ct))!;
        MayShowIdentity = caller.Has(Permission.ReadIdentity);
        return true;
    }
}
