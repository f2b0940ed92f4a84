using Crossing.Core.Cases;
using Crossing.Core.Security.Access;

namespace Crossing.Core.Resettlement;

public readonly record struct ProgrammeId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

public enum ProgrammeKind { Scholarship, Mentoring, Leadership, Summit }

public enum RegistrationStatus { Registered, Waiting, Withdrawn }

/// <summary>
/// A scholarship, mentoring circle, leadership programme or summit. The organisation's catalogue, not a person's
/// record, so it is not compartmented; it holds only counters (places taken, people waiting), never who. The
/// counters change under a concurrency token, so two registrations at once cannot both take the last place.
/// </summary>
public sealed class Programme
{
    public const int MaxCapacity = 10_000;
    public const int MaxTitleLength = 120;

    private Programme()
    {
        Title = CreatedBy = "";
    }

    public ProgrammeId Id { get; private set; }
    public ProgrammeKind Kind { get; private set; }
    public string Title { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public int Capacity { get; private set; }
    public int PlacesTaken { get; private set; }
    public int Waiting { get; private set; }

    /// <summary>The last number given to someone joining the waiting list: the list is served in this order.</summary>
    public long LastQueueNumber { get; private set; }

    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Changes with every counter change; a save that read an older version fails and is tried again.</summary>
    public Guid Version { get; private set; }

    public int PlacesLeft => Math.Max(0, Capacity - PlacesTaken);

    internal static Programme Create(ProgrammeKind kind, string title, DateOnly startsOn, DateOnly? endsOn, int capacity, string createdBy, DateTimeOffset now)
    {
        var problems = new List<(string, string)>();
        if (title.Length is < 3 or > MaxTitleLength || title.Any(char.IsControl))
            problems.Add(("title", ResettlementProblem.Text["Title", MaxTitleLength]));
        if (capacity is < 1 or > MaxCapacity)
            problems.Add(("capacity", ResettlementProblem.Text["Capacity", MaxCapacity]));
        if (endsOn is { } end && end < startsOn)
            problems.Add(("endsOn", ResettlementProblem.Text["EndBeforeStart"]));
        if (problems.Count > 0)
            throw new ResettlementInputException(problems);
        return new Programme
        {
            Id = new ProgrammeId(Guid.NewGuid()),
            Kind = kind,
            Title = title,
            StartsOn = startsOn,
            EndsOn = endsOn,
            Capacity = capacity,
            CreatedBy = createdBy,
            CreatedAt = now,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>Takes a place when one is left; otherwise puts the newcomer on the waiting list and returns their queue number.</summary>
    internal (RegistrationStatus Status, long QueueNumber) Admit()
    {
        Version = Guid.NewGuid();
        if (PlacesTaken < Capacity)
        {
            PlacesTaken++;
            return (RegistrationStatus.Registered, 0);
        }
        Waiting++;
        return (RegistrationStatus.Waiting, ++LastQueueNumber);
    }

    /// <summary>Someone left: a place frees up, or the waiting list is one shorter.</summary>
    internal void Release(RegistrationStatus leaving)
    {
        Version = Guid.NewGuid();
        if (leaving == RegistrationStatus.Registered)
            PlacesTaken--;
        else if (leaving == RegistrationStatus.Waiting)
            Waiting--;
    }

    /// <summary>The first person waiting takes the place that freed up.</summary>
    internal void Promote()
    {
        Version = Guid.NewGuid();
        Waiting--;
        PlacesTaken++;
    }
}

/// <summary>
/// One person's place (or place in the queue) in one programme. Compartmented like the case it belongs to: staff see
/// only registrations of people in their compartments, so no participant is ever shown another.
/// </summary>
public sealed class ProgrammeRegistration : ICompartmented
{
    private ProgrammeRegistration()
    {
        CaseCode = RecordedBy = "";
    }

    public Guid Id { get; private set; }
    public ProgrammeId ProgrammeId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public CaseId CaseId { get; private set; }
    public string CaseCode { get; private set; }
    public RegistrationStatus Status { get; private set; }

    /// <summary>Order on the waiting list (0 when never waiting).</summary>
    public long QueueNumber { get; private set; }

    public int Attended { get; private set; }
    public DateOnly? LastAttendedOn { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    internal static ProgrammeRegistration For(Programme programme, Case person, string recordedBy, DateTimeOffset now)
    {
        var (status, queue) = programme.Admit();
        return new ProgrammeRegistration
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programme.Id,
            CompartmentId = person.CompartmentId,
            CaseId = person.Id,
            CaseCode = person.Code,
            Status = status,
            QueueNumber = queue,
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
    }

    /// <summary>A withdrawn person registers again: they take a free place or join the end of the queue.</summary>
    internal void Rejoin(Programme programme, string recordedBy, DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Withdrawn)
            throw new ResettlementInputException("case", ResettlementProblem.Text[Status == RegistrationStatus.Waiting ? "AlreadyWaiting" : "AlreadyRegistered", CaseCode]);
        (Status, QueueNumber) = programme.Admit();
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    internal RegistrationStatus Withdraw()
    {
        if (Status == RegistrationStatus.Withdrawn)
            throw new ResettlementInputException("case", ResettlementProblem.Text["AlreadyWithdrawn", CaseCode]);
        var was = Status;
        Status = RegistrationStatus.Withdrawn;
        return was;
    }

    internal void PromoteFromWaitingList() => Status = RegistrationStatus.Registered;

    internal void RecordAttendance(DateOnly on)
    {
        if (Status != RegistrationStatus.Registered)
            throw new ResettlementInputException("case", ResettlementProblem.Text["NotRegistered", CaseCode]);
        if (LastAttendedOn == on)
            throw new ResettlementInputException("attendedOn", ResettlementProblem.Text["AlreadyAttended", CaseCode]);
        Attended++;
        LastAttendedOn = on;
    }
}
