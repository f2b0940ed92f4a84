using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Journeys;

public readonly record struct PartnerId(Guid Value)
{
    public static PartnerId New() => new(Guid.NewGuid());

    public string RecordId => Value.ToString("N");
}

public readonly record struct SafeHouseId(Guid Value)
{
    public static SafeHouseId New() => new(Guid.NewGuid());

    public string RecordId => Value.ToString("N");
}

public readonly record struct RouteId(Guid Value)
{
    public static RouteId New() => new(Guid.NewGuid());
}

public enum PartnerRole
{
    Broker,
    Driver,
    Host,
    Guide,
}

public enum RouteStatus
{
    Open,
    Suspended,
    Compromised,
}

/// <summary>
/// A broker, driver, host or guide. Who they are (name, contact, reliability notes) is sealed under the partner's
/// own data key; in clear are only the code, the compartment, the role and whether they are compromised.
/// </summary>
public sealed class Partner : ICompartmented
{
    public const string EntityType = "partner";

    public static class Fields
    {
        public const string Name = "name";
        public const string Contact = "contact";
        public const string Notes = "notes";
    }

    private Partner()
    {
        Code = "";
        Name = null!;
    }

    public PartnerId Id { get; private set; }
    public string Code { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public PartnerRole Role { get; private set; }
    public SealedValue Name { get; private set; }
    public SealedValue? Contact { get; private set; }
    public SealedValue? Notes { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompromisedAt { get; private set; }

    internal static Partner Record(PartnerId id, string code, CompartmentId compartment, PartnerRole role, PartnerIdentity identity, RecordKey key, DateTimeOffset now)
    {
        if (key.EntityType != EntityType || key.RecordId != id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        if (!PseudonymousCode.IsWellFormed(code, 'P'))
            throw new ArgumentException("A partner code looks like P-4KQ2.", nameof(code));
        return new Partner
        {
            Id = id,
            Code = code,
            CompartmentId = compartment,
            Role = role,
            Name = key.Seal(Fields.Name, identity.Name),
            Contact = key.SealOptional(Fields.Contact, identity.Contact),
            Notes = key.SealOptional(Fields.Notes, identity.Notes),
            CreatedAt = now,
        };
    }

    public PartnerIdentity OpenIdentity(OpenedRecord key)
    {
        if (key.EntityType != EntityType || key.RecordId != Id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        return new PartnerIdentity(key.Open(Fields.Name, Name), key.OpenOptional(Fields.Contact, Contact), key.OpenOptional(Fields.Notes, Notes));
    }

    public void MarkCompromised(DateTimeOffset now) => CompromisedAt ??= now;
}

public sealed record PartnerIdentity(string Name, string? Contact, string? Notes)
{
    public override string ToString() => "[partner identity]";
}

/// <summary>A safe house: name, address and contact sealed; the code in clear.</summary>
public sealed class SafeHouse : ICompartmented
{
    public const string EntityType = "safe-house";

    public static class Fields
    {
        public const string Name = "name";
        public const string Address = "address";
        public const string Contact = "contact";
    }

    private SafeHouse()
    {
        Code = "";
        Name = Address = null!;
    }

    public SafeHouseId Id { get; private set; }
    public string Code { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public SealedValue Name { get; private set; }
    public SealedValue Address { get; private set; }
    public SealedValue? Contact { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompromisedAt { get; private set; }

    internal static SafeHouse Record(SafeHouseId id, string code, CompartmentId compartment, SafeHouseIdentity identity, RecordKey key, DateTimeOffset now)
    {
        if (key.EntityType != EntityType || key.RecordId != id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        if (!PseudonymousCode.IsWellFormed(code, 'H'))
            throw new ArgumentException("A safe-house code looks like H-7DMX.", nameof(code));
        return new SafeHouse
        {
            Id = id,
            Code = code,
            CompartmentId = compartment,
            Name = key.Seal(Fields.Name, identity.Name),
            Address = key.Seal(Fields.Address, identity.Address),
            Contact = key.SealOptional(Fields.Contact, identity.Contact),
            CreatedAt = now,
        };
    }

    public SafeHouseIdentity OpenIdentity(OpenedRecord key)
    {
        if (key.EntityType != EntityType || key.RecordId != Id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        return new SafeHouseIdentity(key.Open(Fields.Name, Name), key.Open(Fields.Address, Address), key.OpenOptional(Fields.Contact, Contact));
    }

    public void MarkCompromised(DateTimeOffset now) => CompromisedAt ??= now;
}

public sealed record SafeHouseIdentity(string Name, string Address, string? Contact)
{
    public override string ToString() => "[safe-house identity]";
}

/// <summary>A route: ordered legs between safe houses, with a status whose every change is kept.</summary>
public sealed class Route : ICompartmented
{
    private Route()
    {
        Code = Name = "";
    }

    public RouteId Id { get; private set; }
    public string Code { get; private set; }
    public CompartmentId CompartmentId { get; private set; }

    /// <summary>A working label chosen by the route team (no place names: the form says so).</summary>
    public string Name { get; private set; }

    public RouteStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal static Route Open(string code, CompartmentId compartment, string name, DateTimeOffset now)
    {
        if (!PseudonymousCode.IsWellFormed(code, 'R'))
            throw new ArgumentException("A route code looks like R-7K3Q.", nameof(code));
        return new Route { Id = RouteId.New(), Code = code, CompartmentId = compartment, Name = name, Status = RouteStatus.Open, CreatedAt = now };
    }

    /// <summary>Changes the status; returns the history row to store, or null when nothing changed.</summary>
    internal RouteStatusChange? ChangeStatus(RouteStatus status, string actor, string reason, DateTimeOffset now)
    {
        if (status == Status)
            return null;
        var change = new RouteStatusChange(Guid.NewGuid(), Id, CompartmentId, Status, status, actor, reason, now);
        Status = status;
        return change;
    }
}

/// <summary>One leg of a route, from one safe house to the next, in order (1, 2, 3…).</summary>
public sealed class RouteLeg : ICompartmented
{
    private RouteLeg()
    {
    }

    public Guid Id { get; private set; }
    public RouteId RouteId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public int Order { get; private set; }
    public SafeHouseId FromSafeHouseId { get; private set; }
    public SafeHouseId ToSafeHouseId { get; private set; }

    internal static RouteLeg Between(Route route, int order, SafeHouse from, SafeHouse to)
    {
        if (from.CompartmentId != route.CompartmentId || to.CompartmentId != route.CompartmentId)
            throw new ArgumentException("A route's safe houses belong to its compartment.");
        return new RouteLeg { Id = Guid.NewGuid(), RouteId = route.Id, CompartmentId = route.CompartmentId, Order = order, FromSafeHouseId = from.Id, ToSafeHouseId = to.Id };
    }
}

/// <summary>A partner working on a leg.</summary>
public sealed class RouteLegPartner : ICompartmented
{
    private RouteLegPartner()
    {
    }

    public Guid LegId { get; private set; }
    public RouteId RouteId { get; private set; }
    public PartnerId PartnerId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }

    internal static RouteLegPartner On(RouteLeg leg, Partner partner)
    {
        if (partner.CompartmentId != leg.CompartmentId)
            throw new ArgumentException("A route's partners belong to its compartment.");
        return new RouteLegPartner { LegId = leg.Id, RouteId = leg.RouteId, PartnerId = partner.Id, CompartmentId = leg.CompartmentId };
    }
}

/// <summary>History of a route's status: from, to, who, why (a short coded reason such as "compromise:P-4KQ2").</summary>
public sealed class RouteStatusChange : ICompartmented
{
    private RouteStatusChange()
    {
        Actor = Reason = "";
    }

    internal RouteStatusChange(Guid id, RouteId route, CompartmentId compartment, RouteStatus from, RouteStatus to, string actor, string reason, DateTimeOffset at)
    {
        Id = id;
        RouteId = route;
        CompartmentId = compartment;
        From = from;
        To = to;
        Actor = actor;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }
    public RouteId RouteId { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public RouteStatus From { get; private set; }
    public RouteStatus To { get; private set; }
    public string Actor { get; private set; }
    public string Reason { get; private set; }
    public DateTimeOffset At { get; private set; }
}
