using System.Data.Common;
using System.Diagnostics;
using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// A transaction that writes the rows of one resume step (the same tables, row counts and sizes) through the database's
/// own ADO.NET driver on one open connection, with nothing else: what a step would cost if the engine were free. Plain,
/// each statement is a new command, compiled by the database for that command alone, as a program using the driver
/// directly writes it; <c>prepared</c>, the writer keeps one prepared command per statement on its connection and only
/// binds new values, as the engine's step does on SQLite.
/// </summary>
internal sealed class BareWriter : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly StepBenchmark.StepShape _shape;
    private readonly Queue<(string Instance, string Bookmark, List<string> Journal)> _rows;
    private readonly string _state;
    private readonly string _payload;
    private readonly object _now;
    private readonly Dictionary<string, DbCommand>? _prepared;
    private int _keys;

    private BareWriter(DbConnection connection, StepBenchmark.StepShape shape, Queue<(string, string, List<string>)> rows, bool postgreSql, bool prepared)
    {
        _prepared = prepared ? new Dictionary<string, DbCommand>(StringComparer.Ordinal) : null;
        _connection = connection;
        _shape = shape;
        _rows = rows;
        _state = new string('x', shape.StateBytes);
        _payload = new string('y', shape.JournalPayloadBytes);
        // SQLite keeps times as UTC ticks, PostgreSQL as timestamptz.
        _now = postgreSql ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.UtcTicks;
        Stats = new Stats($"bare {(postgreSql ? "PostgreSQL" : "SQLite")} transaction, same rows{(prepared ? ", prepared" : "")}");
    }

    public Stats Stats { get; }

    /// <summary>Opens the connection and reads the bookmark and two journal ids of each of <paramref name="instanceIds"/>.</summary>
    public static async Task<BareWriter> OpenAsync(DatabaseOptions database, StepBenchmark.StepShape shape, IReadOnlyList<string> instanceIds, bool prepared = false)
    {
        // On SQLite a connection of its own (not one of the engine's pooled ones, which commit without waiting for the disk)
        // whose every commit waits for the disk: the durable transaction a step is compared with.
        DbConnection connection = database.IsPostgreSql
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        if (!database.IsPostgreSql)
        {
            await using var durable = connection.CreateCommand();
            durable.CommandText = "PRAGMA synchronous = FULL;";
            await durable.ExecuteNonQueryAsync();
        }
        var rows = new Queue<(string, string, List<string>)>();
        foreach (var instanceId in instanceIds)
        {
            await using var read = connection.CreateCommand();
            read.CommandText = """SELECT b."Id" FROM "Bookmarks" b WHERE b."InstanceId" = @id LIMIT 1""";
            Add(read, "id", instanceId);
            var bookmarkId = (string)(await read.ExecuteScalarAsync())!;
            await using var journal = connection.CreateCommand();
            journal.CommandText = """SELECT "Id" FROM "ActivityExecutions" WHERE "InstanceId" = @id LIMIT 2""";
            Add(journal, "id", instanceId);
            var journalIds = new List<string>();
            await using (var reader = await journal.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    journalIds.Add(reader.GetString(0));
            }
            rows.Enqueue((instanceId, bookmarkId, journalIds));
        }
        return new BareWriter(connection, shape, rows, database.IsPostgreSql, prepared);
    }

    /// <summary>Writes the next <paramref name="count"/> instances' rows, one transaction each, and records their latencies.</summary>
    public async Task WriteAsync(int count)
    {
        for (var n = 0; n < count && _rows.TryDequeue(out var row); n++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await WriteOneAsync(row.Instance, row.Bookmark, row.Journal);
            Stats.Add(t0);
        }
    }

    private async Task WriteOneAsync(string instanceId, string bookmarkId, List<string> journalIds)
    {
        await using var tx = await _connection.BeginTransactionAsync();
        await Exec(tx, """UPDATE "WorkflowInstances" SET "State" = @s, "Status" = 'Finished', "UpdatedAt" = @t, "Revision" = "Revision" + 1 WHERE "Id" = @id""",
            ("s", _state), ("t", _now), ("id", instanceId));
        await Exec(tx, """UPDATE "Bookmarks" SET "Status" = 'Consumed', "ClosedAt" = @t WHERE "Id" = @id""", ("t", _now), ("id", bookmarkId));
        foreach (var journalId in journalIds.Take(_shape.JournalUpdates))
            await Exec(tx, """UPDATE "ActivityExecutions" SET "Status" = 'Completed', "CompletedAt" = @t, "Payload" = @p WHERE "Id" = @id""", ("t", _now), ("p", _payload), ("id", journalId));
        for (var j = 0; j < _shape.JournalInserts; j++)
        {
            await Exec(tx,
                """INSERT INTO "ActivityExecutions" ("Id", "InstanceId", "ActivityId", "ActivityType", "Status", "Attempt", "StartedAt", "CompletedAt", "Payload", "HasBookmarks", "Sequence") """ +
                "VALUES (@id, @i, 'done', 'Elsa.WriteLine', 'Completed', 1, @t, @t, @p, false, 9)",
                ("id", Guid.NewGuid().ToString("N")), ("i", instanceId), ("t", _now), ("p", _payload));
        }
        for (var j = 0; j < _shape.LogInserts; j++)
        {
            await Exec(tx,
                """INSERT INTO "ExecutionLog" ("Id", "InstanceId", "ActivityExecutionId", "ActivityId", "NodeId", "ActivityType", "EventName", "Timestamp", "Sequence") """ +
                "VALUES (@id, @i, @e, 'done', 'flowchart:done', 'Elsa.WriteLine', 'Completed', @t, 9)",
                ("id", Guid.NewGuid().ToString("N")), ("i", instanceId), ("e", journalIds.FirstOrDefault() ?? "x"), ("t", _now));
        }
        await Exec(tx, """INSERT INTO "IdempotencyKeys" ("Key", "Operation", "RequestHash", "StatusCode", "Response", "CreatedAt") VALUES (@k, 'task', @h, 200, @r, @t)""",
            ("k", (_prepared is null ? "bare-" : "bare-prepared-") + _keys++), ("h", new string('h', 64)), ("r", _state[..Math.Min(_state.Length, 600)]), ("t", _now));
        await tx.CommitAsync();
    }

    private async Task Exec(DbTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        if (_prepared is not null)
        {
            if (!_prepared.TryGetValue(sql, out var kept))
            {
                kept = _connection.CreateCommand();
                kept.CommandText = sql;
                kept.Transaction = tx;
                foreach (var (name, value) in parameters)
                    Add(kept, name, value);
                await kept.PrepareAsync();
                _prepared[sql] = kept;
            }
            kept.Transaction = tx;
            for (var i = 0; i < parameters.Length; i++)
                kept.Parameters[i].Value = parameters[i].Value;
            await kept.ExecuteNonQueryAsync();
            return;
        }
        await using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            Add(command, name, value);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared?.Values ?? Enumerable.Empty<DbCommand>())
            await command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
