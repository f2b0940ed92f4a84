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
/// "This case may be the same person as that one": raised after a case is recorded when a likely duplicate sits
/// in a compartment the recording person may not see. One alert per compartment involved, each naming both codes
/// (never a name), shown to the field managers holding that compartment.
/// </summary>
public sealed class DuplicateAlert : ICompartmented
{
    private DuplicateAlert()
    {
        RaisedBy = CaseCode = OtherCaseCode = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The compartment of <see cref="CaseCode"/>: only people who hold it see this alert.</summary>
    public CompartmentId CompartmentId { get; private set; }

    /// <summary>The case in this alert's compartment.</summary>
    public CaseId ExistingCaseId { get; private set; }

    public string CaseCode { get; private set; }

    /// <summary>The case it may duplicate, usually in another compartment: its code only.</summary>
    public string OtherCaseCode { get; private set; }

    /// <summary>The staff code of the person whose intake matched (never their name).</summary>
    public string RaisedBy { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    internal static DuplicateAlert Raise(Case inThisCompartment, string otherCaseCode, string raisedBy, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CompartmentId = inThisCompartment.CompartmentId,
        ExistingCaseId = inThisCompartment.Id,
        CaseCode = inThisCompartment.Code,
        OtherCaseCode = otherCaseCode,
        RaisedBy = raisedBy,
        RaisedAt = now,
    };

    public void Resolve(DateTimeOffset now) => ResolvedAt ??= now;
}
