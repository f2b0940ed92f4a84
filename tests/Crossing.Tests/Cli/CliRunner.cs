using System.Text.Json;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;

namespace Crossing.Tests.Cli;

public sealed record CliRun(int Exit, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;
}

/// <summary>Runs the real `crossing` entry point in-process against a test store's data folder and database.</summary>
public static class CliRunner
{
    public static Task<CliRun> RunAsync(TestStore store, params string[] args) =>
        RunAsync(store.Storage, null, args);

    public static async Task<CliRun> RunAsync(StorageOptions storage, IReadOnlyDictionary<string, string>? extraEnvironment, params string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StorageOptions.ProviderEnvironmentVariable] = storage.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
        };
        if (storage.PostgresConnectionString is { } cs)
            environment[StorageOptions.PostgresEnvironmentVariable] = cs;
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
            environment[name] = value;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await global::Crossing.Cli.Cli.RunAsync([.. args, "--data", storage.DataDirectory], stdout, stderr, environment);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new CliRun(exit, stdout.ToString().Trim(), stderr.ToString().Trim());
    }

    /// <summary>An initialised store whose data folder also has its audit signing key (what `crossing init` adds).</summary>
    public static async Task<TestStore> InitialisedStoreAsync(DatabaseProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        var init = await RunAsync(store, "init");
        Assert.True(init.Exit == 0, init.Error);
        return store;
    }
}
