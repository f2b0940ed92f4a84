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

    /// <summary>Applies pending migrations. A file that is not a Crossing database gives a clear error and is left untouched.</summary>
    public static async Task MigrateAsync(CrossingDbContext db, CancellationToken ct = default)
    {
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            throw new DatabaseUnavailableException("The database file is not a readable Crossing database (corrupt or not SQLite). Restore it from a backup with `crossing restore`.", e);
        }
    }
}

/// <summary>Whether the database answers a quick read of a table every migrated database has (for health checks).</summary>
public sealed class DatabaseProbe(CrossingDbContext db)
{
    /// <summary>Throws when the database does not answer or has no schema; returns when it does.</summary>
    public async Task CheckAsync(CancellationToken ct) => await db.AuditHeads.AsNoTracking().AnyAsync(ct);
}
