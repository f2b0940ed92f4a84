using Crossing.Core.Cases;
using Crossing.Core.Security.Access;

namespace Crossing.Core.Resettlement;

public enum ReunificationDecision
{
    Open,
    Confirmed,
    Dismissed,
}

/// <summary>
/// A sought relative may be a person known to the organisation. Names only the two case codes, the relation and
/// a score. It straddles two compartments, so it is deliberately not <see cref="ICompartmented"/> (the automatic
/// filter knows one compartment per row): <see cref="FamilyLinks"/> filters it explicitly on
/// <see cref="SeekerCompartmentId"/> (resettlement staff) and <see cref="CandidateCompartmentId"/> (field managers).
/// </summary>
public sealed class ReunificationAlert
{
    private ReunificationAlert()
    {
        SeekerCode = CandidateCode = Relation = "";
    }

    public Guid Id { get; private set; }
    public RelativeId RelativeId { get; private set; }
    public string SeekerCode { get; private set; }
    public CompartmentId SeekerCompartmentId { get; private set; }
    public CaseId CandidateCaseId { get; private set; }
    public string CandidateCode { get; private set; }
    public CompartmentId CandidateCompartmentId { get; private set; }
    public string Relation { get; private set; }
    public double Score { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public ReunificationDecision Decision { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The staff code of who decided (never a name).</summary>
    public string? DecidedBy { get; private set; }

    internal static ReunificationAlert Raise(Relative sought, Case candidate, double score, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        RelativeId = sought.Id,
        SeekerCode = sought.SeekerCode,
        SeekerCompartmentId = sought.CompartmentId,
        CandidateCaseId = candidate.Id,
        CandidateCode = candidate.Code,
        CandidateCompartmentId = candidate.CompartmentId,
        Relation = sought.Relation,
        Score = Math.Round(score, 2),
        RaisedAt = now,
        Decision = ReunificationDecision.Open,
    };

    /// <summary>Records the decision once; a decided alert stays as decided.</summary>
    public bool Decide(ReunificationDecision decision, string staffCode, DateTimeOffset now)
    {
        if (decision == ReunificationDecision.Open)
            throw new ArgumentException("A decision confirms or dismisses.", nameof(decision));
        if (Decision != ReunificationDecision.Open)
            return false;
        Decision = decision;
        DecidedBy = staffCode;
        DecidedAt = now;
        return true;
    }
}
