using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// Cost of one workflow step (resume a bookmark → run → commit), next to a bare transaction that writes the same rows
/// with the same sizes through the database's own ADO.NET driver (Microsoft.Data.Sqlite or Npgsql) directly.
/// </summary>
public static class StepBenchmark
{
    /// <summary>On a SQLite file of its own.</summary>
    public static async Task RunAsync(int instances)
    {
        var directory = Directory.CreateTempSubdirectory("etc-bench-").FullName;
        var databasePath = Path.Combine(directory, "bench.db");
        Console.WriteLine($"ExportTaxCheck step benchmark — {instances} instances, SQLite file {databasePath}");
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}");
        var rows = await RunAsync(new DatabaseOptions { ConnectionString = $"Data Source={databasePath}" }, instances);
        Console.WriteLine();
        Console.WriteLine(Stats.Header);
        foreach (var row in rows)
            Console.WriteLine(row.Row());
        Console.WriteLine();
        Console.WriteLine($"engine overhead per resume step (p50): {rows[1].Percentile(50) - rows[2].Percentile(50):0} µs; step/bare ratio (p50): {rows[1].Percentile(50) / rows[2].Percentile(50):0.00}×");
        Console.WriteLine($"start + resume, process CPU per instance: {rows[0].CpuMicrosPerOp + rows[1].CpuMicrosPerOp:0} µs (SQLite file, durable)");
        Console.WriteLine("peer: " + await PeerBenchmark.RunAsync(instances));
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Starts, resumes and bare-writes <paramref name="instances"/> instances on <paramref name="database"/>: the three rows.</summary>
    public static async Task<Stats[]> RunAsync(DatabaseOptions database, int instances)
    {
        await using var services = Engine.Create(database);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        var definitions = services.GetRequiredService<DefinitionService>();
        var runtime = services.GetRequiredService<WorkflowClient>();
        await definitions.SaveAsync(TaskFlow(), publish: true, default);

        var start = new Stats("start: run to first task, commit");
        var taskIds = new List<string>(instances);
        await start.MeasureCpuAsync(async () =>
        {
            for (var i = 0; i < instances; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var result = await runtime.StartAsync(new StartWorkflowRequest("bench", CorrelationId: "case-" + i), default);
                start.Add(t0);
                taskIds.Add(result.Bookmarks[0].Payload!["taskId"]!.GetValue<string>());
            }
        });

        // What one resume step writes, measured on a sample step, so the bare transaction writes the same.
        var shape = await MeasureStepShapeAsync(services, runtime, taskIds[0]);

        var resume = new Stats("resume: task complete → run → commit");
        await resume.MeasureCpuAsync(async () =>
        {
            for (var i = 1; i < taskIds.Count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await runtime.CompleteTaskAsync(taskIds[i], JsonValue.Create("ok"), "bench-" + i, default);
                resume.Add(t0);
            }
        });

        var bare = await BareTransactionsAsync(database, shape, instances - 1);
        Console.WriteLine($"  A resume step reads the instance and bookmark and writes: 1 instance row ({shape.StateBytes} B state), " +
                          $"{shape.BookmarkUpdates} bookmark update(s), {shape.JournalInserts} journal insert(s), {shape.JournalUpdates} journal update(s), {shape.LogInserts} journal event(s), 1 idempotency row.");
        return [start, resume, bare];
    }

    private sealed record StepShape(int StateBytes, int BookmarkUpdates, int JournalInserts, int JournalUpdates, int JournalPayloadBytes, int LogInserts);

