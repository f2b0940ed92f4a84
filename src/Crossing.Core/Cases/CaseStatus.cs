namespace Crossing.Core.Cases;

/// <summary>Where a person is, from first contact to years after resettlement.</summary>
public enum CaseStatus
{
    Contacted,
    Waiting,
    Travelling,
    Arrived,
    Resettling,
    Closed,
}

/// <summary>Recorded as an identity field (sealed): with a compartment and a birth year it narrows people down.</summary>
public enum Sex
{
    Female,
    Male,
    Unstated,
}

public static class CaseVocabulary
{
    /// <summary>Statuses of people still waiting to travel: the waiting list shows these.</summary>
    public static readonly IReadOnlySet<CaseStatus> StillWaiting = new HashSet<CaseStatus> { CaseStatus.Contacted, CaseStatus.Waiting };

    public static string StatusProblem => CaseProblem.Text(CaseProblem.Status, string.Join(", ", Enum.GetValues<CaseStatus>().Select(s => s.Slug())));

    public static string Slug(this CaseStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseStatus(string? text, out CaseStatus status)
    {
        foreach (var s in Enum.GetValues<CaseStatus>())
        {
            if (string.Equals(s.Slug(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }

    public static string Letter(this Sex sex) => sex switch
    {
        Sex.Female => "F",
        Sex.Male => "M",
        _ => "X",
    };

    public static bool TryParseSex(string? text, out Sex sex)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "F" or "FEMALE" or "여" or "여성":
                sex = Sex.Female;
                return true;
            case "M" or "MALE" or "남" or "남성":
                sex = Sex.Male;
                return true;
            case "X" or "" or null or "UNSTATED":
                sex = Sex.Unstated;
                return true;
            default:
                sex = Sex.Unstated;
                return false;
        }
    }
}
