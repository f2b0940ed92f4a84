using Crossing.Core.Funding;
using Crossing.Core.Funding.Imports;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Funding;

/// <summary>
/// The importer's bulk writer binds SQLite values by position on the raw statement; a row it writes must be stored
/// exactly as SaveChanges stores it (same storage class and bytes in every column), or queries and the ledger check
/// would disagree with imported data. Each table is emptied and written back from its EF-loaded entities.
/// </summary>
public sealed class BulkWriterTests
{
    [Fact]
    public async Task Rows_written_in_bulk_are_stored_exactly_as_SaveChanges_stores_them()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.GiveAsync("pi_bulk", 1234, email: "지민.bulk@example.org");
        await world.WithAsync(sp => sp.GetRequiredService<Campaigns>().AddFundraiserAsync("c-bulk", "Run for freedom", "rescue"));

        await world.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            await RoundTripAsync<Gift>(db, "gifts");
            await RoundTripAsync<Donor>(db, "donors");
            await RoundTripAsync<DataKey>(db, "data_keys");
            await RoundTripAsync<BlindIndexEntry>(db, "blind_index_entries", "Id");
            await RoundTripAsync<LedgerTransfer>(db, "ledger_transfers", "Id");
            await RoundTripAsync<Fundraiser>(db, "fundraisers");
            return 0;
        });
        var check = await world.CheckAsync();
        Assert.True(check.Holds, string.Join("; ", check.Violations));
    }

    [Fact]
    public async Task A_constraint_the_raw_statement_breaks_is_raised_and_nothing_of_the_batch_stays()
    {
        await using var world = await FundingWorld.CreateAsync();
        await world.GiveAsync("pi_once", 500);
        var before = await world.CountAsync<LedgerTransfer>();
        var error = await Assert.ThrowsAsync<SqliteException>(() => world.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            var existing = await db.Set<LedgerTransfer>().AsNoTracking().FirstAsync();
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var writer = new BulkWriter<LedgerTransfer>(db, transaction.GetDbTransaction());
            await writer.WriteAsync(new LedgerTransfer("fresh-key", existing.DebitAccountId, existing.CreditAccountId, Money.Of(1, "USD"), "gift", null, DateTimeOffset.UnixEpoch), default);
            // The same idempotency key again: the unique index refuses it.
            await writer.WriteAsync(new LedgerTransfer(existing.Key, existing.DebitAccountId, existing.CreditAccountId, Money.Of(1, "USD"), "gift", null, DateTimeOffset.UnixEpoch), default);
            await transaction.CommitAsync();
            return 0;
        }));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(before, await world.CountAsync<LedgerTransfer>());
    }

    private static async Task RoundTripAsync<T>(CrossingDbContext db, string table, string? generatedKey = null)
        where T : class
    {
        var before = await RowsAsync(db, table, generatedKey);
        Assert.NotEmpty(before);
        var entities = await db.Set<T>().AsNoTracking().ToListAsync();
        await db.Database.OpenConnectionAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON");
#pragma warning disable EF1002 // the table name is a constant of this test
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table}\"");
#pragma warning restore EF1002
            using var writer = new BulkWriter<T>(db, transaction.GetDbTransaction());
            Assert.True(writer.BindsByPosition, $"{typeof(T).Name} has a column the raw statement cannot bind");
            foreach (var entity in entities)
                await writer.WriteAsync(entity, default);
            await transaction.CommitAsync();
        }
        Assert.Equal(before, await RowsAsync(db, table, generatedKey));
    }

    /// <summary>Every column as SQLite's quote() shows it: the storage class is visible (text quoted, blobs as X'..').</summary>
    private static async Task<List<string>> RowsAsync(CrossingDbContext db, string table, string? generatedKey)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                columns.Add(reader.GetString(0));
        }
        columns.Remove(generatedKey ?? "");
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"quote(\"{c}\")"))} FROM \"{table}\"";
        var rows = new List<string>();
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                rows.Add(reader.GetString(0));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
