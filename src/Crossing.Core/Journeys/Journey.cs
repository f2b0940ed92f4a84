using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Journeys;

public readonly record struct JourneyId(Guid Value)
{
    public static JourneyId New() => new(Guid.NewGuid());

    public string RecordId => Value.ToString("N");
}

public enum JourneyStatus
{
    Planned,
    UnderWay,
    Arrived,
    HandedOver,
}

public enum CheckInStatus
{
    Departed,
    Arrived,
    Delayed,
    Incident,
}

public enum IncidentKind
{
    Arrest,
    Illness,
    LostContact,
    PartnerNoShow,
}

public enum IncidentSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum NeedKind
{
    Food,
    Clothes,
    Sanitary,
    Medicine,
    Rest,
}

/// <summary>
/// Family groups moving along a route in a window, leg by leg. The route, window and leg links are removed by
/// retention N days after arrival (<see cref="Purge"/>); the date, the people's codes and the costs stay.
/// </summary>
public sealed class Journey : ICompartmented
{
    public const string EntityType = "journey";

    /// <summary>The sealed field holding the itinerary as planned (legs, safe-house and partner codes).</summary>
    public const string ItineraryField = "itinerary";

    private Journey()
    {
        Code = CoordinatorCode = "";
        Itinerary = null!;
    }

