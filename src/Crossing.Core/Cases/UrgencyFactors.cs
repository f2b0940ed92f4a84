using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crossing.Core.Cases;

public enum IllnessSeverity
{
    None,
    Moderate,
    Serious,
    Critical,
}

public enum ArrestRisk
{
    None,
    Elevated,
    High,
}

public sealed record Pregnancy(int Weeks, DateOnly On);

public sealed record Illness(IllnessSeverity Severity, DateOnly? TreatmentBy);

/// <summary>
/// What makes a person's wait dangerous. Health and violence are sensitive data: the whole set is sealed in the
/// vault (field "urgency"); only the points and the deadline that follow from it are stored in clear, for sorting.
/// </summary>
public sealed record UrgencyFactors(
    Pregnancy? Pregnancy = null,
    Illness? Illness = null,
    bool ViolenceAtHome = false,
    bool Confined = false,
    ArrestRisk ArrestRisk = ArrestRisk.None,
    int DependentChildren = 0)
{
    public const int MaxPregnancyWeeks = 42;
    public const int MaxDependentChildren = 20;

    public static readonly UrgencyFactors None = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Checks the factors as typed; returns (field, reason) pairs for anything out of range.</summary>
    public IEnumerable<(string Field, string Problem)> Problems(DateOnly today)
    {
        if (Pregnancy is { } p)
        {
            if (p.Weeks is < 1 or > MaxPregnancyWeeks)
                yield return ("pregnancyWeeks", CaseProblem.Text(CaseProblem.PregnancyWeeksRange, MaxPregnancyWeeks));
            if (p.On > today)
                yield return ("pregnancyWeeksOn", CaseProblem.Text(CaseProblem.PregnancyCountedInFuture));
            if (p.On < today.AddYears(-1))
                yield return ("pregnancyWeeksOn", CaseProblem.Text(CaseProblem.PregnancyCountedLongAgo));
        }
        if (Illness is { } i)
        {
            if (i.Severity == IllnessSeverity.None && i.TreatmentBy is not null)
                yield return ("illness", CaseProblem.Text(CaseProblem.IllnessNoneWithDate));
            if (i.TreatmentBy is { } by && (by < today.AddYears(-1) || by > today.AddYears(5)))
                yield return ("illnessTreatmentBy", CaseProblem.Text(CaseProblem.TreatmentDateRange));
        }
        if (DependentChildren is < 0 or > MaxDependentChildren)
            yield return ("dependentChildren", CaseProblem.Text(CaseProblem.DependentChildren, MaxDependentChildren));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static UrgencyFactors FromJson(string json) =>
        JsonSerializer.Deserialize<UrgencyFactors>(json, Json) ?? None;
}
