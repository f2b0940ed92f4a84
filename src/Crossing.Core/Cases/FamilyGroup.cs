using Crossing.Core.Security.Access;

namespace Crossing.Core.Cases;

/// <summary>
/// People who must travel together (a mother and her son). The planner moves a group as one unit; a person
/// travelling alone is a group of one. Its urgency is its most urgent member's, its deadline the earliest.
/// </summary>
public sealed class FamilyGroup : ICompartmented
{
    private FamilyGroup()
    {
        Code = "";
    }

    public FamilyGroupId Id { get; private set; }
    public string Code { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal static FamilyGroup Start(string code, CompartmentId compartment, DateTimeOffset now)
    {
        if (!PseudonymousCode.IsWellFormed(code, 'G'))
            throw new ArgumentException("A family group code looks like G-7K3Q.", nameof(code));
        return new FamilyGroup { Id = FamilyGroupId.New(), Code = code, CompartmentId = compartment, CreatedAt = now };
    }
}

/// <summary>
/// "Someone recorded a person who may already be this case": raised when a likely duplicate sits in a
/// compartment the recording coordinator may not see. Shown to the field managers of that compartment.
/// </summary>
public sealed class DuplicateAlert : ICompartmented
{
    private DuplicateAlert()
    {
        RaisedBy = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The compartment of the existing case: only people who may see it see the alert.</summary>
    public CompartmentId CompartmentId { get; private set; }

    public CaseId ExistingCaseId { get; private set; }

    /// <summary>The staff code of the person whose intake matched (never their name).</summary>
    public string RaisedBy { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    internal static DuplicateAlert Raise(Case existing, string raisedBy, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CompartmentId = existing.CompartmentId,
        ExistingCaseId = existing.Id,
        RaisedBy = raisedBy,
        RaisedAt = now,
    };

    public void Resolve(DateTimeOffset now) => ResolvedAt ??= now;
}