    public JourneyId Id { get; private set; }
    public string Code { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public RouteId? RouteId { get; private set; }
    public WindowId? WindowId { get; private set; }

    /// <summary>The coordinator running it (staff id; shown to people by staff code only).</summary>
    public Guid CoordinatorId { get; private set; }

    public string CoordinatorCode { get; private set; }

    public DateOnly Date { get; private set; }
    public int LegCount { get; private set; }
    public JourneyStatus Status { get; private set; }

    /// <summary>The leg being travelled or next to start (1-based); LegCount + 1 once arrived.</summary>
    public int CurrentLeg { get; private set; }

    public bool CurrentLegDeparted { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ArrivedAt { get; private set; }
    public DateTimeOffset? HandedOverAt { get; private set; }
    public DateTimeOffset? PurgedAt { get; private set; }

    /// <summary>
    /// The legs as planned ("1 H-2345>H-6789 P-4KQ2" per line), sealed with the journey's own key so that
    /// retention can crypto-shred it with the key.
    /// </summary>
    public SealedValue Itinerary { get; private set; }

    internal static Journey Plan(JourneyId id, string code, Route route, TravelWindow window, int legCount, string itinerary, StaffCaller coordinator, RecordKey key, DateTimeOffset now)
    {
        if (key.EntityType != EntityType || key.RecordId != id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        if (!PseudonymousCode.IsWellFormed(code, 'J'))
            throw new ArgumentException("A journey code looks like J-7K3Q.", nameof(code));
        if (window.RouteId != route.Id || legCount < 1)
            throw new ArgumentException("A journey travels a window of its own route, which has legs.");
        return new Journey
        {
            Id = id, Code = code, Itinerary = key.Seal(ItineraryField, itinerary), CompartmentId = route.CompartmentId, RouteId = route.Id, WindowId = window.Id,
            CoordinatorId = coordinator.StaffId, CoordinatorCode = coordinator.Code, Date = window.Date, LegCount = legCount, Status = JourneyStatus.Planned, CurrentLeg = 1, CreatedAt = now,
        };
    }

    public bool IsOpen => Status is JourneyStatus.Planned or JourneyStatus.UnderWay;

    /// <summary>Why a check-in cannot be taken now (field and message), or null when it is in order.</summary>
    public (string Field, string Problem)? CheckInProblem(int leg, CheckInStatus status)
    {
        if (!IsOpen)
            return ("leg", JourneyProblem.Text["Arrived"]);
        if (leg < 1 || leg > LegCount)
            return ("leg", JourneyProblem.Text["RouteLegRange", LegCount]);
        if (leg != CurrentLeg)
            return ("leg", JourneyProblem.Text[CurrentLegDeparted ? "OutOfOrderDeparted" : "OutOfOrderWaiting", CurrentLeg]);
        return status switch
        {
            CheckInStatus.Departed when CurrentLegDeparted => ("status", JourneyProblem.Text["AlreadyDeparted", leg]),
            CheckInStatus.Arrived when !CurrentLegDeparted => ("status", JourneyProblem.Text["NotDeparted", leg]),
            _ => null,
        };
    }

    /// <summary>Records the effect of a check-in already found in order; true when the whole journey has arrived.</summary>
    internal bool Apply(CheckInStatus status, DateTimeOffset now)
    {
        if (CheckInProblem(CurrentLeg, status) is { } problem)
            throw new InvalidOperationException(problem.Problem);
        if (status == CheckInStatus.Departed)
        {
            CurrentLegDeparted = true;
            Status = JourneyStatus.UnderWay;
        }
        else if (status == CheckInStatus.Arrived)
        {
            CurrentLeg++;
            CurrentLegDeparted = false;
            if (CurrentLeg > LegCount)
            {
                Status = JourneyStatus.Arrived;
                ArrivedAt = now;
                return true;
            }
        }
        return false;
    }

    internal bool HandOver(DateTimeOffset now)
    {
        if (Status != JourneyStatus.Arrived)
            return false;
        Status = JourneyStatus.HandedOver;
        HandedOverAt = now;
        return true;
    }

    /// <summary>Retention: forgets the route and window this journey used; the date, people and costs stay.</summary>
    internal void Purge(DateTimeOffset now)
    {
        RouteId = null;
        WindowId = null;
        PurgedAt = now;
    }
}

/// <summary>A family group on a journey (by its code, as the cases module knows it).</summary>
public sealed class JourneyGroup : ICompartmented
{
    private JourneyGroup()
    {
        GroupCode = "";
    }

    internal JourneyGroup(Journey journey, string groupCode)
    {
        Id = Guid.NewGuid();
        JourneyId = journey.Id;
        CompartmentId = journey.CompartmentId;
        GroupCode = groupCode;
    }

    public Guid Id { get; private set; }
    public JourneyId JourneyId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public string GroupCode { get; private set; }
}

/// <summary>A person on a journey, by case code: kept after retention, for resettlement and accounting.</summary>
public sealed class JourneyPerson : ICompartmented
{
    private JourneyPerson()
    {
        CaseCode = GroupCode = "";
    }

    internal JourneyPerson(Journey journey, string groupCode, string caseCode)
    {
        Id = Guid.NewGuid();
        JourneyId = journey.Id;
        CompartmentId = journey.CompartmentId;
        GroupCode = groupCode;
        CaseCode = caseCode;
    }

    public Guid Id { get; private set; }
    public JourneyId JourneyId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public string GroupCode { get; private set; }
    public string CaseCode { get; private set; }
}

/// <summary>A short coded check-in on a leg. An optional note is sealed with the journey's key (shredded by retention).</summary>
public sealed class JourneyCheckIn : ICompartmented
{
    public const string NoteField = "checkin-note";

    private JourneyCheckIn()
    {
        By = "";
    }

    internal JourneyCheckIn(Journey journey, int leg, CheckInStatus status, IncidentKind? incident, IncidentSeverity? severity, SealedValue? note, string by, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        JourneyId = journey.Id;
        CompartmentId = journey.CompartmentId;
        Leg = leg;
        Status = status;
        Incident = incident;
        Severity = severity;
        Note = note;
        By = by;
        At = at;
    }

    public Guid Id { get; private set; }
    public JourneyId JourneyId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public int Leg { get; private set; }
    public CheckInStatus Status { get; private set; }
    public IncidentKind? Incident { get; private set; }
    public IncidentSeverity? Severity { get; private set; }
    public SealedValue? Note { get; private set; }

    /// <summary>Staff code of who checked in.</summary>
    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>One item of one person's checklist: bought (ticked) or still to buy.</summary>
public sealed class JourneyNeed : ICompartmented
{
    private JourneyNeed()
    {
        CaseCode = "";
    }

    internal JourneyNeed(Journey journey, string caseCode, NeedKind need)
    {
        Id = Guid.NewGuid();
        JourneyId = journey.Id;
        CompartmentId = journey.CompartmentId;
        CaseCode = caseCode;
        Need = need;
    }

    public Guid Id { get; private set; }
    public JourneyId JourneyId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public string CaseCode { get; private set; }
    public NeedKind Need { get; private set; }
    public DateTimeOffset? TickedAt { get; private set; }

    internal void Tick(DateTimeOffset now) => TickedAt ??= now;
}

/// <summary>
/// An actual cost of a leg, in minor units of its currency. Kept after retention without its leg, so the journey's
/// total still adds up. Posting to the restricted <c>rescue</c> fund is done by the ledger (docs/journeys.md).
/// </summary>
public sealed class JourneyCost : ICompartmented
{
    private JourneyCost()
    {
        Currency = By = "";
    }

    internal JourneyCost(Journey journey, int leg, long amountMinor, string currency, string by, DateTimeOffset at)
    {
        if (amountMinor <= 0)
            throw new ArgumentOutOfRangeException(nameof(amountMinor), "A cost is more than zero.");
        Id = Guid.NewGuid();
        JourneyId = journey.Id;
        CompartmentId = journey.CompartmentId;
        RouteId = journey.RouteId;
        Leg = leg;
        AmountMinor = amountMinor;
        Currency = currency;
        By = by;
        At = at;
    }

    public Guid Id { get; private set; }
    public JourneyId JourneyId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public RouteId? RouteId { get; private set; }
    public int? Leg { get; private set; }
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; }
    public string By { get; private set; }
    public DateTimeOffset At { get; private set; }

    internal void ForgetLeg()
    {
        Leg = null;
        RouteId = null;
    }
}

public enum AlertKind
{
    Compromise,
    Incident,
}

/// <summary>Something the field managers of a compartment must see: a compromise or an incident, by codes only.</summary>
public sealed class JourneyAlert : ICompartmented
{
    private JourneyAlert()
    {
        Subject = Summary = RaisedBy = "";
    }

    internal JourneyAlert(CompartmentId compartment, AlertKind kind, string subject, string summary, string raisedBy, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        CompartmentId = compartment;
        Kind = kind;
        Subject = subject;
        Summary = summary;
        RaisedBy = raisedBy;
        RaisedAt = at;
    }

    public Guid Id { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public AlertKind Kind { get; private set; }

    /// <summary>The code the alert is about (P-…, H-…, J-…).</summary>
    public string Subject { get; private set; }

    /// <summary>Codes and coded words only (for example "routes R-2345; windows W-…").</summary>
    public string Summary { get; private set; }

    public string RaisedBy { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>A field manager has dealt with it; false when it was resolved already.</summary>
    internal bool Resolve(DateTimeOffset now)
    {
        if (ResolvedAt is not null)
            return false;
        ResolvedAt = now;
        return true;
    }
}
