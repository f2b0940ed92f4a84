using System.CommandLine;
using Crossing.Core.Resettlement;

namespace Crossing.Cli;

/// <summary>`crossing resettlement remind`: makes follow-up reminders (the same work as the scheduled job).</summary>
internal sealed class ResettlementCliModule : ICliModule
{
    public string Name => "resettlement";

    public IEnumerable<Command> Commands(CliContext context)
    {
        var remind = new Command("remind", "Make reminders for follow-ups due within the configured days (and overdue ones); running it twice adds nothing.");
        remind.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var run = await session.Get<FollowUpReminders>().RunAsync(CliContext.Actor, ct);
            context.Report(result, new { created = run.Created, alreadyReminded = run.AlreadyReminded },
                $"Reminders made: {run.Created}; already reminded: {run.AlreadyReminded}.");
            return Cli.Ok;
        });
        return [new Command("resettlement", "Resettlement: follow-up reminders.") { remind }];
    }
}
