using System.Reflection;
using Crossing.Core.Modules;
using Crossing.Core.Security.Access;

namespace Crossing.Web.Shell;

/// <summary>
/// A capability's part of the web host, in the capability's own folder (pages, endpoints, panels, strings):
/// its services (dashboard panels), its endpoints and its navigation entries. <see cref="Name"/> is the name of
/// the Core module it belongs to (<see cref="CrossingModules"/>, the one list of capabilities).
/// </summary>
public interface IWebModule
{
    string Name { get; }

    void AddServices(IServiceCollection services)
    {
    }

    /// <summary>For a module whose web services read configuration (a webhook secret); by default the same as above.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration) => AddServices(services);

    void MapEndpoints(IEndpointRouteBuilder app)
    {
    }

    /// <summary>Menu entries; each is shown only to callers with its permission and only once a page answers at its path.</summary>
    IReadOnlyList<NavigationEntry> Navigation => [];
}

/// <param name="Path">Where the page lives.</param>
/// <param name="LabelKey">Its name in the shell's or the capability's strings.</param>
/// <param name="Requires">The permission it needs; null for every staff member.</param>
public sealed record NavigationEntry(string Path, string LabelKey, Permission? Requires);

/// <summary>The web parts of the modules, found in this assembly and put in the order of <see cref="CrossingModules.All"/>.</summary>
public static class WebModules
{
    public static IReadOnlyList<IWebModule> All { get; } = Discover();

    private static List<IWebModule> Discover()
    {
        var parts = typeof(WebModules).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IWebModule).IsAssignableFrom(t))
            .Select(t => (IWebModule)Activator.CreateInstance(t)!)
            .ToList();
        var order = CrossingModules.All.Select(m => m.Name).ToList();
        var stray = parts.FirstOrDefault(p => !order.Contains(p.Name));
        if (stray is not null)
            throw new InvalidOperationException($"The web module '{stray.Name}' has no Core module of that name in CrossingModules.All.");
        return [.. parts.OrderBy(p => order.IndexOf(p.Name))];
    }

    public static IServiceCollection AddWebModules(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var module in All)
            module.AddServices(services, configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapWebModules(this IEndpointRouteBuilder app)
    {
        foreach (var module in All)
            module.MapEndpoints(app);
        return app;
    }

    internal static Assembly Assembly => typeof(WebModules).Assembly;
}
