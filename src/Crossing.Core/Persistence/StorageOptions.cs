namespace Crossing.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where Crossing keeps its data. The data folder always holds the keys; the database is SQLite there unless PostgreSQL is configured.</summary>
public sealed record StorageOptions(string DataDirectory, DatabaseProvider Provider, string? PostgresConnectionString)
{
    public const string DataEnvironmentVariable = "CROSSING_DATA";
    public const string ProviderEnvironmentVariable = "CROSSING_DB_PROVIDER";
    public const string PostgresEnvironmentVariable = "CROSSING_POSTGRES";

    public string SqlitePath => Path.Combine(DataDirectory, "crossing.db");

    public string SqliteConnectionString => $"Data Source={SqlitePath};Pooling=True;Foreign Keys=True";

    /// <summary>Resolves the options from an explicit --data value, then the environment, then ./data.</summary>
    public static StorageOptions Resolve(string? dataArgument, string? providerSetting = null, string? postgres = null)
    {
        var data = dataArgument ?? Environment.GetEnvironmentVariable(DataEnvironmentVariable) ?? "data";
        providerSetting ??= Environment.GetEnvironmentVariable(ProviderEnvironmentVariable);
        postgres ??= Environment.GetEnvironmentVariable(PostgresEnvironmentVariable);
        var provider = providerSetting?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            var other => throw new ArgumentException($"Unknown database provider '{other}': use sqlite or postgres."),
        };
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(postgres))
            throw new ArgumentException($"The PostgreSQL provider needs a connection string in {PostgresEnvironmentVariable} or Crossing:Database:ConnectionString.");
        return new StorageOptions(Path.GetFullPath(data), provider, postgres);
    }
}
