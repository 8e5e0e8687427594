using System.Diagnostics;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// The officers' side on SQLite: inbox queries with many open tasks, claim, completion one at a time and eight at once,
/// and the outbox dispatcher writing mail to a pickup folder.
/// </summary>
public static class TaskBenchmark
{
    private static readonly TaskActor Officer = TaskActor.Of("tax.officer", "TaxOfficer");

    public static async Task RunAsync(int tasks)
    {
        var directory = Directory.CreateTempSubdirectory("etc-bench-tasks-").FullName;
        var databasePath = Path.Combine(directory, "bench.db");
        Console.WriteLine($"ExportTaxCheck task benchmark — {tasks} open tasks, SQLite file {databasePath}");
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores");

        var services = Engine.Create(new DatabaseOptions { ConnectionString = $"Data Source={databasePath}" }, s => s
            .AddExportTaxCheckNotifications()
            .Configure<MailOptions>(o => o.PickupDirectory = Path.Combine(directory, "mail")));
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        await services.GetRequiredService<DefinitionService>().SaveAsync(ReviewFlow(), publish: true, default);
        var runtime = services.GetRequiredService<WorkflowClient>();
        var taskService = services.GetRequiredService<TaskService>();

        var ids = new List<string>(tasks);
        var started = Stopwatch.StartNew();
        for (var i = 0; i < tasks; i++)
        {
            var run = await runtime.StartAsync(new StartWorkflowRequest("review", CorrelationId: $"RC-2026-{i:000000}"), default);
            ids.Add(run.Bookmarks[0].Payload!["taskId"]!.GetValue<string>());
        }
        Console.WriteLine($"started {tasks} instances with a task each in {started.Elapsed.TotalSeconds:0.0} s");

        var inbox = new Stats($"inbox: available, page of 20 of {tasks}");
        var search = new Stats("inbox: search by case number");
        for (var i = 0; i < 200; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await taskService.QueryAsync(Officer, new TaskQuery(TaskInbox.Available, Page: 1 + i % 5), default);
            inbox.Add(t0);
            t0 = Stopwatch.GetTimestamp();
            await taskService.QueryAsync(Officer, new TaskQuery(TaskInbox.Available, Search: $"RC-2026-{i * 7 % tasks:000000}"), default);
            search.Add(t0);
        }

        var half = tasks / 2;
        var claim = new Stats("claim");
        var complete = new Stats("complete (step + task row + audit, one by one)");
        for (var i = 0; i < half; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await taskService.ClaimAsync(Officer, ids[i], default);
            claim.Add(t0);
            t0 = Stopwatch.GetTimestamp();
            await taskService.CompleteAsync(Officer, ids[i], new TaskSubmission("Approve", null, null), "bench-" + i, default);
            complete.Add(t0);
        }

        var parallel = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids.Skip(half), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            await taskService.CompleteAsync(Officer, id, new TaskSubmission("Approve", null, null), "bench-" + id, ct));
        var parallelRate = (tasks - half) / parallel.Elapsed.TotalSeconds;

        var mailCount = Math.Min(tasks, 2000);
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < mailCount; i++)
                Outbox.Enqueue(db, now, ["exporter@example.cn"], subject: $"Case RC-2026-{i:000000}", htmlBody: "<p>Your case moved on.</p>", textBody: "Your case moved on.\n");
            await db.SaveChangesAsync();
        }
        var dispatcher = services.GetRequiredService<MailDispatcher>();
        var dispatch = Stopwatch.StartNew();
        var sent = 0;
        int batch;
        while ((batch = await dispatcher.DispatchDueAsync(default)) > 0)
            sent += batch;
        var mailRate = sent / dispatch.Elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine(Stats.Header);
        Console.WriteLine(inbox.Row());
        Console.WriteLine(search.Row());
        Console.WriteLine(claim.Row());
        Console.WriteLine(complete.Row());
        Console.WriteLine();
        Console.WriteLine($"complete, 8 at once: {tasks - half} tasks at {parallelRate:0} tasks/s");
        Console.WriteLine($"outbox → .eml pickup folder: {sent} messages at {mailRate:0} messages/s");

        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static WorkflowDefinitionModel ReviewFlow() => WorkflowJson.Parse(new JsonObject
    {
        ["definitionId"] = "review",
        ["name"] = "review",
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "review",
                    ["type"] = "ExportTaxCheck.HumanTask",
                    ["title"] = Input("String", "Liquid", "Review {{ CorrelationId }}"),
                    ["candidateRole"] = Input("String", "Literal", "TaxOfficer"),
                    ["dueIn"] = Input("TimeSpan", "Literal", "1.00:00:00"),
                    ["remindBefore"] = Input("TimeSpan", "Literal", "04:00:00"),
                    ["outcomes"] = Input("String[]", "Object", "[\"Approve\",\"Reject\"]"),
                },
                new JsonObject { ["id"] = "done", ["type"] = "Elsa.WriteLine", ["text"] = Input("String", "Literal", "done") }),
            ["connections"] = new JsonArray(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "review", ["port"] = "Approve" },
                ["target"] = new JsonObject { ["activity"] = "done", ["port"] = "In" },
            }),
        },
    }.ToJsonString());

    private static JsonObject Input(string typeName, string type, string value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };
}
