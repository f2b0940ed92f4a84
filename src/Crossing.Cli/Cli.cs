using System.CommandLine;
using System.Security.Cryptography;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crossing.Cli;

/// <summary>
/// The `crossing` administrator tool. Exit codes: 0 done, 1 a check found a problem (audit chain, checkpoint),
/// 2 the command could not be carried out (bad input, missing data folder, refused operation). Errors are one line
/// on stderr, never a stack trace; results go to stdout (JSON with --json), progress to stderr.
/// </summary>
public static class Cli
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int Failed = 2;

    internal static readonly Option<string?> Data = new("--data")
    {
        Description = "The data folder (default: $CROSSING_DATA, else ./data).",
        Recursive = true,
    };

    internal static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the result as one line of JSON.",
        Recursive = true,
    };

    /// <summary>Runs one command line. Tests call this in-process; <paramref name="environment"/> replaces the process environment when given.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        var context = new CliContext(stdout, stderr, environment is null ? Environment.GetEnvironmentVariable : name => environment.GetValueOrDefault(name));
        var root = new RootCommand("Crossing administration: data folder, staff, audit, keys, backups, demo data.")
        {
            Data,
            Json,
            InitCommand.Build(context),
            StaffCommands.BuildCompartment(context),
            StaffCommands.BuildStaff(context),
            AuditCommands.Build(context),
            KeyCommands.Build(context),
            BackupCommands.BuildBackup(context),
            BackupCommands.BuildRestore(context),
            DemoCommands.Build(context),
            PlanCommands.Build(context),
        };
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (Exception e) when (OneLine(e) is { } message)
        {
            await stderr.WriteLineAsync("error: " + message);
            return Failed;
        }
    }

    /// <summary>The message an operator can act on, for failures that are theirs to fix; anything else is reported by type only.</summary>
    private static string? OneLine(Exception e) => e switch
    {
        CliException or StaffDirectoryException or VaultConfigurationException or VaultDecryptionException or AuditCheckpointException
            or BackupException or DatabaseUnavailableException or ArgumentException => e.Message,
        UnauthorizedAccessException or IOException => e.Message,
        OperationCanceledException => "cancelled; nothing further was changed.",
        SqliteException sqlite => $"the database refused the operation ({sqlite.SqliteErrorCode}): {sqlite.Message}",
        NpgsqlException npgsql => $"the PostgreSQL database cannot be used: {npgsql.Message}",
        DbUpdateException update => $"the database refused the change: {update.InnerException?.Message ?? update.Message}",
        CryptographicException crypto => $"a cryptographic operation failed: {crypto.Message}",
        _ => $"unexpected failure ({e.GetType().Name}): {e.Message}",
    };
}

/// <summary>A failure the operator can fix, with the message that says how.</summary>
public sealed class CliException(string message) : Exception(message);