    private static async Task<StepShape> MeasureStepShapeAsync(IServiceProvider services, WorkflowClient runtime, string taskId)
    {
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var hash = TaskBookmarks.Hash(taskId);
        var bookmark = await db.Bookmarks.AsNoTracking().SingleAsync(b => b.Hash == hash);
        var journalBefore = await db.ActivityExecutions.CountAsync(r => r.InstanceId == bookmark.InstanceId);
        var logBefore = await db.ExecutionLog.CountAsync(r => r.InstanceId == bookmark.InstanceId);
        await runtime.CompleteTaskAsync(taskId, JsonValue.Create("ok"), "bench-0", default);
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == bookmark.InstanceId);
        var journal = await db.ActivityExecutions.AsNoTracking().Where(r => r.InstanceId == bookmark.InstanceId).ToListAsync();
        var inserts = journal.Count - journalBefore;
        var logInserts = await db.ExecutionLog.CountAsync(r => r.InstanceId == bookmark.InstanceId) - logBefore;
        // The RunTask record and the flowchart record existed (Suspended/Running) and are updated.
        return new StepShape(instance.State.Length, 1, inserts, 2, (int)journal.Average(r => (r.Payload?.Length ?? 0) + (r.Outcomes?.Length ?? 0)), logInserts);
    }

    private static async Task<Stats> BareTransactionsAsync(DatabaseOptions database, StepShape shape, int count)
    {
        var stats = new Stats($"bare {(database.IsPostgreSql ? "PostgreSQL" : "SQLite")} transaction, same rows");
        await using DbConnection connection = database.IsPostgreSql ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var ids = new List<(string Instance, string Bookmark, List<string> Journal)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = """SELECT i."Id", b."Id" FROM "WorkflowInstances" i JOIN "Bookmarks" b ON b."InstanceId" = i."Id" LIMIT @n""";
            Add(read, "n", count);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                ids.Add((reader.GetString(0), reader.GetString(1), []));
        }

        foreach (var row in ids)
        {
            await using var journal = connection.CreateCommand();
            journal.CommandText = """SELECT "Id" FROM "ActivityExecutions" WHERE "InstanceId" = @id LIMIT 2""";
            Add(journal, "id", row.Instance);
            await using var reader = await journal.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                row.Journal.Add(reader.GetString(0));
        }

        var state = new string('x', shape.StateBytes);
        var payload = new string('y', shape.JournalPayloadBytes);
        // SQLite keeps times as UTC ticks, PostgreSQL as timestamptz.
        object now = database.IsPostgreSql ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.UtcTicks;
        var n = 0;
        await stats.MeasureCpuAsync(async () =>
        {
            foreach (var (instanceId, bookmarkId, journalIds) in ids)
            {
                var t0 = Stopwatch.GetTimestamp();
                await using var tx = await connection.BeginTransactionAsync();
                await Exec(connection, tx, """UPDATE "WorkflowInstances" SET "State" = @s, "Status" = 'Finished', "UpdatedAt" = @t, "Revision" = "Revision" + 1 WHERE "Id" = @id""",
                    ("s", state), ("t", now), ("id", instanceId));
                await Exec(connection, tx, """UPDATE "Bookmarks" SET "Status" = 'Consumed', "ClosedAt" = @t WHERE "Id" = @id""", ("t", now), ("id", bookmarkId));
                foreach (var journalId in journalIds.Take(shape.JournalUpdates))
                    await Exec(connection, tx, """UPDATE "ActivityExecutions" SET "Status" = 'Completed', "CompletedAt" = @t, "Payload" = @p WHERE "Id" = @id""", ("t", now), ("p", payload), ("id", journalId));
                for (var j = 0; j < shape.JournalInserts; j++)
                {
                    await Exec(connection, tx,
                        """INSERT INTO "ActivityExecutions" ("Id", "InstanceId", "ActivityId", "ActivityType", "Status", "Attempt", "StartedAt", "CompletedAt", "Payload", "HasBookmarks", "Sequence") """ +
                        "VALUES (@id, @i, 'done', 'Elsa.WriteLine', 'Completed', 1, @t, @t, @p, false, 9)",
                        ("id", Guid.NewGuid().ToString("N")), ("i", instanceId), ("t", now), ("p", payload));
                }
                for (var j = 0; j < shape.LogInserts; j++)
                {
                    await Exec(connection, tx,
                        """INSERT INTO "ExecutionLog" ("Id", "InstanceId", "ActivityExecutionId", "ActivityId", "NodeId", "ActivityType", "EventName", "Timestamp", "Sequence") """ +
                        "VALUES (@id, @i, @e, 'done', 'flowchart:done', 'Elsa.WriteLine', 'Completed', @t, 9)",
                        ("id", Guid.NewGuid().ToString("N")), ("i", instanceId), ("e", journalIds.FirstOrDefault() ?? "x"), ("t", now));
                }
                await Exec(connection, tx, """INSERT INTO "IdempotencyKeys" ("Key", "Operation", "RequestHash", "StatusCode", "Response", "CreatedAt") VALUES (@k, 'task', @h, 200, @r, @t)""",
                    ("k", "bare-" + n++), ("h", new string('h', 64)), ("r", state[..Math.Min(state.Length, 600)]), ("t", now));
                await tx.CommitAsync();
                stats.Add(t0);
            }
        });
        return stats;
    }

    private static async Task Exec(DbConnection connection, DbTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
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

    public static WorkflowDefinitionModel TaskFlow() => WorkflowJson.Parse("""
        {
          "definitionId": "bench",
          "name": "Benchmark: wait on a task, then write",
          "root": {
            "id": "flowchart", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "start", "type": "Elsa.Start" },
              { "id": "task", "type": "Elsa.RunTask", "taskName": { "typeName": "String", "expression": { "type": "Literal", "value": "Review" } } },
              { "id": "done", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "reviewed" } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "task", "port": "In" } },
              { "source": { "activity": "task", "port": "Done" }, "target": { "activity": "done", "port": "In" } }
            ]
          }
        }
        """);
}
