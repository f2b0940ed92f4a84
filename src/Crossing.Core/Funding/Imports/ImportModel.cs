using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crossing.Core.Funding.Imports;

public sealed class ImportException(string message) : Exception(message);

/// <summary>
/// Which column of a source's CSV holds which gift field: "key=Reference,date=Booked,amount=Amount,currency=Currency".
/// key, date, amount and currency are required; email, name (or first-name and last-name), fund and fee are optional.
/// </summary>
public sealed class ColumnMapping
{
    public const string Key = "key";
    public const string Date = "date";
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string Email = "email";
    public const string Name = "name";
    public const string FirstName = "first-name";
    public const string LastName = "last-name";
    public const string Fund = "fund";
    public const string Fee = "fee";

    public static readonly IReadOnlyList<string> Fields = [Key, Date, Amount, Currency, Email, Name, FirstName, LastName, Fund, Fee];
    private static readonly string[] RequiredFields = [Key, Date, Amount, Currency];

    private readonly SortedDictionary<string, string> columns;

    private ColumnMapping(SortedDictionary<string, string> columns) => this.columns = columns;

    public IReadOnlyDictionary<string, string> Columns => columns;

    public string? Column(string field) => columns.GetValueOrDefault(field);

    /// <summary>Parses pairs separated by commas (or given one by one); refuses unknown fields and missing required ones.</summary>
    public static ColumnMapping Parse(IEnumerable<string> pairs)
    {
        var columns = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var field = eq > 0 ? pair[..eq].Trim().ToLowerInvariant() : "";
            var column = eq > 0 ? pair[(eq + 1)..].Trim() : "";
            if (field.Length == 0 || column.Length == 0)
                throw new ImportException($"'{ImportFormat.Clip(pair, 40)}' is not a mapping: write field=Column, such as amount=Amount.");
            if (!Fields.Contains(field))
                throw new ImportException($"'{field}' is not a gift field; use {string.Join(", ", Fields)}.");
            if (column.Length > 80)
                throw new ImportException($"the column name for {field} is longer than 80 characters.");
            columns[field] = column;
        }
        var missing = RequiredFields.Where(f => !columns.ContainsKey(f)).ToList();
        if (missing.Count > 0)
            throw new ImportException($"the mapping lacks {string.Join(", ", missing)}; for example --map key=Reference,date=Date,amount=Amount,currency=Currency.");
        return new ColumnMapping(columns);
    }

    public override string ToString() => string.Join(',', columns.Select(c => $"{c.Key}={c.Value}"));
}

/// <summary>A source's saved column mapping, so the next file from the same bank or platform needs no --map.</summary>
public sealed class ImportMapping
{
    public const int MaxSourceLength = 24;

    private ImportMapping()
    {
        Source = Mapping = "";
    }

    internal ImportMapping(string source, ColumnMapping mapping, DateTimeOffset now)
    {
        Source = source;
        Mapping = mapping.ToString();
        UpdatedAt = now;
    }

    public string Source { get; private set; }
    public string Mapping { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    internal void Replace(ColumnMapping mapping, DateTimeOffset now)
    {
        Mapping = mapping.ToString();
        UpdatedAt = now;
    }
}

/// <summary>
/// One run of an import, updated in the same transaction as each batch of gifts: after a crash it shows how far the
/// run got (<see cref="Finished"/> stays false), and a re-run continues by skipping the gifts already stored.
/// </summary>
public sealed class GiftImport
{
    private GiftImport()
    {
        Source = FileSha256 = "";
    }

    internal GiftImport(string source, string fileSha256, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        Source = source;
        FileSha256 = fileSha256;
        StartedAt = now;
    }

    public Guid Id { get; private set; }
    public string Source { get; private set; }

    /// <summary>Identifies the file without naming it (file names can carry names).</summary>
    public string FileSha256 { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public bool Finished { get; private set; }
    public int Rows { get; private set; }
    public int Imported { get; private set; }
    public int Duplicates { get; private set; }
    public int Rejected { get; private set; }

    /// <summary>The last line whose outcome is committed.</summary>
    public int LinesDone { get; private set; }

    internal void Progress(int rows, int imported, int duplicates, int rejected, int linesDone)
    {
        Rows = rows;
        Imported = imported;
        Duplicates = duplicates;
        Rejected = rejected;
        LinesDone = linesDone;
    }

    internal void Finish(DateTimeOffset now)
    {
        Finished = true;
        FinishedAt = now;
    }
}

/// <summary>What an import did: rows = imported + duplicates + rejected; errors name each rejected or duplicate line.</summary>
public sealed record ImportSummary(
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("imported")] int Imported,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("errors")] IReadOnlyList<ImportError> Errors);

public sealed record ImportError(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("reason")] string Reason);

internal sealed class ImportMappingConfiguration : IEntityTypeConfiguration<ImportMapping>
{
    public void Configure(EntityTypeBuilder<ImportMapping> e)
    {
        e.ToTable("import_mappings");
        e.HasKey(x => x.Source);
        e.Property(x => x.Source).HasMaxLength(ImportMapping.MaxSourceLength);
        e.Property(x => x.Mapping).HasMaxLength(2000);
    }
}

internal sealed class GiftImportConfiguration : IEntityTypeConfiguration<GiftImport>
{
    public void Configure(EntityTypeBuilder<GiftImport> e)
    {
        e.ToTable("gift_imports");
        e.HasKey(x => x.Id);
        e.Property(x => x.Source).HasMaxLength(32);
        e.Property(x => x.FileSha256).HasMaxLength(64);
        e.HasIndex(x => x.StartedAt);
    }
}
