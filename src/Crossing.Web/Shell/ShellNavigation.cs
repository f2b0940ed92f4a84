using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Crossing.Web.Shell;

/// <summary>
/// The staff navigation. An entry is shown only when the caller's role grants its permission and a page
/// actually answers at its path, so capabilities appear in the menu as their pages are added.
/// </summary>
public sealed class ShellNavigation(EndpointDataSource endpoints)
{
    /// <summary>The dashboard first, then each module's entries in module order, the API reference last.</summary>
    public static readonly IReadOnlyList<NavigationEntry> Entries =
    [
        new("/", "Nav.Dashboard", null),
        .. WebModules.All.SelectMany(m => m.Navigation),
        new(ShellErrors.ApiDocsPath, "Nav.ApiDocs", null),
    ];

    private HashSet<string>? routes;

    public IReadOnlyList<NavigationEntry> For(StaffCaller caller) =>
        Entries.Where(e => (e.Requires is not { } p || caller.Has(p)) && Exists(e.Path)).ToList();

    public static bool IsCurrent(NavigationEntry entry, PathString path) =>
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
