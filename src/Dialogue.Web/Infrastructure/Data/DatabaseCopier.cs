using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Dialogue.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// Copies every table of the EF model from one database to another, provider to provider (SQLite to PostgreSQL).
/// It works from the model, not from a list: tables in foreign-key order, columns converted through each provider's
/// own type mappings, so a table added to the model later is copied without a change here.
/// </summary>
public sealed class DatabaseCopier(TextWriter log)
{
    private const int MaxParametersPerInsert = 30_000;
    private const int MaxRowsPerInsert = 500;

    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;
    private static readonly ConcurrentDictionary<Type, Func<DbDataReader, int, object>> Readers = new();

    public sealed record TableCopy(string Table, long Rows);

    /// <summary>
    /// Migrates <paramref name="target"/>, refuses it unless it holds nothing but the migrations' own seed rows, copies
    /// every table in one transaction, checks that each table has as many rows as the source, then commits.
    /// </summary>
    public async Task<IReadOnlyList<TableCopy>> CopyAsync(DialogueDbContext source, DialogueDbContext target, CancellationToken ct)
    {
        var pending = (await source.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new CopyRefusedException(
                $"The source database lacks migrations ({string.Join(", ", pending)}): start this version of the app on it once, stop it, then copy.");
        }

        log.WriteLine("Migrating the target database…");
        await target.Database.MigrateAsync(ct);

        var sourceTables = RelationalModel(source).Tables.ToDictionary(t => t.Name);
        var targetTables = InForeignKeyOrder(RelationalModel(target).Tables.ToList());

        await source.Database.OpenConnectionAsync(ct);
        try
        {
            // One read transaction: a consistent snapshot even if something writes to the source meanwhile.
            await using var read = await source.Database.BeginTransactionAsync(ct);
            await using var write = await target.Database.BeginTransactionAsync(ct);

            foreach (var table in targetTables)
            {
                var rows = await CountAsync(target, table, ct);
                var seeded = table.EntityTypeMappings.Sum(m => m.TypeBase is IEntityType e ? e.GetSeedData().Count() : 0);
                if (rows > seeded)
                {
                    throw new CopyRefusedException(
                        $"The target database is not empty: table {table.Name} has {rows} rows. Copy into a new, empty database.");
                }
            }
            // Only the migrations' seed rows are there; the source's own versions of them replace them.
            foreach (var table in Enumerable.Reverse(targetTables))
            {
                await ExecuteAsync(target, $"DELETE FROM {Quote(target, table)}", ct);
            }

            var copies = new List<TableCopy>();
            foreach (var table in targetTables)
            {
                if (!sourceTables.TryGetValue(table.Name, out var sourceTable))
                {
                    log.WriteLine($"  {table.Name}: not in the source model, left empty");
                    continue;
                }
                var copied = await CopyTableAsync(source, sourceTable, target, table, ct);
                log.WriteLine($"  {table.Name}: {copied} rows");
                copies.Add(new TableCopy(table.Name, copied));
            }
            if (target.Database.IsNpgsql())
            {
                await ResetIdentitySequencesAsync(target, targetTables, ct);
            }

            foreach (var copy in copies)
            {
                var inSource = await CountAsync(source, sourceTables[copy.Table], ct);
                var inTarget = await CountAsync(target, targetTables.Single(t => t.Name == copy.Table), ct);
                if (inSource != inTarget || inTarget != copy.Rows)
                {
                    throw new InvalidOperationException(
                        $"Row counts differ for {copy.Table}: {inSource} in the source, {inTarget} in the target; nothing was committed.");
                }
            }
            await write.CommitAsync(ct);
            log.WriteLine($"Copied {copies.Count} tables, {copies.Sum(c => c.Rows)} rows; row counts verified.");
            return copies;
        }
        finally
        {
            await source.Database.CloseConnectionAsync();
        }
    }

    private static IRelationalModel RelationalModel(DbContext db) =>
        db.GetService<IDesignTimeModel>().Model.GetRelationalModel();

