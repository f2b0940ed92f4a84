using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Crossing.Web.Shell;

/// <summary>
/// The staff navigation. An entry is shown only when the caller's role grants its permission and a page
/// actually answers at its path, so capabilities appear in the menu as their pages are added.
/// </summary>
public sealed class ShellNavigation(EndpointDataSource endpoints)
{
    /// <param name="Path">Where the page lives.</param>
    /// <param name="LabelKey">Its name in <c>SharedResource</c>.</param>
    /// <param name="Requires">The permission it needs; null for every staff member.</param>
    public sealed record Entry(string Path, string LabelKey, Permission? Requires);

    public static readonly IReadOnlyList<Entry> Entries =
    [
        new("/", "Nav.Dashboard", null),
        new("/cases", "Nav.Cases", Permission.ViewCases),
        new("/plan", "Nav.Plan", Permission.ManagePlan),
        new("/routes", "Nav.Routes", Permission.ViewRoutes),
        new("/journeys", "Nav.Journeys", Permission.ViewRoutes),
        new("/finance", "Nav.Finance", Permission.ViewFinance),
        new("/stories", "Nav.Stories", Permission.ManageStories),
        new("/admin/staff", "Nav.Staff", Permission.ManageStaff),
        new("/admin/audit", "Nav.Audit", Permission.ViewAudit),
        new(ShellErrors.ApiDocsPath, "Nav.ApiDocs", null),
    ];

    private HashSet<string>? routes;

    public IReadOnlyList<Entry> For(StaffCaller caller) =>
        Entries.Where(e => (e.Requires is not { } p || caller.Has(p)) && Exists(e.Path)).ToList();

    public static bool IsCurrent(Entry entry, PathString path) =>
        entry.Path == "/" ? path == "/" || path == "/Index" : path.StartsWithSegments(entry.Path, StringComparison.OrdinalIgnoreCase);

    private bool Exists(string path)
    {
        // Endpoints are fixed once the app runs; a benign race here only computes the same set twice.
        routes ??= endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Select(e => Normalise(e.RoutePattern))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return routes.Contains(path.Trim('/'));
    }

    private static string Normalise(RoutePattern pattern) => (pattern.RawText ?? "").Trim('/');
}
