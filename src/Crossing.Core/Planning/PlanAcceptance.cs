using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;

namespace Crossing.Core.Planning;

/// <summary>What accepting a plan did: the journeys created, the groups that were already on a journey, and the windows refused.</summary>
public sealed record PlanAcceptanceResult(string PlanId, IReadOnlyList<string> Journeys, IReadOnlyList<string> AlreadyPlanned, IReadOnlyList<RefusedWindow> Refused);

/// <summary>A window whose journey could not be created (the window filled up, a route closed since the plan was made), with what to do.</summary>
public sealed record RefusedWindow(string Window, IReadOnlyList<string> Groups, string Problem);

/// <summary>
/// Accepting a plan creates one journey per window with the groups the plan puts in it, through
/// <see cref="JourneyLog.PlanAsync"/> (which re-checks route, window, capacity and compartment as for a journey planned
/// by hand). Idempotent: a group already on a journey that is not handed over is left alone, so accepting the same plan
/// twice creates nothing new. Each acceptance is audited as <c>plan.accept</c> with the plan's id (a digest of the
/// instance and the assignments) and the counts.
/// </summary>
public sealed class PlanAcceptance(JourneyLog journeys, IAuditLog audit)
{
    public async Task<PlanAcceptanceResult> AcceptAsync(StaffCaller caller, PlanningInstance instance, IReadOnlyList<PlanAssignment> assignments, CancellationToken ct = default)
    {
        if (!caller.Has(Permission.ManagePlan))
            throw new PlanningAccessDeniedException();
        var planId = PlanId(instance, assignments);
        var planned = (await journeys.BoardAsync(caller, ct)).SelectMany(j => j.Groups).ToHashSet(StringComparer.Ordinal);
        var windows = instance.Windows.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var created = new List<string>();
        var already = new List<string>();
        var refused = new List<RefusedWindow>();
        foreach (var byWindow in assignments.GroupBy(a => a.Window, StringComparer.Ordinal).OrderBy(g => windows[g.Key].Date).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var groups = byWindow.Select(a => a.Group).Order(StringComparer.Ordinal).ToList();
            already.AddRange(groups.Where(planned.Contains));
            groups.RemoveAll(planned.Contains);
            if (groups.Count == 0)
                continue;
            try
            {
                var journey = await journeys.PlanAsync(caller, new JourneyInput { Route = windows[byWindow.Key].Route, Window = byWindow.Key, Groups = groups }, ct);
                created.Add(journey.Code);
            }
            catch (JourneyInputException e)
            {
                refused.Add(new RefusedWindow(byWindow.Key, groups, string.Join(" ", e.Problems.Select(p => p.Problem))));
            }
        }
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "plan.accept", planId,
            string.Create(CultureInfo.InvariantCulture, $"{created.Count} journeys created, {already.Count} groups already planned, {refused.Count} windows refused")), ct);
        return new PlanAcceptanceResult(planId, created, already, refused);
    }

    /// <summary>P- and 16 hex digits of SHA-256 over the instance file and the sorted assignments: the same plan has the same id.</summary>
    public static string PlanId(PlanningInstance instance, IReadOnlyList<PlanAssignment> assignments)
    {
        var text = new StringBuilder(PlanningInstanceJson.Write(instance));
        foreach (var a in assignments.OrderBy(a => a.Group, StringComparer.Ordinal))
            text.Append('\n').Append(a.Group).Append('>').Append(a.Window);
        return "P-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
