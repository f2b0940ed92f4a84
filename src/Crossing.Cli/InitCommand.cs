using System.CommandLine;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;

namespace Crossing.Cli;

internal static class InitCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("init", "Create or complete a data folder: master key, audit signing key, database schema. Safe to run again.");
        command.SetAction(async (result, ct) =>
        {
            var storage = context.Storage(result);
            var init = await DataFolder.InitializeAsync(storage, ct);
            var createdSigningKey = AuditCheckpointKey.EnsureCreated(storage.DataDirectory);
            await using (var session = await context.OpenAsync(result, ct))
            {
                var created = init.CreatedMasterKey || createdSigningKey ? "created keys" : "already initialised";
                await session.Get<IAuditLog>().AppendAsync(new AuditEntry(CliContext.Actor, "data.init", null, created), ct);
            }
            context.Report(result,
                new { data = storage.DataDirectory, masterKey = init.MasterKeyId, createdMasterKey = init.CreatedMasterKey, createdSigningKey },
                $"Data folder {storage.DataDirectory} is ready (master key {init.MasterKeyId}{(init.CreatedMasterKey ? ", new" : "")}).");
            return Cli.Ok;
        });
        return command;
    }
}
