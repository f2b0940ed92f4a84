using System.CommandLine;
using Crossing.Core.Journeys;

namespace Crossing.Cli;

internal static class RetentionCommands
{
    public static Command Build(CliContext context)
    {
        var run = new Command("run", "Purge journeys' links to routes, legs, partners and safe houses once the retention period after arrival has passed (Crossing:Journeys:RetentionDays, default 90).");
        run.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var outcome = await session.Get<JourneyRetention>().RunAsync(CliContext.Actor, ct);
            context.Report(result,
                new { retentionDays = outcome.RetentionDays, cutoff = outcome.Cutoff, purged = outcome.Purged },
                outcome.Purged.Count == 0
                    ? $"No journey arrived before {outcome.Cutoff:yyyy-MM-dd} is left to purge ({outcome.RetentionDays} days)."
                    : $"Purged {outcome.Purged.Count} journeys arrived before {outcome.Cutoff:yyyy-MM-dd}: {string.Join(", ", outcome.Purged)}.");
            return Cli.Ok;
        });
        return new Command("retention", "Retention of journey data.") { run };
    }
}
