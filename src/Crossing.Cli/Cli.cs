using System.CommandLine;
using System.Security.Cryptography;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
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
        // Options such as Crossing:Triage come from the environment (Crossing__Triage__...), as for the web host.
        var configuration = environment is null
            ? new ConfigurationBuilder().AddEnvironmentVariables().Build()
            : new ConfigurationBuilder().AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value))).Build();
        var context = new CliContext(stdout, stderr, environment is null ? Environment.GetEnvironmentVariable : name => environment.GetValueOrDefault(name), configuration);
        var root = new RootCommand("Crossing administration: data folder, staff, audit, keys, backups, demo data.")
        {
            Data,
            Json,
            InitCommand.Build(context),
            BackupCommands.BuildBackup(context),
            BackupCommands.BuildRestore(context),
        };
        foreach (var command in CliModules.All.SelectMany(m => m.Commands(context)))
            root.Subcommands.Add(command);
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
        CliException or StaffDirectoryException or Core.Funding.LedgerException or Core.Funding.Imports.ImportException or VaultConfigurationException or VaultDecryptionException or AuditCheckpointException
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
