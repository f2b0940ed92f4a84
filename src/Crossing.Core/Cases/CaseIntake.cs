using System.Globalization;

namespace Crossing.Core.Cases;

/// <summary>A field a person must correct, named as the form or JSON names it.</summary>
public sealed class CaseInputException(IReadOnlyList<(string Field, string Problem)> problems)
    : Exception("The case input is not valid: " + string.Join(", ", problems.Select(p => p.Field)))
{
    public CaseInputException(string field, string problem)
        : this([(field, problem)])
    {
    }

    public IReadOnlyList<(string Field, string Problem)> Problems { get; } = problems;
}

/// <summary>The caller may not write in that compartment (or it does not exist: the two are not told apart).</summary>
public sealed class CaseAccessDeniedException() : Exception("You do not hold that compartment.");

/// <summary>A validated intake, ready to record.</summary>
public sealed record CaseIntake(
    string Compartment,
    CaseIdentity Identity,
    CaseStatus Status,
    string? FamilyGroupCode,
    UrgencyFactors Urgency,
    DateOnly? WaitingSince);

/// <summary>
/// Intake as typed: the one request model for the intake form and <c>POST /api/cases</c> (strings and numbers as a
/// person or a program sends them). <see cref="Validate"/> turns it into a <see cref="CaseIntake"/> or names every
/// field to correct.
/// </summary>
public sealed record CaseIntakeInput
{
    public string? Compartment { get; set; }
    public string? FullName { get; set; }
    public string? BirthDate { get; set; }
    public string? Sex { get; set; }
    public string? Hometown { get; set; }
    public string? Location { get; set; }
    public string? Contact { get; set; }
    public string? Notes { get; set; }
    public string? Status { get; set; }
    public string? FamilyGroup { get; set; }
    public string? WaitingSince { get; set; }
    public int? PregnancyWeeks { get; set; }
    public string? PregnancyWeeksOn { get; set; }
    public string? Illness { get; set; }
    public string? IllnessTreatmentBy { get; set; }
    public bool ViolenceAtHome { get; set; }
    public bool Confined { get; set; }
    public string? ArrestRisk { get; set; }
    public int? DependentChildren { get; set; }

    public CaseIntake Validate(DateOnly today)
    {
        var problems = new List<(string, string)>();

        if (string.IsNullOrWhiteSpace(Compartment))
            problems.Add(("compartment", CaseProblem.Text(CaseProblem.Compartment)));

        BirthDate? birth = null;
        if (!string.IsNullOrWhiteSpace(BirthDate))
        {
            birth = Cases.BirthDate.Parse(BirthDate, today, out var birthProblem);
            if (birthProblem is not null)
                problems.Add(("birthDate", birthProblem));
        }
        if (!CaseVocabulary.TryParseSex(Sex, out var sex))
            problems.Add(("sex", CaseProblem.Text(CaseProblem.Sex)));

        var status = CaseStatus.Waiting;
        if (!string.IsNullOrWhiteSpace(Status) && !CaseVocabulary.TryParseStatus(Status, out status))
            problems.Add(("status", CaseVocabulary.StatusProblem));

        string? group = null;
        if (!string.IsNullOrWhiteSpace(FamilyGroup))
        {
            group = FamilyGroup.Trim().ToUpperInvariant();
            if (!Security.Access.PseudonymousCode.IsWellFormed(group, 'G'))
                problems.Add(("familyGroup", CaseProblem.Text(CaseProblem.FamilyGroup)));
        }

        var waitingSince = OptionalDate(WaitingSince, "waitingSince", problems);
        if (waitingSince is { } w && (w > today || w < today.AddYears(-30)))
            problems.Add(("waitingSince", CaseProblem.Text(CaseProblem.WaitingSince)));

        var identity = new CaseIdentity(
            FullName?.Trim() ?? "",
            birth,
            sex,
            CaseIdentity.Clean(Hometown),
            CaseIdentity.Clean(Location),
            CaseIdentity.Clean(Contact),
            CaseIdentity.Clean(Notes));
        problems.AddRange(identity.Problems());

        var urgency = Urgency(today, problems);
        if (problems.Count > 0)
            throw new CaseInputException(problems);
        return new CaseIntake(Compartment!.Trim().ToLowerInvariant(), identity, status, group, urgency, waitingSince);
    }

    private UrgencyFactors Urgency(DateOnly today, List<(string, string)> problems)
    {
        Pregnancy? pregnancy = null;
        var weeksOn = OptionalDate(PregnancyWeeksOn, "pregnancyWeeksOn", problems);
        if (PregnancyWeeks is { } weeks)
            pregnancy = new Pregnancy(weeks, weeksOn ?? today);
        else if (weeksOn is not null)
            problems.Add(("pregnancyWeeks", CaseProblem.Text(CaseProblem.PregnancyWeeksMissing)));

        Illness? illness = null;
        var treatmentBy = OptionalDate(IllnessTreatmentBy, "illnessTreatmentBy", problems);
        if (!string.IsNullOrWhiteSpace(Illness))
        {
            if (Enum.TryParse<IllnessSeverity>(Illness.Trim(), ignoreCase: true, out var severity) && Enum.IsDefined(severity))
                illness = new Illness(severity, treatmentBy);
            else
                problems.Add(("illness", CaseProblem.Text(CaseProblem.IllnessSeverity)));
        }
        else if (treatmentBy is not null)
        {
            problems.Add(("illness", CaseProblem.Text(CaseProblem.IllnessMissing)));
        }

        var arrest = Cases.ArrestRisk.None;
        if (!string.IsNullOrWhiteSpace(ArrestRisk) && !(Enum.TryParse(ArrestRisk.Trim(), ignoreCase: true, out arrest) && Enum.IsDefined(arrest)))
            problems.Add(("arrestRisk", CaseProblem.Text(CaseProblem.ArrestRisk)));

        var factors = new UrgencyFactors(pregnancy, illness, ViolenceAtHome, Confined, arrest, DependentChildren ?? 0);
        problems.AddRange(factors.Problems(today));
        return factors;
    }

    private static DateOnly? OptionalDate(string? text, string field, List<(string, string)> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (TypedText.Normalised(text) is { } normalised && DateOnly.TryParseExact(normalised, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        problems.Add((field, CaseProblem.Text(CaseProblem.DateFormat)));
        return null;
    }

    public override string ToString() => "[case intake]";
}
