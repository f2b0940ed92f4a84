using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Cases;

/// <summary>
/// One person known to the organisation. Everything that identifies them is sealed under the case's own data
/// key; in clear are only the code, compartment, status, family group and the sortable result of triage.
/// </summary>
public sealed class Case : ICompartmented
{
    public const string EntityType = "case";

    public static class Fields
    {
        public const string FullName = "fullName";
        public const string BirthDate = "birthDate";
        public const string Sex = "sex";
        public const string Hometown = "hometown";
        public const string Location = "location";
        public const string Contact = "contact";
        public const string Notes = "notes";
        public const string Urgency = "urgency";
    }

    private Case()
    {
        Code = "";
        FullName = Urgency = Sex = null!;
    }

    public CaseId Id { get; private set; }
    public string Code { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public FamilyGroupId FamilyGroupId { get; private set; }
    public CaseStatus Status { get; private set; }

    public SealedValue FullName { get; private set; }
    public SealedValue? BirthDate { get; private set; }
    public SealedValue Sex { get; private set; }
    public SealedValue? Hometown { get; private set; }
    public SealedValue? Location { get; private set; }
    public SealedValue? Contact { get; private set; }
    public SealedValue? Notes { get; private set; }

    /// <summary>The urgency factors (health, violence, arrest risk, children) as sealed JSON.</summary>
    public SealedValue Urgency { get; private set; }

    /// <summary>Triage points from the sealed factors, in clear so lists sort without decrypting.</summary>
    public int UrgencyPoints { get; private set; }

    /// <summary>The travel deadline that follows from the factors (a pregnancy's limit, a treatment date), if any.</summary>
    public DateOnly? TravelDeadline { get; private set; }

    public DateOnly WaitingSince { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Records a new case. The key must be the one the vault created for <paramref name="id"/>.</summary>
    internal static Case Record(
        CaseId id, string code, CompartmentId compartment, FamilyGroup group, CaseStatus status,
        CaseIdentity identity, UrgencyFactors urgency, TriageAssessment triage, DateOnly waitingSince,
        RecordKey key, DateTimeOffset now)
    {
        if (key.EntityType != EntityType || key.RecordId != id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        if (group.CompartmentId != compartment)
            throw new ArgumentException("A family group travels within one compartment.", nameof(group));
        if (!PseudonymousCode.IsWellFormed(code, 'C'))
            throw new ArgumentException("A case code looks like C-7K3Q.", nameof(code));
        var c = new Case
        {
            Id = id,
            Code = code,
            CompartmentId = compartment,
            FamilyGroupId = group.Id,
            Status = status,
            WaitingSince = waitingSince,
            CreatedAt = now,
            UpdatedAt = now,
        };
        c.SealIdentity(identity, key);
        c.Reassess(urgency, triage, key, now);
        return c;
    }

    public CaseIdentity OpenIdentity(OpenedRecord key)
    {
        EnsureOwnKey(key);
        CaseVocabulary.TryParseSex(key.Open(Fields.Sex, Sex), out var sex);
        var birth = key.OpenOptional(Fields.BirthDate, BirthDate);
        return new CaseIdentity(
            key.Open(Fields.FullName, FullName),
            birth is null ? null : Cases.BirthDate.FromStored(birth),
            sex,
            key.OpenOptional(Fields.Hometown, Hometown),
            key.OpenOptional(Fields.Location, Location),
            key.OpenOptional(Fields.Contact, Contact),
            key.OpenOptional(Fields.Notes, Notes));
    }

    public UrgencyFactors OpenUrgency(OpenedRecord key)
    {
        EnsureOwnKey(key);
        return UrgencyFactors.FromJson(key.Open(Fields.Urgency, Urgency));
    }

    public void Reassess(UrgencyFactors urgency, TriageAssessment triage, RecordKey key, DateTimeOffset now)
    {
        EnsureOwnKey(key);
        Urgency = key.Seal(Fields.Urgency, urgency.ToJson());
        UrgencyPoints = triage.FactorPoints;
        TravelDeadline = triage.Deadline;
        UpdatedAt = now;
    }

    public void ChangeStatus(CaseStatus status, DateTimeOffset now)
    {
        if (status == Status)
            return;
        Status = status;
        UpdatedAt = now;
    }

    public void MoveToGroup(FamilyGroup group, DateTimeOffset now)
    {
        if (group.CompartmentId != CompartmentId)
            throw new ArgumentException("A family group travels within one compartment.", nameof(group));
        FamilyGroupId = group.Id;
        UpdatedAt = now;
    }

    private void SealIdentity(CaseIdentity identity, RecordKey key)
    {
        FullName = key.Seal(Fields.FullName, identity.FullName);
        BirthDate = key.SealOptional(Fields.BirthDate, identity.BirthDate?.ToString());
        Sex = key.Seal(Fields.Sex, identity.Sex.Letter());
        Hometown = key.SealOptional(Fields.Hometown, identity.Hometown);
        Location = key.SealOptional(Fields.Location, identity.Location);
        Contact = key.SealOptional(Fields.Contact, identity.Contact);
        Notes = key.SealOptional(Fields.Notes, identity.Notes);
    }

    private void EnsureOwnKey(RecordKey key) => EnsureOwn(key.EntityType, key.RecordId);

    private void EnsureOwnKey(OpenedRecord key) => EnsureOwn(key.EntityType, key.RecordId);

    private void EnsureOwn(string entityType, string recordId)
    {
        if (entityType != EntityType || recordId != Id.RecordId)
            throw new ArgumentException("The record key belongs to another record.");
    }
}
