using System.CommandLine;

namespace Crossing.Cli;

/// <summary>`crossing plan`: who travels in which window, with the money there is.</summary>
internal sealed class PlanningCliModule : ICliModule
{
    public string Name => "planning";

    public IEnumerable<Command> Commands(CliContext context) => [PlanCommands.Build(context)];
}
