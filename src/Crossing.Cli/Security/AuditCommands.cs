using System.CommandLine;
using Crossing.Core.Security.Audit;

namespace Crossing.Cli;

internal static class AuditCommands
{
    public static Command Build(CliContext context) =>
        new("audit", "Check the audit chain and sign checkpoints of it.") { BuildVerify(context), BuildCheckpoint(context), BuildExportKey(context) };

    /// <summary>The derived chain MAC key (not the master key), for tools/verify-audit.py --key-file.</summary>
    private static Command BuildExportKey(CliContext context)
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the audit chain key (hex, owner-only). Whoever holds it can forge chain MACs: keep it with the auditor.", Required = true };
        var export = new Command("export-key", "Write the audit chain's MAC key for an independent verifier (tools/verify-audit.py --key-file).") { output };
        export.SetAction(async (result, ct) =>
        {
            var path = result.GetRequiredValue(output).FullName;
            if (File.Exists(path))
                throw new CliException($"{path} already exists; it is never overwritten.");
            await using var session = await context.OpenAsync(result, ct);
            var key = await session.Get<AuditChainKeys>().FindAsync(ct)
                ?? throw new CliException("This audit log has no chain key yet. Run `crossing init` first.");
            await session.Get<IAuditLog>().AppendAsync(new AuditEntry(CliContext.Actor, "audit.export-key"), ct);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var stream = new FileStream(path, options))
            await using (var writer = new StreamWriter(stream))
                await writer.WriteLineAsync(key.ToHex());
            context.Report(result, new { @out = path }, $"Audit chain key written to {path}. Verify with: tools/verify-audit.py --key-file {path} DATA_FOLDER");
            return Cli.Ok;
        });
        return export;
    }

    /// <summary>Always answers in JSON, so scripts can compare heads; exit 1 names the first bad event.</summary>
    private static Command BuildVerify(CliContext context)
    {
        var checkpointFile = new Option<FileInfo?>("--checkpoint") { Description = "Also check a checkpoint written by `crossing audit checkpoint`." };
        var verify = new Command("verify", "Re-walk the hash chain; exit 1 if any stored event was edited, inserted or deleted.") { checkpointFile };
        verify.SetAction(async (result, ct) =>
        {
            AuditCheckpoint? checkpoint = null;
            if (result.GetValue(checkpointFile) is { } file)
            {
                if (!file.Exists)
                    throw new CliException($"No checkpoint file at {file.FullName}.");
                checkpoint = AuditCheckpoint.Parse(await File.ReadAllTextAsync(file.FullName, ct));
            }
            await using var session = await context.OpenAsync(result, ct);
            if (checkpoint is null)
            {
                var chain = await session.Get<AuditVerifier>().VerifyAsync(ct);
                if (chain.Intact)
                {
                    context.Report(result, new { events = chain.Events, head = chain.Head }, "", alwaysJson: true);
                    return Cli.Ok;
                }
                context.Report(result, new { intact = false, firstBadEvent = chain.FirstBadSequence, problem = chain.Problem }, "", alwaysJson: true);
                await context.Error.WriteLineAsync($"error: audit chain broken at event {chain.FirstBadSequence}: {chain.Problem}");
                return Cli.CheckFailed;
            }

            var check = await session.Get<AuditCheckpoints>().CheckAsync(checkpoint, session.Storage.DataDirectory, ct);
            var summary = new
            {
                events = check.Chain.Events,
                head = check.Chain.Head,
                intact = check.Holds,
                firstBadEvent = check.Chain.FirstBadSequence,
                problem = check.Problem,
                checkpoint = new
                {
                    events = checkpoint.Events,
                    head = checkpoint.Head,
                    time = checkpoint.Time,
                    publicKeyFingerprint = checkpoint.PublicKeyFingerprint,
                    signedByThisDataFolder = check.SignedByThisDataFolder,
                },
            };
            context.Report(result, summary, "", alwaysJson: true);
            if (check.Holds)
                return Cli.Ok;
            await context.Error.WriteLineAsync($"error: the checkpoint of {checkpoint.Time} does not hold: {check.Problem}");
            return Cli.CheckFailed;
        });
        return verify;
    }

    private static Command BuildCheckpoint(CliContext context)
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the signed checkpoint (JSON). Keep it off this server.", Required = true };
        var checkpoint = new Command("checkpoint", "Sign the current head of the verified chain with the data folder's audit signing key.") { output };
        checkpoint.SetAction(async (result, ct) =>
        {
            var path = result.GetRequiredValue(output).FullName;
            await using var session = await context.OpenAsync(result, ct);
            var signed = await session.Get<AuditCheckpoints>().CreateAsync(session.Storage.DataDirectory, CliContext.Actor, ct);
            await AtomicFile.WriteAsync(path, signed.ToJson(), ct);
            context.Report(result,
                new { @out = path, events = signed.Events, head = signed.Head, time = signed.Time, publicKeyFingerprint = signed.PublicKeyFingerprint },
                $"Checkpoint of {signed.Events} events (head {signed.Head}) written to {path}.\nSigning key fingerprint: {signed.PublicKeyFingerprint}");
            return Cli.Ok;
        });
        return checkpoint;
    }
}

/// <summary>Writes a whole file or nothing: a temporary sibling renamed over the target.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, string content, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(path);
        if (directory is not null && !Directory.Exists(directory))
            throw new CliException($"The folder {directory} does not exist.");
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await File.WriteAllTextAsync(temporary, content, ct);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
