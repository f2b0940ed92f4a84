using System.Globalization;
using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Resettlement;

public readonly record struct RelativeId(Guid Value)
{
    public static RelativeId New() => new(Guid.NewGuid());

    /// <summary>The id as the vault and the blind indexes know it.</summary>
    public string RecordId => Value.ToString("N");
}

/// <summary>
/// Someone a person hopes to find. Name, birth year and last known place are sealed under the relative's own data
/// key; in clear are only the seeker's case, its compartment (the relative lives where the seeker lives) and the
/// relation, which alerts name.
/// </summary>
public sealed class Relative : ICompartmented
{
    public const string EntityType = "relative";

    public static class Fields
    {
        public const string FullName = "fullName";
        public const string BirthYear = "birthYear";
        public const string LastKnownPlace = "lastKnownPlace";
    }

    private Relative()
    {
        SeekerCode = Relation = "";
        FullName = null!;
    }

    public RelativeId Id { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public CaseId SeekerCaseId { get; private set; }
    public string SeekerCode { get; private set; }
    public string Relation { get; private set; }
    public SealedValue FullName { get; private set; }
    public SealedValue? BirthYear { get; private set; }
    public SealedValue? LastKnownPlace { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    internal static Relative Record(RelativeId id, Case seeker, RelativeInput input, RecordKey key, string recordedBy, DateTimeOffset now)
    {
        if (key.EntityType != EntityType || key.RecordId != id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        return new Relative
        {
            Id = id,
            CompartmentId = seeker.CompartmentId,
            SeekerCaseId = seeker.Id,
            SeekerCode = seeker.Code,
            Relation = input.Relation,
            FullName = key.Seal(Fields.FullName, input.FullName),
            BirthYear = key.SealOptional(Fields.BirthYear, input.BirthYear?.ToString(CultureInfo.InvariantCulture)),
            LastKnownPlace = key.SealOptional(Fields.LastKnownPlace, input.LastKnownPlace),
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
    }
}

/// <summary>A validated relative, ready to record.</summary>
public sealed record RelativeInput(string FullName, string Relation, int? BirthYear, string? LastKnownPlace)
{
    public override string ToString() => "[relative]";
}

/// <summary>A relative's details were refused; each problem names its field and never quotes the value.</summary>
public sealed class ResettlementInputException(IReadOnlyList<(string Field, string Problem)> problems)
    : Exception("The input is not valid: " + string.Join(", ", problems.Select(p => p.Field)))
{
    public ResettlementInputException(string field, string problem)
        : this([(field, problem)])
    {
    }

    public IReadOnlyList<(string Field, string Problem)> Problems { get; } = problems;
}

public static class Relations
{
    public static IReadOnlyList<string> All { get; } =
    [
        "mother", "father", "sister", "brother", "daughter", "son", "wife", "husband",
        "grandmother", "grandfather", "granddaughter", "grandson", "aunt", "uncle", "niece", "nephew", "cousin", "other",
    ];

    public static string Problem => ResettlementProblem.Text["Relation", string.Join(", ", All)];

    public static bool TryParse(string? text, out string relation)
    {
        relation = (text ?? "").Trim().ToLowerInvariant();
        return All.Contains(relation);
    }
}
