using System.CommandLine;

namespace Crossing.Cli;

/// <summary>`crossing retention run`.</summary>
internal sealed class JourneysCliModule : ICliModule
{
    public string Name => "journeys";

    public IEnumerable<Command> Commands(CliContext context) => [RetentionCommands.Build(context)];
}
