using Crossing.Core.Planning;

namespace Crossing.Tests.Planning;

/// <summary>
/// An independent reading of the planner's rules, written from the issue and the format document, not from the model:
/// it works on the instance as given (decimal money, dates, ids) and shares no code with the solver.
/// </summary>
public static class PlanChecker
{
    /// <summary>Every rule a plan breaks, in words; empty when the plan is feasible.</summary>
    public static List<string> Violations(PlanningInstance instance, IEnumerable<(string Group, string Window)> assignments)
    {
        var problems = new List<string>();
        var groups = instance.Groups.ToDictionary(g => g.Id);
        var windows = instance.Windows.ToDictionary(w => w.Id);
        var closedRoutes = instance.Routes?.Where(r => r.Status != PlanRouteStatus.Open).Select(r => r.Id).ToHashSet() ?? [];
        var seen = new HashSet<string>();
        var chosen = new List<(WaitingGroup Group, TravelWindowOption Window)>();
        foreach (var (groupId, windowId) in assignments)
        {
            if (!groups.TryGetValue(groupId, out var group))
            {
                problems.Add($"unknown group {groupId}");
                continue;
            }
            if (!windows.TryGetValue(windowId, out var window))
            {
                problems.Add($"unknown window {windowId}");
                continue;
            }
            if (!seen.Add(groupId))
                problems.Add($"group {groupId} has more than one window");
            if (!group.Routes.Contains(window.Route))
                problems.Add($"group {groupId} cannot reach route {window.Route} of window {windowId}");
            if (closedRoutes.Contains(window.Route))
                problems.Add($"window {windowId} is on closed route {window.Route}");
            if (window.Date < instance.Start)
                problems.Add($"window {windowId} is before the start");
            if (group.Deadline is { } deadline && window.Date > deadline)
                problems.Add($"window {windowId} is after group {groupId}'s deadline");
            chosen.Add((group, window));
        }
        foreach (var window in chosen.GroupBy(c => c.Window))
        {
            var people = window.Sum(c => c.Group.Size);
            if (people > window.Key.Capacity)
                problems.Add($"window {window.Key.Id} holds {people} people, capacity {window.Key.Capacity}");
        }
        foreach (var date in chosen.Select(c => c.Window.Date).Distinct())
        {
            var spent = chosen.Where(c => c.Window.Date <= date).Sum(c => c.Group.Size * PerPerson(instance, c.Window));
            var available = instance.CashAvailable + instance.Income.Where(i => i.Date <= date).Sum(i => i.Amount);
            if (spent > available)
                problems.Add($"by {date:yyyy-MM-dd} the plan spends {spent} of {available}");
        }
        return problems;
    }

    public static decimal Objective(PlanningInstance instance, IEnumerable<string> travellingGroups)
    {
        var groups = instance.Groups.ToDictionary(g => g.Id);
        return travellingGroups.Sum(g => groups[g].Weight * groups[g].Size);
    }

    public static decimal PerPerson(PlanningInstance instance, TravelWindowOption window) =>
        instance.CostBasis == CostBasis.Median ? window.MedianCost : window.P80Cost;

    /// <summary>The best objective over every assignment of every group to a window or none (small instances only).</summary>
    public static decimal BruteForceOptimum(PlanningInstance instance)
    {
        var groups = instance.Groups;
        var closedRoutes = instance.Routes?.Where(r => r.Status != PlanRouteStatus.Open).Select(r => r.Id).ToHashSet() ?? [];
        var options = groups.Select(g => instance.Windows
            .Where(w => g.Routes.Contains(w.Route) && !closedRoutes.Contains(w.Route) && w.Date >= instance.Start && (g.Deadline is not { } d || w.Date <= d) && w.Capacity >= g.Size)
            .ToArray()).ToArray();
        var people = instance.Windows.ToDictionary(w => w.Id, _ => 0);
        var chosen = new List<(WaitingGroup Group, TravelWindowOption Window)>();
        var best = 0m;

        void Search(int index, decimal value)
        {
            if (index == groups.Count)
            {
                if (value > best && CashHolds(instance, chosen))
                    best = value;
                return;
            }
            var remaining = groups.Skip(index).Sum(g => g.Weight * g.Size);
            if (value + remaining <= best)
                return;
            var group = groups[index];
            foreach (var window in options[index])
            {
                if (people[window.Id] + group.Size > window.Capacity)
                    continue;
                people[window.Id] += group.Size;
                chosen.Add((group, window));
                if (CashHolds(instance, chosen))
                    Search(index + 1, value + group.Weight * group.Size);
                chosen.RemoveAt(chosen.Count - 1);
                people[window.Id] -= group.Size;
            }
            Search(index + 1, value);
        }

        Search(0, 0m);
        return best;
    }

    private static bool CashHolds(PlanningInstance instance, List<(WaitingGroup Group, TravelWindowOption Window)> chosen)
    {
        foreach (var (_, window) in chosen)
        {
            var date = window.Date;
            var spent = chosen.Where(c => c.Window.Date <= date).Sum(c => c.Group.Size * PerPerson(instance, c.Window));
            if (spent > instance.CashAvailable + instance.Income.Where(i => i.Date <= date).Sum(i => i.Amount))
                return false;
        }
        return true;
    }
}
