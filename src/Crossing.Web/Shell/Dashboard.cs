using Crossing.Core.Security.Access;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Crossing.Web.Shell;

/// <summary>One line in a dashboard panel: a record code or a short fact, optionally linking to the record.</summary>
public sealed record DashboardItem(string Text, string? Href = null, string? Detail = null);

/// <summary>
/// One panel of "what people see first". <see cref="Count"/> is null when the capability behind the panel
/// does not exist yet, so the panel can say so honestly instead of showing a zero that means nothing.
/// </summary>
/// <param name="PartialName">A panel that needs its own markup names a partial under Pages/Shared; null uses _DashboardPanel.</param>
public sealed record DashboardPanel(string Key, string Title, int? Count, IReadOnlyList<DashboardItem> Items, string EmptyText, string? PartialName = null, object? Model = null);

/// <summary>
/// A source of one dashboard panel. Capabilities add theirs with <see cref="DashboardServices.AddDashboardPanel{T}"/>;
/// a source returns null when the caller's role should not see the panel at all.
/// </summary>
public interface IDashboardPanelSource
{
    /// <summary>Panels are shown in ascending order.</summary>
    int Order { get; }

    Task<DashboardPanel?> BuildAsync(StaffCaller caller, CancellationToken ct);
}

public static class DashboardServices
{
    public static IServiceCollection AddDashboardPanel<T>(this IServiceCollection services) where T : class, IDashboardPanelSource
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDashboardPanelSource, T>());
        return services;
    }

    /// <summary>The shell has no panels of its own: every panel comes from a module.</summary>
    internal static IServiceCollection AddDashboard(this IServiceCollection services) => services;

    /// <summary>Every panel the caller may see, in order.</summary>
    public static async Task<IReadOnlyList<DashboardPanel>> PanelsForAsync(this IEnumerable<IDashboardPanelSource> sources, StaffCaller caller, CancellationToken ct)
    {
        var panels = new List<DashboardPanel>();
        foreach (var source in sources.OrderBy(s => s.Order))
        {
            if (await source.BuildAsync(caller, ct) is { } panel)
                panels.Add(panel);
        }
        return panels;
    }
}
