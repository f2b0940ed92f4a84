using System.CommandLine;
using Crossing.Core.Modules;

namespace Crossing.Cli;

/// <summary>
/// A capability's commands in the `crossing` tool, in the capability's folder. <see cref="Name"/> is the name of
/// its Core module (<see cref="CrossingModules"/>, the one list of capabilities).
/// </summary>
internal interface ICliModule
{
    string Name { get; }

    IEnumerable<Command> Commands(CliContext context);
}

/// <summary>The CLI parts of the modules, found in this assembly and put in the order of <see cref="CrossingModules.All"/>.</summary>
internal static class CliModules
{
    public static IReadOnlyList<ICliModule> All { get; } = Discover();

    private static List<ICliModule> Discover()
    {
        var parts = typeof(CliModules).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliModule).IsAssignableFrom(t))
            .Select(t => (ICliModule)Activator.CreateInstance(t)!)
            .ToList();
        var order = CrossingModules.All.Select(m => m.Name).ToList();
        var stray = parts.FirstOrDefault(p => !order.Contains(p.Name));
        if (stray is not null)
            throw new InvalidOperationException($"The CLI module '{stray.Name}' has no Core module of that name in CrossingModules.All.");
        return [.. parts.OrderBy(p => order.IndexOf(p.Name))];
    }
}
