using System.Data.Common;
using ExportTaxCheck.Engine.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Plain ADO.NET commands on a step's connection, with the conventions of the EF Core model they share the tables with:
/// times as UTC ticks on SQLite and as <c>timestamptz</c> on PostgreSQL, enums as their names. Each command counts as one
/// statement in <c>workflow.db.commands</c>, as the EF Core ones do.
/// </summary>
internal sealed class StepSql(DbConnection connection, DbTransaction? transaction, EngineTelemetry telemetry)
{
    private readonly bool _sqlite = connection is SqliteConnection;
    private bool _enlisted;

    public DbTransaction? Transaction => transaction;

    /// <summary><paramref name="db"/>, made to run its commands in this transaction (once).</summary>
    public async Task<WorkflowDbContext> EnlistAsync(WorkflowDbContext db, CancellationToken ct)
    {
        if (!_enlisted && transaction is not null)
        {
            await db.Database.UseTransactionAsync(transaction, ct);
            _enlisted = true;
        }
        return db;
    }

    /// <summary>Lets <paramref name="db"/> go of the committed transaction, so the context can run another.</summary>
    public async Task LeaveAsync(WorkflowDbContext db, CancellationToken ct)
    {
        if (_enlisted)
            await db.Database.UseTransactionAsync(null, ct);
        _enlisted = false;
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

    public void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        // With its prefix: Microsoft.Data.Sqlite otherwise looks the name up once per prefix it knows, on every execution.
        parameter.ParameterName = "@" + name;
        parameter.Value = Value(value);
        command.Parameters.Add(parameter);
    }

    /// <summary>A value as the column stores it.</summary>
    public object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => _sqlite ? time.UtcTicks : time.ToUniversalTime(),
        Enum member => member.ToString(),
        _ => value,
    };

    /// <summary>
    /// Writes <paramref name="rows"/> with one command (SQLite keeps its statement prepared between executions): <paramref name="sql"/> names its parameters
    /// <c>@p0</c>, <c>@p1</c>… in the order <paramref name="values"/> gives them.
    /// </summary>
    public async Task<int> ExecuteEachAsync<T>(string sql, IReadOnlyCollection<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        if (rows.Count == 0)
            return 0;
        await using var command = Command(sql);
        var affected = 0;
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
            var text = new System.Text.StringBuilder($"INSERT INTO \"{table}\" ({columns}) VALUES ");
            await using var command = Command("");
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                var items = values(chunk[r]);
                for (var i = 0; i < items.Length; i++, n++)
                {
                    var name = "p" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    text.Append(i == 0 ? "@" : ", @").Append(name);
                    Add(command, name, items[i]);
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            affected += await command.ExecuteNonQueryAsync(ct);
        }
        return affected;
    }

    /// <summary>Rows per multi-row insert: well under both databases' limits on parameters per statement.</summary>
    public const int RowsPerInsert = 50;

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql);
        foreach (var (name, value) in parameters)
            Add(command, name, value);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public DateTimeOffset Time(DbDataReader reader, int ordinal) =>
        _sqlite ? new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero) : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public DateTimeOffset? NullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A unique-key violation (SQLite's constraint error, PostgreSQL's 23505).</summary>
    public static bool IsUniqueViolation(DbException ex) =>
        ex is SqliteException { SqliteErrorCode: 19 } || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
