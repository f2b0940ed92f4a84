using System.Data.Common;
using Crossing.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Crossing.Core.Funding.Imports;

/// <summary>
/// Inserts entities with one prepared command, reused for every row, inside the caller's transaction. Table, columns,
/// value converters and parameter types come from the EF model, so rows are exactly what SaveChanges would write on
/// either database, without the change tracker's cost per entity (a million gifts in seconds instead of minutes).
/// On SQLite the statement is prepared once on the connection's handle and its values bound by position: the ADO.NET
/// command looks every parameter up by name on every execution, which cost as much as the insert itself
/// (docs/performance.md). Provider types it does not know fall back to the command.
/// </summary>
internal sealed class BulkWriter<T> : IDisposable
    where T : class
{
    private readonly DbCommand command;
    private readonly Column[] columns;
    private readonly sqlite3? handle;
    private readonly sqlite3_stmt? statement;

    public BulkWriter(CrossingDbContext db, DbTransaction transaction)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        // Database-generated keys (long identity ids) are left to the database.
        var properties = entity.GetProperties()
            .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.IsKey() && p.ClrType == typeof(long)))
            .ToList();
        command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var names = new List<string>();
        var parameters = new List<string>();
        columns = new Column[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var p = properties[i];
            var mapping = (RelationalTypeMapping)p.GetTypeMapping();
            var name = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names.Add(sql.DelimitIdentifier(p.GetColumnName(store)!));
            parameters.Add(name);
            var parameter = mapping.CreateParameter(command, name, null, p.IsNullable);
            command.Parameters.Add(parameter);
            var getter = p.GetGetter();
            var converter = mapping.Converter;
            var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? p.ClrType) ?? converter?.ProviderClrType ?? p.ClrType;
            columns[i] = new Column(e => getter.GetClrValue(e), converter is null ? null : converter.ConvertToProvider, parameter,
                KindOf(providerType, parameter));
        }
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", parameters)})";
        if (transaction.Connection is SqliteConnection sqlite && columns.All(c => c.Kind != Kind.Other))
        {
            handle = sqlite.Handle!;
            Check(raw.sqlite3_prepare_v2(handle, command.CommandText, out statement));
        }
    }

    /// <summary>True when rows go through the raw SQLite statement rather than the ADO.NET command.</summary>
    internal bool BindsByPosition => statement is not null;

    public Task WriteAsync(T row, CancellationToken ct)
    {
        if (statement is null)
            return WriteByCommandAsync(row, ct);
        ct.ThrowIfCancellationRequested();
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            var value = column.Get(row);
            if (value is not null && column.Convert is not null)
                value = column.Convert(value);
            var index = i + 1;
            var rc = value is null ? raw.sqlite3_bind_null(statement, index) : column.Kind switch
            {
                Kind.Text => raw.sqlite3_bind_text(statement, index, (string)value),
                Kind.Integer => raw.sqlite3_bind_int64(statement, index, System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
                Kind.Boolean => raw.sqlite3_bind_int64(statement, index, (bool)value ? 1 : 0),
                Kind.Real => raw.sqlite3_bind_double(statement, index, System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
                Kind.Blob => raw.sqlite3_bind_blob(statement, index, (byte[])value),
                Kind.GuidText => raw.sqlite3_bind_text(statement, index, ((Guid)value).ToString().ToUpperInvariant()),
                Kind.GuidBlob => raw.sqlite3_bind_blob(statement, index, ((Guid)value).ToByteArray()),
                _ => throw new InvalidOperationException("A column kind without a binding."),
            };
            Check(rc);
        }
        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (step != raw.SQLITE_DONE)
            Check(step);
        return Task.CompletedTask;
    }

    private async Task WriteByCommandAsync(T row, CancellationToken ct)
    {
        foreach (var column in columns)
        {
            var value = column.Get(row);
            if (value is not null && column.Convert is not null)
                value = column.Convert(value);
            column.Parameter.Value = value ?? DBNull.Value;
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>How Microsoft.Data.Sqlite would bind a value of this provider type with this parameter's declared type.</summary>
    private static Kind KindOf(Type type, DbParameter parameter)
    {
        if (type == typeof(string))
            return Kind.Text;
        if (type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) || type == typeof(uint))
            return Kind.Integer;
        if (type == typeof(bool))
            return Kind.Boolean;
        if (type == typeof(double) || type == typeof(float))
            return Kind.Real;
        if (type == typeof(byte[]))
            return Kind.Blob;
        if (type == typeof(Guid) && parameter is SqliteParameter guid)
            return guid.SqliteType == SqliteType.Blob ? Kind.GuidBlob : Kind.GuidText;
        return Kind.Other;
    }

    private void Check(int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW)
            return;
        throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(handle));
    }

    public void Dispose()
    {
        statement?.Dispose();
        command.Dispose();
    }

    private enum Kind
    {
        Other,
        Text,
        Integer,
        Boolean,
        Real,
        Blob,
        GuidText,
        GuidBlob,
    }

    private sealed record Column(Func<T, object?> Get, Func<object?, object?>? Convert, DbParameter Parameter, Kind Kind);
}
