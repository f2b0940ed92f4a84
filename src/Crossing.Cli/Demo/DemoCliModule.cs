using System.CommandLine;

namespace Crossing.Cli;

/// <summary>`crossing demo` and `crossing demo totp`.</summary>
internal sealed class DemoCliModule : ICliModule
{
    public string Name => "demo";

    public IEnumerable<Command> Commands(CliContext context) => [DemoCommands.Build(context)];
}
