using System.CommandLine;
using System.Text.Json;
using Crossing.Core;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Cli;

/// <summary>What every command shares: the output writers, the environment, the data folder and the acting operator.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, IConfiguration configuration)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>Who the audit log records for CLI actions: the operating-system account, never a person's name from the data.</summary>
    public static string Actor
    {
        get
        {
            var user = new string([.. Environment.UserName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')]);
            return "cli:" + (user.Length is > 0 and <= 64 ? user : "unknown");
        }
    }

    public string? Env(string name) => environment(name);

    public StorageOptions Storage(ParseResult result) =>
        StorageOptions.Resolve(
            result.GetValue(Cli.Data) ?? Env(StorageOptions.DataEnvironmentVariable),
            Env(StorageOptions.ProviderEnvironmentVariable) ?? "",
            Env(StorageOptions.PostgresEnvironmentVariable));

    /// <summary>Opens an initialised data folder: keys (refusing a key file others can read), then the database, migrated.</summary>
    public async Task<CliSession> OpenAsync(ParseResult result, CancellationToken ct)
    {
        var storage = Storage(result);
        if (!Directory.Exists(storage.DataDirectory) || (storage.Provider == DatabaseProvider.Sqlite && !File.Exists(storage.SqlitePath)))
            throw new CliException($"No Crossing data folder at {storage.DataDirectory}. Run `crossing init --data {storage.DataDirectory}` first.");
        DataFolder.Secure(storage);
        var keys = DataFolder.LoadKeys(storage);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrossingCore(storage, keys, configuration);
        services.AddScoped<AuditCheckpoints>();
        services.AddIdentityCore<StaffMember>(CrossingServices.ConfigureStaffIdentity)
            .AddRoles<IdentityRole<Guid>>()
            .AddCrossingIdentityStores();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var session = new CliSession(storage, provider);
        try
        {
            await CrossingDatabase.MigrateAsync(session.Get<CrossingDbContext>(), ct);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        return session;
    }

    /// <summary>Prints a command's result: JSON when --json was given (or the command always answers in JSON), else the text.</summary>
    public void Report(ParseResult result, object json, string text, bool alwaysJson = false)
    {
        if (alwaysJson || result.GetValue(Cli.Json))
            Out.WriteLine(JsonSerializer.Serialize(json));
        else
            Out.WriteLine(text);
    }

    public Task<T> WithProgressAsync<T>(string title, Func<IProgress<(long Done, long Total)>, Task<T>> work) =>
        CliProgress.RunAsync(Error, title, work);
}

/// <summary>One command's services over one data folder, with a single scope (one unit of work).</summary>
internal sealed class CliSession(StorageOptions storage, ServiceProvider provider) : IAsyncDisposable
{
    private readonly AsyncServiceScope scope = provider.CreateAsyncScope();

    public StorageOptions Storage { get; } = storage;

    public IServiceProvider Services => scope.ServiceProvider;

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await provider.DisposeAsync();
        if (Storage.Provider == DatabaseProvider.Sqlite)
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
