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
