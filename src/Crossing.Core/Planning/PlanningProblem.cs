namespace Crossing.Core.Planning;

/// <summary>
/// An instance in the solvers' terms: indexed, money in cents, weights scaled to integers, and each group's usable
/// windows listed. Groups with the same size and the same usable windows are interchangeable except for their weight;
/// they form a <see cref="GroupClass"/>, and in some optimal plan the heaviest members of a class are the ones that
/// travel (swap any travelling member for a heavier waiting one: same people, cost and windows). The solvers decide
/// how many of each class travel in each window, which shrinks the models by the number of look-alike groups.
/// </summary>
internal sealed class PlanningProblem
{
    public PlanningProblem(PlanningInstance instance)
    {
        Instance = instance;
        var groups = instance.Groups;
        var windows = instance.Windows;
        GroupCount = groups.Count;
        WindowCount = windows.Count;

        var weightDecimals = groups.Count == 0 ? 0 : groups.Max(g => PlanningInstanceValidator.Decimals(g.Weight));
        WeightScale = Pow10(weightDecimals);
        Size = [.. groups.Select(g => g.Size)];
        Value = [.. groups.Select(g => (long)(g.Weight * WeightScale) * g.Size)];

        var closedRoutes = new HashSet<string>(instance.Routes?.Where(r => r.Status != PlanRouteStatus.Open).Select(r => r.Id) ?? [], StringComparer.Ordinal);
        Capacity = [.. windows.Select(w => w.Capacity)];
        PerPersonCost = [.. windows.Select(w => Cents(instance.PerPersonCost(w)))];
        Usable = [.. windows.Select(w => w.Date >= instance.Start && !closedRoutes.Contains(w.Route))];

        Dates = [.. windows.Where((_, i) => Usable[i]).Select(w => w.Date).Distinct().Order()];
        DateIndex = [.. windows.Select((w, i) => Usable[i] ? System.Array.BinarySearch(Dates, w.Date) : -1)];
        CashBy = new long[Dates.Length];
        var income = instance.Income.OrderBy(i => i.Date).ToArray();
        long cash = Cents(instance.CashAvailable);
        var next = 0;
        for (var d = 0; d < Dates.Length; d++)
        {
            while (next < income.Length && income[next].Date <= Dates[d])
                cash += Cents(income[next++].Amount);
            CashBy[d] = cash;
        }

        var windowsByRoute = windows.Select((w, i) => (w, i)).Where(x => Usable[x.i]).ToLookup(x => x.w.Route, x => x.i, StringComparer.Ordinal);
        Eligible = new int[GroupCount][];
        for (var g = 0; g < GroupCount; g++)
        {
            var group = groups[g];
            Eligible[g] = [.. group.Routes.SelectMany(r => windowsByRoute[r])
                .Where(w => (group.Deadline is not { } deadline || windows[w].Date <= deadline) && Capacity[w] >= group.Size)
                .Distinct()
                .OrderBy(w => windows[w].Date).ThenBy(w => w)];
        }

        classes = new Lazy<GroupClass[]>(BuildClasses);
    }

