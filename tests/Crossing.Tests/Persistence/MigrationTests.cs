using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Persistence;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Every_migration_applies_to_a_fresh_database(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();

        var known = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(known);
        Assert.Equal(known, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // The only data key of a fresh folder is the audit chain's root.
        Assert.Equal(["audit-chain"], await db.DataKeys.Select(k => k.EntityType).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Initialising_an_existing_data_folder_again_changes_nothing(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var keyFile = await File.ReadAllTextAsync(Core.Security.Vault.MasterKeyRing.KeyFilePath(store.DataDirectory));

        var again = await DataFolder.InitializeAsync(store.Storage);

        Assert.False(again.CreatedMasterKey);
        Assert.Equal(keyFile, await File.ReadAllTextAsync(Core.Security.Vault.MasterKeyRing.KeyFilePath(store.DataDirectory)));
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_process_does_not_stop_the_next_start()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        // What a tool killed (kill -9) while migrating leaves behind: EF Core's lock row, which nothing releases.
        await using (var scope = store.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL)");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsLock\" VALUES (1, {0})", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
        }
        await using (var scope = store.Scope())
        {
            // Nothing is pending, so no lock is needed: the start goes on at once instead of waiting forever.
            await CrossingDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<CrossingDbContext>()).WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public async Task A_stale_migration_lock_on_a_database_that_needs_migrating_is_removed_and_the_migration_runs()
    {
        var folder = Directory.CreateTempSubdirectory("crossing-lock-");
        try
        {
            var storage = new StorageOptions(folder.FullName, DatabaseProvider.Sqlite, null);
            await using (var connection = new SqliteConnection(storage.SqliteConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); INSERT INTO \"__EFMigrationsLock\" VALUES (1, $at);";
                command.Parameters.AddWithValue("$at", (DateTimeOffset.UtcNow - CrossingDatabase.StaleSqliteMigrationLock - TimeSpan.FromMinutes(1)).ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
                await command.ExecuteNonQueryAsync();
            }
            await using (var db = CrossingDatabase.CreateContext(storage))
            {
                await CrossingDatabase.MigrateAsync(db).WaitAsync(TimeSpan.FromSeconds(60));
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Sqlite_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = SqliteModel();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run tools/add-migration.sh NAME.");
    }

    [Fact]
    public void Postgres_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = PostgresModel();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run tools/add-migration.sh NAME.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        using var sqlite = SqliteModel();
        using var postgres = PostgresModel();
        Assert.Equal(Names(sqlite), Names(postgres));
    }

    [Fact]
    public async Task Sqlite_database_runs_in_wal_journal_mode()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var connection = new SqliteConnection(store.Storage.SqliteConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    // Comparing the model with the migrations' snapshot, or listing migrations, never opens the connection.
    private static SqliteCrossingDbContext SqliteModel() =>
        new(new DbContextOptionsBuilder<SqliteCrossingDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static PostgresCrossingDbContext PostgresModel() =>
        new(new DbContextOptionsBuilder<PostgresCrossingDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
}
