using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Persistence;

public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

public static class CrossingDatabase
{
    public static CrossingDbContext CreateContext(StorageOptions storage) => storage.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteCrossingDbContext(
            new DbContextOptionsBuilder<SqliteCrossingDbContext>().UseSqlite(storage.SqliteConnectionString).Options),
        DatabaseProvider.Postgres => new PostgresCrossingDbContext(
            new DbContextOptionsBuilder<PostgresCrossingDbContext>().UseNpgsql(storage.PostgresConnectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(storage)),
    };

    public static void Configure(DbContextOptionsBuilder builder, StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
            builder.UseSqlite(storage.SqliteConnectionString);
        else
            builder.UseNpgsql(storage.PostgresConnectionString);
    }

    /// <summary>
    /// A migration lock on SQLite older than this was left by a process that died while migrating (kill -9, power
    /// loss): EF Core's lock is a row, nothing releases it, and every later start would wait for it forever. Migrating
    /// this schema takes seconds, so a lock this old is removed.
    /// </summary>
    public static readonly TimeSpan StaleSqliteMigrationLock = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Applies pending migrations. With none pending (every start but the first after an upgrade) no migration lock is
    /// taken at all, so a lock left by a killed process cannot stop the tools. A file that is not a Crossing database
    /// gives a clear error and is left untouched.
    /// </summary>
    public static async Task MigrateAsync(CrossingDbContext db, CancellationToken ct = default)
    {
        try
        {
            if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any())
                return;
            if (db.Database.IsSqlite())
                await ClearStaleSqliteLockAsync(db, ct);
            await db.Database.MigrateAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            throw new DatabaseUnavailableException("The database file is not a readable Crossing database (corrupt or not SQLite). Restore it from a backup with `crossing restore`.", e);
        }
    }

    /// <summary>Waits while another process's migration lock is young; removes it once it is stale.</summary>
    private static async Task ClearStaleSqliteLockAsync(CrossingDbContext db, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            while (true)
            {
                await using var read = connection.CreateCommand();
                read.CommandText = "SELECT \"Timestamp\" FROM \"__EFMigrationsLock\" LIMIT 1";
                object? taken;
                try
                {
                    taken = await read.ExecuteScalarAsync(ct);
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 1) // no such table: never locked
                {
                    return;
                }
                if (taken is not string text || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
                    return;
                if (DateTimeOffset.UtcNow - at < StaleSqliteMigrationLock)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                    continue;
                }
                await using var clear = connection.CreateCommand();
                clear.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
                await clear.ExecuteNonQueryAsync(ct);
                return;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Whether the database answers a quick read of a table every migrated database has (for health checks).</summary>
public sealed class DatabaseProbe(CrossingDbContext db)
{
    /// <summary>Throws when the database does not answer or has no schema; returns when it does.</summary>
    public async Task CheckAsync(CancellationToken ct) => await db.AuditHeads.AsNoTracking().AnyAsync(ct);
}
