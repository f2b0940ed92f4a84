using System.CommandLine;
using Crossing.Core.Persistence;

namespace Crossing.Cli;

internal static class BackupCommands
{
    public const string PassphraseVariable = "CROSSING_BACKUP_PASSPHRASE";

    public static Command BuildBackup(CliContext context)
    {
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write (never overwritten).", Required = true };
        var passphraseFile = PassphraseOption();
        var backup = new Command("backup", "Write an encrypted backup of the data folder: a consistent database snapshot plus the key files.") { output, passphraseFile };
        backup.SetAction(async (result, ct) =>
        {
            var passphrase = await PassphraseAsync(context, result, passphraseFile, ct);
            await using (await context.OpenAsync(result, ct))
            {
                // Opening checks the folder and applies migrations; the snapshot then reads the database directly.
            }
            var storage = context.Storage(result);
            var path = result.GetRequiredValue(output).FullName;
            var manifest = await context.WithProgressAsync("Writing backup",
                progress => Backup.CreateAsync(storage, path, passphrase, CliContext.Actor, TimeProvider.System, progress, ct));
            context.Report(result,
                new { @out = path, auditEvents = manifest.AuditEvents, auditHead = manifest.AuditHead, masterKeyId = manifest.MasterKeyId, files = manifest.Files },
                $"Backup written to {path}: {manifest.Files.Count} files, audit chain of {manifest.AuditEvents} events (head {manifest.AuditHead}).");
            return Cli.Ok;
        });
        return backup;
    }

    public static Command BuildRestore(CliContext context)
    {
        var from = new Option<FileInfo>("--from") { Description = "The backup file to restore.", Required = true };
        var passphraseFile = PassphraseOption();
        var restore = new Command("restore", "Restore a backup into an empty data folder, checking its audit chain and keys before anything is put in place.") { from, passphraseFile };
        restore.SetAction(async (result, ct) =>
        {
            var passphrase = await PassphraseAsync(context, result, passphraseFile, ct);
            var storage = context.Storage(result);
            var restored = await context.WithProgressAsync("Restoring backup",
                progress => Backup.RestoreAsync(result.GetRequiredValue(from).FullName, storage, passphrase, CliContext.Actor, TimeProvider.System, progress, ct));
            context.Report(result,
                new { data = storage.DataDirectory, auditEvents = restored.AuditEvents, auditHead = restored.AuditHead, dataKeys = restored.DataKeysOpened, backupCreatedAt = restored.Manifest.CreatedAt },
                $"Restored into {storage.DataDirectory}: audit chain of {restored.AuditEvents} events verified, {restored.DataKeysOpened} data keys open with the restored master key.");
            return Cli.Ok;
        });
        return restore;
    }

    private static Option<FileInfo?> PassphraseOption() =>
        new("--passphrase-file") { Description = $"A file holding the backup passphrase (default: ${PassphraseVariable})." };

    private static async Task<string> PassphraseAsync(CliContext context, ParseResult result, Option<FileInfo?> option, CancellationToken ct)
    {
        string? passphrase;
        if (result.GetValue(option) is { } file)
        {
            if (!file.Exists)
                throw new CliException($"No passphrase file at {file.FullName}.");
            passphrase = (await File.ReadAllTextAsync(file.FullName, ct)).TrimEnd('\r', '\n');
        }
        else
        {
            passphrase = context.Env(PassphraseVariable);
        }
        if (string.IsNullOrEmpty(passphrase))
            throw new CliException($"Give the backup passphrase with --passphrase-file FILE or the {PassphraseVariable} environment variable.");
        return passphrase;
    }
}
