using System.Globalization;

namespace Crossing.Core.Planning;

/// <summary>The semantic rules of the instance format; each failure names the item (window W3, group G7, income 2).</summary>
internal static class PlanningInstanceValidator
{
    /// <summary>Amounts are whole cents, so the solver's integer arithmetic is exact.</summary>
    public const int MoneyDecimals = 2;

    /// <summary>Weights are scaled by a power of ten to integers for CP-SAT; four places keep that exact.</summary>
    public const int WeightDecimals = 4;

    public const decimal MaxAmount = 1_000_000_000m;
    public const decimal MaxWeight = 1_000_000m;
    public const int MaxSize = 1_000;
    public const int MaxCapacity = 1_000_000;
    public const int MaxIdLength = 64;

    public static void Validate(PlanningInstance instance)
    {
        Amount(instance.CashAvailable, "cash.available");
        for (var i = 0; i < instance.Income.Count; i++)
            Amount(instance.Income[i].Amount, $"cash.income[{i}] ({instance.Income[i].Date:yyyy-MM-dd}) amount");

        var knownRoutes = new HashSet<string>(StringComparer.Ordinal);
        if (instance.Routes is { } routes)
        {
            foreach (var route in routes)
            {
                Id(route.Id, "route");
                if (!knownRoutes.Add(route.Id))
                    throw new PlanningInstanceException($"route {route.Id}: duplicated id.");
            }
        }

        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in instance.Groups)
        {
            Id(group.Id, "group");
            if (!groupIds.Add(group.Id))
                throw new PlanningInstanceException($"group {group.Id}: duplicated id.");
            if (group.Size is < 1 or > MaxSize)
                throw new PlanningInstanceException($"group {group.Id}: size {group.Size} must be between 1 and {MaxSize}.");
            if (group.Weight < 0)
                throw new PlanningInstanceException($"group {group.Id}: weight {Show(group.Weight)} is negative.");
            if (group.Weight > MaxWeight || Decimals(group.Weight) > WeightDecimals)
                throw new PlanningInstanceException($"group {group.Id}: weight {Show(group.Weight)} must be at most {MaxWeight} with at most {WeightDecimals} decimal places.");
            if (group.Deadline is { } deadline && deadline < instance.Start)
                throw new PlanningInstanceException($"group {group.Id}: deadline {deadline:yyyy-MM-dd} is before the plan's start {instance.Start:yyyy-MM-dd}.");
            foreach (var route in group.Routes)
            {
                Id(route, $"group {group.Id}: route");
                if (instance.Routes is not null && !knownRoutes.Contains(route))
                    throw new PlanningInstanceException($"group {group.Id}: route {route} is not in the instance's routes.");
            }
        }
        if (instance.Routes is null)
            knownRoutes.UnionWith(instance.Groups.SelectMany(g => g.Routes));

        var windowIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var window in instance.Windows)
        {
            Id(window.Id, "window");
            if (!windowIds.Add(window.Id))
                throw new PlanningInstanceException($"window {window.Id}: duplicated id.");
            if (!knownRoutes.Contains(window.Route))
                throw new PlanningInstanceException(instance.Routes is null
                    ? $"window {window.Id}: route {window.Route} is unknown (no group lists it and the instance has no routes list)."
                    : $"window {window.Id}: route {window.Route} is not in the instance's routes.");
            if (window.Capacity < 0)
                throw new PlanningInstanceException($"window {window.Id}: capacity {window.Capacity} is negative.");
            if (window.Capacity > MaxCapacity)
                throw new PlanningInstanceException($"window {window.Id}: capacity {window.Capacity} is above {MaxCapacity}.");
            Amount(window.MedianCost, $"window {window.Id}: cost.median");
            Amount(window.P80Cost, $"window {window.Id}: cost.p80");
        }
    }

    private static void Amount(decimal amount, string item)
    {
        if (amount < 0)
            throw new PlanningInstanceException($"{item} {Show(amount)} is negative.");
        if (amount > MaxAmount || Decimals(amount) > MoneyDecimals)
            throw new PlanningInstanceException($"{item} {Show(amount)} must be at most {MaxAmount} with at most {MoneyDecimals} decimal places (cents).");
    }

    private static void Id(string id, string what)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || id.Any(char.IsControl))
            throw new PlanningInstanceException($"{what}: id '{Truncate(id)}' must be 1 to {MaxIdLength} printable characters.");
    }

    private static string Truncate(string? id) => id is null ? "" : id.Length > MaxIdLength ? id[..MaxIdLength] + "…" : id;

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Significant decimal places (2.50 has one).</summary>
    internal static int Decimals(decimal value) => (value / 1.000000000000000000000000000000000m).Scale;
}
