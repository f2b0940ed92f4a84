namespace Crossing.Core.Security.Access;

/// <summary>Who is asking: resolved once per request from the signed-in staff member or bearer token.</summary>
public sealed class StaffCaller
{
    public StaffCaller(Guid staffId, string code, StaffRole role, IEnumerable<CompartmentId> compartments)
    {
        StaffId = staffId;
        Code = code;
        Role = role;
        Permissions = RolePermissions.For([role]);
        Compartments = compartments.ToHashSet();
    }

    public Guid StaffId { get; }
    public string Code { get; }
    public StaffRole Role { get; }
    public IReadOnlySet<Permission> Permissions { get; }
    public IReadOnlySet<CompartmentId> Compartments { get; }

    /// <summary>The audit actor: the staff code, never an e-mail address or name.</summary>
    public string AuditActor => "staff:" + Code;

    public bool Has(Permission permission) => Permissions.Contains(permission);

    public bool Holds(CompartmentId compartment) => Compartments.Contains(compartment);
}