    /// <summary>
    /// The part of a plan a large-neighbourhood step re-decides: only <paramref name="free"/> groups, with the capacity and
    /// cash the other groups of <paramref name="plan"/> leave. Solving it and putting the fixed groups back is a plan of the parent.
    /// </summary>
    private PlanningProblem(PlanningProblem parent, int[] free, int[] plan)
    {
        Instance = parent.Instance;
        ParentGroup = free;
        GroupCount = free.Length;
        WindowCount = parent.WindowCount;
        WeightScale = parent.WeightScale;
        Size = [.. free.Select(g => parent.Size[g])];
        Value = [.. free.Select(g => parent.Value[g])];
        PerPersonCost = parent.PerPersonCost;
        Usable = parent.Usable;
        Dates = parent.Dates;
        DateIndex = parent.DateIndex;

        var isFree = new bool[parent.GroupCount];
        foreach (var g in free)
            isFree[g] = true;
        Capacity = (int[])parent.Capacity.Clone();
        var spentAt = new long[Dates.Length];
        for (var g = 0; g < parent.GroupCount; g++)
        {
            if (isFree[g] || plan[g] < 0)
                continue;
            Capacity[plan[g]] -= parent.Size[g];
            spentAt[DateIndex[plan[g]]] += parent.Cost(g, plan[g]);
        }
        // The free groups' spending by each date must fit beside the fixed groups' spending by that date.
        CashBy = new long[Dates.Length];
        long fixedBy = 0;
        for (var d = 0; d < Dates.Length; d++)
        {
            fixedBy += spentAt[d];
            CashBy[d] = parent.CashBy[d] - fixedBy;
        }
        Eligible = [.. free.Select(g => parent.Eligible[g].Where(w => Capacity[w] >= parent.Size[g]).ToArray())];
        classes = new Lazy<GroupClass[]>(BuildClasses);
    }

    /// <summary>The sub-problem of <paramref name="free"/> groups around the rest of <paramref name="plan"/>.</summary>
    public PlanningProblem Around(int[] free, int[] plan) => new(this, free, plan);

    /// <summary>For a sub-problem, each of its groups' index in the parent; null for the whole instance.</summary>
    public int[]? ParentGroup { get; }

    private GroupClass[] BuildClasses()
    {
        var classes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var g = 0; g < GroupCount; g++)
        {
            if (Eligible[g].Length == 0)
                continue;
            var key = Size[g] + ":" + string.Join(',', Eligible[g]);
            if (!classes.TryGetValue(key, out var members))
                classes[key] = members = [];
            members.Add(g);
        }
        return [.. classes.Values.Select(m => new GroupClass(Size[m[0]], Eligible[m[0]], [.. m.OrderByDescending(g => Value[g]).ThenBy(g => g)]))];
    }

    public PlanningInstance Instance { get; }
    public int GroupCount { get; }
    public int WindowCount { get; }

    /// <summary>Weights are multiplied by this to make them integers (10^decimal places).</summary>
    public long WeightScale { get; }

    public int[] Size { get; }

    /// <summary>Weight × size × <see cref="WeightScale"/>: what a group adds to the objective when it travels.</summary>
    public long[] Value { get; }

    public int[] Capacity { get; }
    public long[] PerPersonCost { get; }

    /// <summary>Dated on or after the start, on a route that is open.</summary>
    public bool[] Usable { get; }

    /// <summary>The distinct dates of usable windows, ascending: the dates at which cash flow is checked.</summary>
    public DateOnly[] Dates { get; }

    /// <summary>For each window, its index in <see cref="Dates"/>, or -1 when not usable.</summary>
    public int[] DateIndex { get; }

    /// <summary>Cents available by each of <see cref="Dates"/>: cash at the start plus income dated on or before it.</summary>
    public long[] CashBy { get; }

    /// <summary>For each group, the usable windows it may take (route, deadline, the window can hold it at all), by date.</summary>
    public int[][] Eligible { get; }

    /// <summary>Built on first use: checking a plan against an instance needs no classes.</summary>
    public GroupClass[] Classes => classes.Value;

    private readonly Lazy<GroupClass[]> classes;

    public long Cost(int group, int window) => PerPersonCost[window] * Size[group];

    public long Objective(int[] windowOf)
    {
        long total = 0;
        for (var g = 0; g < GroupCount; g++)
            if (windowOf[g] >= 0)
                total += Value[g];
        return total;
    }

    public decimal Unscale(long value) => (decimal)value / WeightScale;

    public static long Cents(decimal amount) => (long)(amount * 100m);

    private static long Pow10(int n)
    {
        long p = 1;
        for (var i = 0; i < n; i++)
            p *= 10;
        return p;
    }
}

/// <summary>Groups of one size with the same usable windows, heaviest first.</summary>
internal sealed record GroupClass(int Size, int[] Windows, int[] Members);
