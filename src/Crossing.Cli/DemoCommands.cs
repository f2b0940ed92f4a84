using System.CommandLine;

namespace Crossing.Cli;

internal static class DemoCommands
{
    public static Command Build(CliContext context)
    {
        var demo = new Command("demo", "Fill the data folder with the invented demonstration story.");
        demo.SetAction((result, ct) => Task.FromException<int>(new CliException("The demo data is not available in this build yet.")));
        _ = context;
        return demo;
    }
}