    /// <summary>Principal tables before their dependents; a table's references to itself are ordered row by row.</summary>
    internal static List<ITable> InForeignKeyOrder(List<ITable> tables)
    {
        var ordered = new List<ITable>();
        var placed = new HashSet<ITable>();
        var remaining = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining
                .Where(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || placed.Contains(fk.PrincipalTable) || !tables.Contains(fk.PrincipalTable)))
                .ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException(
                    $"The tables {string.Join(", ", remaining.Select(t => t.Name))} reference each other in a cycle; the copy cannot order them.");
            }
            foreach (var table in ready)
            {
                ordered.Add(table);
                placed.Add(table);
                remaining.Remove(table);
            }
        }
        return ordered;
    }

    private static async Task<long> CopyTableAsync(DialogueDbContext source, ITable from, DialogueDbContext target, ITable to, CancellationToken ct)
    {
        var columns = new List<(IColumn From, IColumn To)>();
        foreach (var column in to.Columns)
        {
            if (column.ComputedColumnSql is not null)
            {
                continue;
            }
            if (from.FindColumn(column.Name) is { } sourceColumn)
            {
                columns.Add((sourceColumn, column));
            }
        }
        var lost = from.Columns.Where(c => c.ComputedColumnSql is null && to.FindColumn(c.Name) is null).Select(c => c.Name).ToList();
        if (lost.Count > 0)
        {
            throw new InvalidOperationException($"The target's table {to.Name} has no column for {string.Join(", ", lost)}; nothing was committed.");
        }

        await using var select = source.Database.GetDbConnection().CreateCommand();
        select.Transaction = source.Database.CurrentTransaction!.GetDbTransaction();
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(source, c.From.Name)))} FROM {Quote(source, from)}";
        await using var reader = await select.ExecuteReaderAsync(ct);

        var rows = ReadRowsAsync(reader, columns, ct);
        var selfReferences = to.ForeignKeyConstraints.Where(fk => fk.PrincipalTable == to).ToList();
        if (selfReferences.Count > 0)
        {
            rows = ParentsFirst(await ToListAsync(rows, ct), columns.Select(c => c.To).ToList(), selfReferences, to.Name).ToAsyncEnumerable();
        }

        var insertColumns = columns.Select(c => c.To).ToList();
        var batchSize = Math.Max(1, Math.Min(MaxRowsPerInsert, MaxParametersPerInsert / Math.Max(1, insertColumns.Count)));
        var batch = new List<object?[]>(batchSize);
        long count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count == batchSize)
            {
                count += await InsertAsync(target, to, insertColumns, batch, ct);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            count += await InsertAsync(target, to, insertColumns, batch, ct);
        }
        return count;
    }

    private static async IAsyncEnumerable<object?[]> ReadRowsAsync(
        DbDataReader reader,
        List<(IColumn From, IColumn To)> columns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, ct) ? null : Convert(reader, i, MappingOf(columns[i].From));
            }
            yield return row;
        }
    }

    /// <summary>A property's own mapping carries its value converter (an enum stored by name, say); the column's store mapping may not.</summary>
    private static RelationalTypeMapping MappingOf(IColumn column) =>
        column.PropertyMappings.Count > 0 ? column.PropertyMappings[0].TypeMapping : column.StoreTypeMapping;

    /// <summary>Source provider value → model value (through the source's converter); the target's mapping converts it on insert.</summary>
    private static object? Convert(DbDataReader reader, int ordinal, RelationalTypeMapping from)
    {
        var providerType = from.Converter?.ProviderClrType ?? from.ClrType;
        providerType = Nullable.GetUnderlyingType(providerType) ?? providerType;
        var read = Readers.GetOrAdd(providerType, type =>
        {
            var method = GetFieldValue.MakeGenericMethod(type);
            return (r, i) => method.Invoke(r, [i])!;
        });
        var value = read(reader, ordinal);
        if (from.Converter is { } fromConverter)
        {
            value = fromConverter.ConvertFromProvider(value);
        }
        if (value is DateTimeOffset instant)
        {
            // Every instant is stored in UTC; PostgreSQL's timestamptz accepts nothing else.
            value = instant.ToUniversalTime();
        }
        return value;
    }

    private static async Task<int> InsertAsync(DbContext target, ITable table, List<IColumn> columns, List<object?[]> rows, CancellationToken ct)
    {
        await using var insert = target.Database.GetDbConnection().CreateCommand();
        insert.Transaction = target.Database.CurrentTransaction!.GetDbTransaction();
        var values = new List<string>(rows.Count);
        var n = 0;
        foreach (var row in rows)
        {
            var names = new string[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                names[i] = "@p" + n++;
                insert.Parameters.Add(MappingOf(columns[i]).CreateParameter(insert, names[i], row[i], nullable: true));
            }
            values.Add("(" + string.Join(", ", names) + ")");
        }
        insert.CommandText = $"INSERT INTO {Quote(target, table)} ({string.Join(", ", columns.Select(c => Quote(target, c.Name)))}) VALUES {string.Join(", ", values)}";
        return await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Orders a table's rows so that a row it references through its own foreign keys is inserted before it.</summary>
    private static List<object?[]> ParentsFirst(List<object?[]> rows, List<IColumn> columns, List<IForeignKeyConstraint> selfReferences, string table)
    {
        string? Key(object?[] row, IReadOnlyList<IColumn> keyColumns)
        {
            var parts = new string[keyColumns.Count];
            for (var i = 0; i < keyColumns.Count; i++)
            {
                var index = columns.IndexOf((IColumn)keyColumns[i]);
                if (index < 0 || row[index] is null)
                {
                    return null;
                }
                parts[i] = System.Convert.ToString(row[index], System.Globalization.CultureInfo.InvariantCulture)!;
            }
            return string.Join('\u001f', parts);
        }

        var ordered = new List<object?[]>(rows.Count);
        var inserted = selfReferences.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        var present = selfReferences.Select(fk => rows.Select(r => Key(r, fk.PrincipalColumns)).OfType<string>().ToHashSet(StringComparer.Ordinal)).ToList();
        var remaining = rows;
        while (remaining.Count > 0)
        {
            var next = new List<object?[]>();
            foreach (var row in remaining)
            {
                var ready = true;
                for (var f = 0; f < selfReferences.Count && ready; f++)
                {
                    var parent = Key(row, selfReferences[f].Columns);
                    ready = parent is null || !present[f].Contains(parent) || inserted[f].Contains(parent);
                }
                if (!ready)
                {
                    next.Add(row);
                    continue;
                }
                ordered.Add(row);
                for (var f = 0; f < selfReferences.Count; f++)
                {
                    if (Key(row, selfReferences[f].PrincipalColumns) is { } key)
                    {
                        inserted[f].Add(key);
                    }
                }
            }
            if (next.Count == remaining.Count)
            {
                throw new InvalidOperationException($"Rows of {table} reference each other in a cycle; the copy cannot order them.");
            }
            remaining = next;
        }
        return ordered;
    }

    /// <summary>Identity columns were given explicit values, so each sequence is moved past the largest copied one.</summary>
    private static async Task ResetIdentitySequencesAsync(DbContext target, List<ITable> tables, CancellationToken ct)
    {
        foreach (var table in tables)
        {
            foreach (var column in table.Columns.Where(c => c.ProviderClrType == typeof(int) || c.ProviderClrType == typeof(long) || c.ProviderClrType == typeof(short)))
            {
                await using var command = target.Database.GetDbConnection().CreateCommand();
                command.Transaction = target.Database.CurrentTransaction!.GetDbTransaction();
                command.CommandText =
                    $"SELECT setval(s, (SELECT COALESCE(MAX({Quote(target, column.Name)}), 0) + 1 FROM {Quote(target, table)}), false) "
                    + $"FROM pg_get_serial_sequence(@table, @column) AS s WHERE s IS NOT NULL";
                var tableParameter = command.CreateParameter();
                tableParameter.ParameterName = "table";
                tableParameter.Value = Quote(target, table);
                command.Parameters.Add(tableParameter);
                var columnParameter = command.CreateParameter();
                columnParameter.ParameterName = "column";
                columnParameter.Value = column.Name;
                command.Parameters.Add(columnParameter);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static async Task<long> CountAsync(DbContext db, ITable table, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(db, table)}";
        if (command.Connection!.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        return System.Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(DbContext db, ITable table) =>
        db.GetService<ISqlGenerationHelper>().DelimitIdentifier(table.Name, table.Schema);

    private static string Quote(DbContext db, string identifier) =>
        db.GetService<ISqlGenerationHelper>().DelimitIdentifier(identifier);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(ct))
        {
            list.Add(item);
        }
        return list;
    }
}

/// <summary>The copy would overwrite data or read an outdated source; nothing was changed in the target's tables.</summary>
public sealed class CopyRefusedException(string message) : Exception(message);
