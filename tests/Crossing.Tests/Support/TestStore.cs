using Crossing.Core;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crossing.Tests.Support;

/// <summary>
/// A real, initialised data folder: SQLite always, PostgreSQL (a fresh database per store) when
/// CROSSING_TEST_POSTGRES holds a connection string. Persistence tests take the provider as theory data.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "CROSSING_TEST_POSTGRES";

    private readonly string? postgresDatabase;
    private readonly string? postgresAdmin;

    private TestStore(StorageOptions storage, ServiceProvider services, string? postgresDatabase, string? postgresAdmin)
    {
        Storage = storage;
        Services = services;
        this.postgresDatabase = postgresDatabase;
        this.postgresAdmin = postgresAdmin;
    }

    public StorageOptions Storage { get; }
    public ServiceProvider Services { get; }
    public string DataDirectory => Storage.DataDirectory;

    /// <summary>Theory data: every provider this run can reach.</summary>
    public static TheoryData<DatabaseProvider> Providers
    {
        get
        {
            var data = new TheoryData<DatabaseProvider> { DatabaseProvider.Sqlite };
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
                data.Add(DatabaseProvider.Postgres);
            return data;
        }
    }

    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "crossing-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static async Task<TestStore> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, string? dataDirectory = null)
    {
        dataDirectory ??= NewTempDirectory();
        string? database = null;
        string? admin = null;
        StorageOptions storage;
        if (provider == DatabaseProvider.Postgres)
        {
            admin = Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
            database = "crossing_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {database}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
            storage = new StorageOptions(dataDirectory, DatabaseProvider.Postgres, cs);
        }
        else
        {
            storage = new StorageOptions(dataDirectory, DatabaseProvider.Sqlite, null);
        }

        await DataFolder.InitializeAsync(storage);
        return new TestStore(storage, BuildServices(storage), database, admin);
    }

    public static ServiceProvider BuildServices(StorageOptions storage)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrossingCore(storage, DataFolder.LoadKeys(storage));
        services.AddIdentityCore<StaffMember>(CrossingServices.ConfigureStaffIdentity)
            .AddRoles<IdentityRole<Guid>>()
            .AddCrossingIdentityStores();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (postgresDatabase is not null && postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(postgresAdmin);
            await conn.OpenAsync();
            // FORCE ends lingering sessions; a session owned by another role (seen with autovacuum workers)
            // refuses that (42501), so wait for it to finish and try again rather than fail a passing test.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", conn);
                    await cmd.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 10)
                {
                    await Task.Delay(200 * attempt);
                }
            }
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A test that keeps a file open should not fail cleanup; the temp folder is disposable.
        }
    }
}
