using System.Data.Common;
using ExportTaxCheck.Engine.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Plain ADO.NET commands on a step's connection, with the conventions of the EF Core model they share the tables with:
/// times as UTC ticks on SQLite and as <c>timestamptz</c> on PostgreSQL, enums as their names. Each command counts as one
/// statement in <c>workflow.db.commands</c>, as the EF Core ones do.
/// </summary>
internal sealed class StepSql(DbConnection connection, DbTransaction? transaction, EngineTelemetry telemetry) : IDbQueries
{
    private readonly bool _sqlite = connection is SqliteConnection;
    private IDbContextTransaction? _enlisted;

    public DbTransaction? Transaction => transaction;

    /// <summary><paramref name="db"/>, made to run its commands in this transaction (once).</summary>
    public async Task<WorkflowDbContext> EnlistAsync(WorkflowDbContext db, CancellationToken ct)
    {
        if (_enlisted is null && transaction is not null)
        {
            // A failed step rolls back whole (or to group commit's savepoint of its own): EF Core's savepoint around each
            // SaveChanges would be two more statements per step for nothing.
            db.Database.AutoSavepointsEnabled = false;
            _enlisted = await db.Database.UseTransactionAsync(transaction, ct);
        }
        return db;
    }

    /// <summary>
    /// Lets the enlisted context go of the finished transaction, so it can run another. Disposing EF Core's handle (which
    /// does not own the transaction) also undoes the connection open that enlisting counted; only forgetting the
    /// transaction would leave that count up, and the context would come back from its pool never closing its connection.
    /// </summary>
    public async Task LeaveAsync()
    {
        if (_enlisted is not null)
            await _enlisted.DisposeAsync();
        _enlisted = null;
    }

