namespace Crossing.Core.Security.Access;

public enum StaffRole
{
    Administrator,
    FieldManager,
    FieldCoordinator,
    Finance,
    Resettlement,
    Storyteller,
}

/// <summary>What a role may do. Compartments then narrow which records it may do it to.</summary>
public enum Permission
{
    ViewCases,
    EditCases,
    ReadIdentity,
    ViewRoutes,
    ManagePlan,
    ViewFinance,
    ManageStories,
    ManageStaff,
    ManageKeys,
    ViewAudit,
}

public static class RolePermissions
{
    private static readonly Dictionary<StaffRole, Permission[]> Grants = new()
    {
        [StaffRole.Administrator] = [Permission.ManageStaff, Permission.ManageKeys, Permission.ViewAudit],
        [StaffRole.FieldManager] = [Permission.ViewCases, Permission.EditCases, Permission.ReadIdentity, Permission.ViewRoutes, Permission.ManagePlan],
        [StaffRole.FieldCoordinator] = [Permission.ViewCases, Permission.EditCases, Permission.ReadIdentity, Permission.ViewRoutes],
        [StaffRole.Finance] = [Permission.ViewFinance],
        [StaffRole.Resettlement] = [Permission.ViewCases, Permission.EditCases, Permission.ReadIdentity],
        [StaffRole.Storyteller] = [Permission.ManageStories],
    };

    public static IReadOnlySet<Permission> For(IEnumerable<StaffRole> roles) =>
        roles.SelectMany(r => Grants[r]).ToHashSet();

    public static string Slug(this StaffRole role) => role switch
    {
        StaffRole.Administrator => "administrator",
        StaffRole.FieldManager => "field-manager",
        StaffRole.FieldCoordinator => "field-coordinator",
        StaffRole.Finance => "finance",
        StaffRole.Resettlement => "resettlement",
        StaffRole.Storyteller => "storyteller",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string text, out StaffRole role)
    {
        foreach (var r in Enum.GetValues<StaffRole>())
        {
            if (string.Equals(r.Slug(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(r.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }
}
