using Spectre.Console;

namespace Crossing.Cli;

/// <summary>Progress bars on stderr when it is a terminal; silent otherwise, so logs and --json output stay clean.</summary>
internal static class CliProgress
{
    public static async Task<T> RunAsync<T>(TextWriter stderr, string title, Func<IProgress<(long Done, long Total)>, Task<T>> work)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected)
            return await work(new Silent());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title, autoStart: true, maxValue: 1);
                var result = await work(new Bar(task));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private sealed class Silent : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value)
        {
        }
    }

    /// <summary>Reports synchronously: Progress&lt;T&gt; would post to the thread pool and could update the bar after it closed.</summary>
    private sealed class Bar(ProgressTask task) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