    public DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        telemetry.CommandSent();
        return command;
    }

    /// <summary>Counts one more execution of a command already counted when it was made.</summary>
    public void Sent() => telemetry.CommandSent();

    // With its prefix: Microsoft.Data.Sqlite otherwise looks the name up once per prefix it knows, on every execution.
    public void Add(DbCommand command, string name, object? value) => AddNamed(command, "@" + name, value);

    private void AddNamed(DbCommand command, string prefixedName, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = prefixedName;
        parameter.Value = Value(value);
        command.Parameters.Add(parameter);
    }

    /// <summary>A value as the column stores it.</summary>
    public object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => _sqlite ? time.UtcTicks : time.ToUniversalTime(),
        Enum member => member.ToString(),
        Guid guid when _sqlite => guid.ToString("D").ToUpperInvariant(),
        _ => value,
    };

    /// <summary>
    /// Writes <paramref name="rows"/> with one statement kept prepared (on PostgreSQL one command, its values rebound for
    /// each row): <paramref name="sql"/> names its parameters <c>@p0</c>, <c>@p1</c>… in the order <paramref name="values"/> gives them.
    /// </summary>
    public async Task<int> ExecuteEachAsync<T>(string sql, IReadOnlyCollection<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        if (rows.Count == 0)
            return 0;
        var affected = 0;
        if (Statements is not null)
        {
            foreach (var row in rows)
                affected += await RunAsync(sql, Positional(values(row)), ct);
            return affected;
        }
        await using var command = Command(sql);
        var first = true;
        foreach (var row in rows)
        {
            var items = values(row);
            if (first)
            {
                for (var i = 0; i < items.Length; i++)
                    Add(command, "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), items[i]);
                first = false;
            }
            else
            {
                Sent();
                for (var i = 0; i < items.Length; i++)
                    command.Parameters[i].Value = Value(items[i]);
            }
            affected += await command.ExecuteNonQueryAsync(ct);
        }
        return affected;
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="table"/> with one multi-row <c>INSERT</c> per
    /// <see cref="RowsPerInsert"/> rows: one statement to parse and run instead of one per row.
    /// </summary>
    public async Task<int> InsertAsync<T>(string table, string columns, IReadOnlyCollection<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        var affected = 0;
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            var items = new List<object?>();
            var width = 0;
            foreach (var row in chunk)
            {
                var rowValues = values(row);
                width = rowValues.Length;
                items.AddRange(rowValues);
            }
            var text = InsertTexts.GetOrAdd((table, columns, chunk.Length, width), InsertText);
            affected += await RunAsync(text, Positional(items.ToArray()), ct);
        }
        return affected;
    }

    // The text of each multi-row insert, made once: (table, columns, rows, values per row).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Table, string Columns, int Rows, int Width), string> InsertTexts = new();

    private static string InsertText((string Table, string Columns, int Rows, int Width) shape)
    {
        var text = new System.Text.StringBuilder($"INSERT INTO \"{shape.Table}\" ({shape.Columns}) VALUES ");
        for (var r = 0; r < shape.Rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var i = 0; i < shape.Width; i++)
                text.Append(i == 0 ? "" : ", ").Append(ParameterName(r * shape.Width + i));
            text.Append(')');
        }
        return text.ToString();
    }

    /// <summary>Rows per multi-row insert: well under both databases' limits on parameters per statement.</summary>
    public const int RowsPerInsert = 50;

    public Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        RunAsync(sql, Prefixed(parameters), ct);

    /// <summary>The rows of one query, each made by <paramref name="read"/>; on SQLite from a statement kept prepared.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<IDbRow, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var rows = new List<T>();
        var named = Prefixed(parameters);
        if (Statements is { } statements && Bound(named) is { } bound)
        {
            Sent();
            statements.Run(Handle, sql, bound, row => rows.Add(read(row)));
            return rows;
        }
        await using var command = CommandWith(sql, named);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var current = new DbRow(reader, _sqlite);
        while (await reader.ReadAsync(ct))
            rows.Add(read(current));
        return rows;
    }

    /// <summary>A row of <paramref name="reader"/> with this database's conventions.</summary>
    public IDbRow Row(DbDataReader reader) => new DbRow(reader, _sqlite);

    /// <summary>True on SQLite: statements there are kept prepared on the connection, so one statement per command costs nothing.</summary>
    public bool IsSqlite => _sqlite;

    /// <summary>True when no transaction is open on the connection (on SQLite, whoever began it).</summary>
    public bool Autocommit => _sqlite && connection.State == System.Data.ConnectionState.Open ? SQLitePCL.raw.sqlite3_get_autocommit(Handle) != 0 : transaction is null;

    // The prepared statements of the step's SQLite connection, when it is open and keeps them.
    private SqliteStatements? Statements => _sqlite && connection.State == System.Data.ConnectionState.Open ? SqliteStatements.Of((SqliteConnection)connection) : null;

    private SQLitePCL.sqlite3 Handle => ((SqliteConnection)connection).Handle!;

    /// <summary>
    /// Runs one write whose parameters carry their <c>@</c>: on SQLite with the statement kept prepared, else (or when a
    /// value has no SQLite binding of its own) as a command.
    /// </summary>
    private async Task<int> RunAsync(string sql, (string Name, object? Value)[] named, CancellationToken ct)
    {
        if (Statements is { } statements && Bound(named) is { } bound)
        {
            Sent();
            return statements.Run(Handle, sql, bound, row: null);
        }
        await using var command = CommandWith(sql, named);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand CommandWith(string sql, (string Name, object? Value)[] named)
    {
        var command = Command(sql);
        foreach (var (name, value) in named)
            AddNamed(command, name, value);
        return command;
    }

    // The values as the columns store them, converted in place (the array is this call's own; a conversion is idempotent);
    // null when one has no SQLite binding of its own.
    private (string Name, object? Value)[]? Bound((string Name, object? Value)[] named)
    {
        for (var i = 0; i < named.Length; i++)
        {
            var value = Value(named[i].Value);
            if (!SqliteStatements.Binds(value))
                return null;
            named[i].Value = value;
        }
        return named;
    }

    private static (string Name, object? Value)[] Prefixed((string Name, object? Value)[] parameters) =>
        Array.ConvertAll(parameters, p => (AtNames.GetOrAdd(p.Name, static name => "@" + name), p.Value));

    // Parameter names with their prefix, made once each (the names are the statements' own).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AtNames = new(StringComparer.Ordinal);

    // Named @p0, @p1… in order.
    private static (string Name, object? Value)[] Positional(object?[] items)
    {
        var named = new (string, object?)[items.Length];
        for (var i = 0; i < items.Length; i++)
            named[i] = (ParameterName(i), items[i]);
        return named;
    }

    private static readonly string[] Names = Enumerable.Range(0, RowsPerInsert * 32).Select(i => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string ParameterName(int i) => i < Names.Length ? Names[i] : "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A unique-key violation (SQLite's constraint error, PostgreSQL's 23505).</summary>
    public static bool IsUniqueViolation(DbException ex) =>
        ex is SqliteException { SqliteErrorCode: 19 } || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
