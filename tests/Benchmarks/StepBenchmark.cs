using System.Diagnostics;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// Cost of one workflow step (resume a bookmark → run → commit), next to a bare transaction that writes the same rows
/// with the same sizes through the database's own ADO.NET driver (Microsoft.Data.Sqlite or Npgsql) directly: plain (a
/// new command per statement) and, as a second row, with its statements kept prepared.
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
        Console.WriteLine($"engine overhead per resume step (p50): {rows[1].Percentile(50) - rows[2].Percentile(50):0} µs; step/bare ratio (p50): {rows[1].Percentile(50) / rows[2].Percentile(50):0.00}×; " +
                          $"step/bare with its statements prepared (p50): {rows[1].Percentile(50) / rows[3].Percentile(50):0.00}×");
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
        // A step is done, as the Host answers it, once its commit is on disk: the shared write of the log is measured with it
        // (on SQLite; a PostgreSQL commit waits for its own), as the bare transaction's commit waits for the disk.
        var commits = services.GetRequiredService<DurableCommits>();
        await definitions.SaveAsync(TaskFlow(), publish: true, default);

        var start = new Stats("start: run to first task, commit");
        var taskIds = new List<string>(instances);
        var startedIds = new List<string>(instances);
        await start.MeasureCpuAsync(async () =>
        {
            for (var i = 0; i < instances; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var result = await runtime.StartAsync(new StartWorkflowRequest("bench", CorrelationId: "case-" + i), default);
                await commits.FlushAsync(default);
                start.Add(t0);
                taskIds.Add(result.Bookmarks[0].Payload!["taskId"]!.GetValue<string>());
                startedIds.Add(result.InstanceId);
            }
        });

        // What one resume step writes, measured on a sample step, so the bare transaction writes the same.
        var shape = await MeasureStepShapeAsync(services, runtime, taskIds[0]);

        // Resumes (odd instances) and bare transactions (on the even ones) take turns in blocks, so a busy machine slows
        // both alike and their ratio holds.
        var resume = new Stats("resume: task complete → run → commit");
        // The even instances, half to the plain bare writer and half to the one that keeps its statements prepared.
        var even = Enumerable.Range(0, instances / 2).Select(i => 2 * i + 2).Where(i => i < instances).ToList();
        await using var bare = await BareWriter.OpenAsync(database, shape, even.Where(i => i % 4 == 2).Select(i => startedIds[i]).ToList());
        await using var prepared = await BareWriter.OpenAsync(database, shape, even.Where(i => i % 4 == 0).Select(i => startedIds[i]).ToList(), prepared: true);
        const int block = 25;
        for (var from = 1; from < taskIds.Count; from += 2 * block)
        {
            var first = from;
            await resume.MeasureCpuAsync(async () =>
            {
                for (var i = first; i < Math.Min(first + 2 * block, taskIds.Count); i += 2)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await runtime.CompleteTaskAsync(taskIds[i], JsonValue.Create("ok"), "bench-" + i, default);
                    await commits.FlushAsync(default);
                    resume.Add(t0);
                }
            });
            await bare.Stats.MeasureCpuAsync(() => bare.WriteAsync((block + 1) / 2));
            await prepared.Stats.MeasureCpuAsync(() => prepared.WriteAsync(block / 2));
        }

        Console.WriteLine($"  Resumes that ran on the instance as this process left it (revision checked): {services.GetRequiredService<InstanceSnapshots>().Used}.");
        Console.WriteLine($"  A resume step reads the instance and bookmark and writes: 1 instance row ({shape.StateBytes} B state), " +
                          $"{shape.BookmarkUpdates} bookmark update(s), {shape.JournalInserts} journal insert(s), {shape.JournalUpdates} journal update(s), {shape.LogInserts} journal event(s), 1 idempotency row.");
        return [start, resume, bare.Stats, prepared.Stats];
    }

    internal sealed record StepShape(int StateBytes, int BookmarkUpdates, int JournalInserts, int JournalUpdates, int JournalPayloadBytes, int LogInserts);

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
