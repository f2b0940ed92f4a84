using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crossing.Core.Persistence;

/// <summary>Used only by `dotnet ef migrations add`; the connection strings are never opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCrossingDbContext>
{
    public SqliteCrossingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCrossingDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCrossingDbContext>
{
    public PostgresCrossingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCrossingDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
