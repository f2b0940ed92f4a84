using Crossing.Core;
using Crossing.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Bench;

/// <summary>
/// A throw-away data folder for benchmarks: SQLite in a temp folder by default, or a fresh PostgreSQL database when
/// <c>--postgres</c> is given and CROSSING_TEST_POSTGRES holds an admin connection string.
/// </summary>
public sealed class VaultBenchStore : IAsyncDisposable
{
    private readonly string? postgresAdmin;
    private readonly string? postgresDatabase;

    private VaultBenchStore(StorageOptions storage, string? postgresAdmin, string? postgresDatabase)
    {
        Storage = storage;
        this.postgresAdmin = postgresAdmin;
        this.postgresDatabase = postgresDatabase;
        Services = BuildServices();
    }

    public StorageOptions Storage { get; }

    public ServiceProvider Services { get; private set; }

    public string ProviderName => Storage.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    public static async Task<VaultBenchStore> CreateAsync(string[] args)
    {
        var directory = Path.Combine(Path.GetTempPath(), "crossing-bench", Guid.NewGuid().ToString("N"));
        StorageOptions storage;
        string? admin = null, database = null;
        if (args.Contains("--postgres"))
        {
            admin = Environment.GetEnvironmentVariable("CROSSING_TEST_POSTGRES")
                ?? throw new InvalidOperationException("--postgres needs CROSSING_TEST_POSTGRES (a role that may create databases).");
            database = "crossing_bench_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync(admin, $"CREATE DATABASE {database}");
            storage = new StorageOptions(directory, DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);
        }
        else
        {
            storage = new StorageOptions(directory, DatabaseProvider.Sqlite, null);
        }
        await DataFolder.InitializeAsync(storage);
        return new VaultBenchStore(storage, admin, database);
    }

    /// <summary>Starts over with the keys now on disk, as a process started after a key rotation would.</summary>
    public async Task ReloadAsync()
    {
        await Services.DisposeAsync();
        Services = BuildServices();
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    private ServiceProvider BuildServices() =>
        new ServiceCollection().AddCrossingCore(Storage, DataFolder.LoadKeys(Storage)).BuildServiceProvider();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresAdmin is not null && postgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(postgresAdmin, $"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)");
        }
        Directory.Delete(Storage.DataDirectory, recursive: true);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
