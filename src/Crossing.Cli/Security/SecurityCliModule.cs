using System.CommandLine;

namespace Crossing.Cli;

/// <summary>Compartments, staff and tokens, the audit chain, master keys.</summary>
internal sealed class SecurityCliModule : ICliModule
{
    public string Name => "security";

    public IEnumerable<Command> Commands(CliContext context) =>
    [
        StaffCommands.BuildCompartment(context),
        StaffCommands.BuildStaff(context),
        AuditCommands.Build(context),
        KeyCommands.Build(context),
    ];
}
