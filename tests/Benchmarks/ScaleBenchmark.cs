using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// One run, one report: return cases per second end to end (Host processes, HTTP, the product flow) on SQLite and on
/// PostgreSQL; the cost of a step next to a bare transaction writing the same rows, on both; resume latency with 1,000
/// and with 1,000,000 stored instances (seeded in bulk), on both; and the Host's memory.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task RunAsync(int cases, int instances, string sections = "e2e,steps,resume")
    {
        var chosen = sections.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        Console.WriteLine($"ExportTaxCheck scale benchmark — {cases} cases end to end, resume at 1,000 and {instances:N0} stored instances");
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, Release: {!Debugger.IsAttached}");
        var directory = Directory.CreateTempSubdirectory("etc-bench-scale-").FullName;
        Console.WriteLine("Starting PostgreSQL (fsync on) on 127.0.0.1 ...");
        var postgres = await PostgresServer.StartAsync(fsync: true);
        var report = new List<string>();
        try
        {
            if (chosen.Contains("e2e"))
            {
                report.Add("End to end (Host processes on loopback, product flow: open → evidence review → certificate → return declaration + cross-check → clearance → Closed; 16 cases at a time):");
                report.Add($"{"setup",-28} {"cases",6} {"seconds",8} {"cases/s",8} {"requests/s",11} {"Host RSS MiB (peak)",20}");
                report.Add(await EndToEndAsync("SQLite, 1 node", "Sqlite", $"Data Source={Path.Combine(directory, "e2e.db")}", 1, cases, run: 1));
                report.Add(await EndToEndAsync("PostgreSQL, 1 node", "PostgreSql", await postgres.CreateDatabaseAsync("e2e1"), 1, cases, run: 2));
                report.Add(await EndToEndAsync("PostgreSQL, 3 nodes", "PostgreSql", await postgres.CreateDatabaseAsync("e2e3"), 3, cases, run: 3));
            }

            if (chosen.Contains("e2e-sqlite"))
            {
                report.Add("");
                report.AddRange(await HostCostBenchmark.RunAsync(directory, cases));
            }

            if (chosen.Contains("steps"))
            {
                report.Add("");
                report.Add("Step cost next to a bare transaction writing the same rows (in process, 2,000 instances):");
                report.Add(Stats.Header);
                foreach (var (label, database) in new[]
                         {
                         ("SQLite", new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "steps.db")}" }),
                         ("PostgreSQL", new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("steps") }),
                     })
                {
                    Console.WriteLine($"Step cost on {label} ...");
                    var rows = await StepBenchmark.RunAsync(database, 2000);
                    report.AddRange(rows.Select(r => $"{label}: ".PadRight(12) + r.Row()));
                    report.Add($"{label}: engine overhead per resume (p50) {rows[1].Percentile(50) - rows[2].Percentile(50):0} µs, step/bare {rows[1].Percentile(50) / rows[2].Percentile(50):0.00}×, step/bare with its statements prepared {rows[1].Percentile(50) / rows[3].Percentile(50):0.00}×");
                    report.Add($"{label}: start + resume, process CPU per instance: {rows[0].CpuMicrosPerOp + rows[1].CpuMicrosPerOp:0} µs");
                }

                Console.WriteLine("Peer: WorkflowCore in memory ...");
                report.Add("Peer (same shape): " + await PeerBenchmark.RunAsync(2000));
            }

            if (chosen.Contains("resume"))
            {
                report.Add("");
                report.Add("Resume latency (task complete → run → commit; random stored instances, 50 warm-up resumes, then the measured ones):");
                report.Add($"{"database",-12} {"stored",11} {"p50 µs",8} {"p99 µs",8} {"p50 vs 1,000",13} {"seed s",7}");
                report.AddRange(await ResumeAtScaleAsync("SQLite", new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "scale.db")}" }, instances));
                report.AddRange(await ResumeAtScaleAsync("PostgreSQL",
                    new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("scale") }, instances));
            }
        }
        finally
        {
            postgres.Stop();
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        Console.WriteLine();
        foreach (var line in report)
            Console.WriteLine(line);
    }

    private static async Task<string> EndToEndAsync(string label, string provider, string connectionString, int nodes, int cases, int run)
    {
        Console.WriteLine($"End to end: {label} ...");
        await using var cluster = await Cluster.StartAsync(nodes, provider, connectionString);
        var load = new CaseLoad(cluster.Addresses, run);
        await load.LoadReferenceAsync(cases, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var lastPrint = 0L;
        await load.RunAsync(cases, concurrency: 16, done =>
        {
            var now = clock.ElapsedMilliseconds;
            if (done == cases || now - Interlocked.Read(ref lastPrint) > 500)
            {
                Interlocked.Exchange(ref lastPrint, now);
                Console.Write($"\r  {done,6}/{cases} cases closed, {done / clock.Elapsed.TotalSeconds,6:0.0} cases/s   ");
            }
        }, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine();
        var peak = Enumerable.Range(0, nodes).Max(i => PeakRssMiB(cluster.Node(i).ProcessId));
        return $"{label,-28} {cases,6} {seconds,8:0.0} {cases / seconds,8:0.0} {load.Requests / seconds,11:0} {peak,20:0}";
    }

    private static double PeakRssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Seeds suspended instances in bulk (copies of a real one) and measures resumes at 1,000 and at <paramref name="total"/>.</summary>
    private static async Task<List<string>> ResumeAtScaleAsync(string label, DatabaseOptions database, int total)
    {
        Console.WriteLine($"Resume at scale on {label} ...");
        await using var services = Engine.Create(database);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        await services.GetRequiredService<DefinitionService>().SaveAsync(StepBenchmark.TaskFlow(), publish: true, default);
        var runtime = services.GetRequiredService<WorkflowClient>();
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var template = await Template.CaptureAsync(runtime, factory);
        var seeder = new Seeder(template, database, factory);

        var rows = new List<string>();
        double? baseline = null;
        var seeded = 0;
        var previous = 0;
        var round = 0;
        foreach (var target in new[] { 1000, total })
        {
            var seedClock = Stopwatch.StartNew();
            await seeder.SeedAsync(seeded, target - seeded);
            seeded = target;
            var seedSeconds = seedClock.Elapsed.TotalSeconds;
            Console.WriteLine();
            // The instances resumed in a round are spent: each round resumes instances seeded for it.
            var stats = await ResumeSampleAsync(runtime, services.GetRequiredService<DurableCommits>(), seeder, seeded - (target - previous), seeded, ++round);
            previous = target;
            baseline ??= stats.Percentile(50);
            rows.Add($"{label,-12} {seeded,11:N0} {stats.Percentile(50),8:0} {stats.Percentile(99),8:0} {stats.Percentile(50) / baseline,12:0.00}× {seedSeconds,7:0}");
        }
        return rows;
    }

    /// <summary>Resumes 1,000 random instances of those seeded in [<paramref name="from"/>, <paramref name="to"/>), after 50 that warm the caches.</summary>
    private static async Task<Stats> ResumeSampleAsync(WorkflowClient runtime, DurableCommits commits, Seeder seeder, int from, int to, int round)
    {
        var stats = new Stats("resume");
        var random = new Random(round);
        var picked = new HashSet<int>();
        var count = Math.Min(1050, to - from);
        while (picked.Count < count)
            picked.Add(random.Next(from, to));
        var n = 0;
        foreach (var index in picked)
        {
            var t0 = Stopwatch.GetTimestamp();
            await runtime.CompleteTaskAsync(seeder.TaskId(index), JsonValue.Create("ok"), $"resume-{round}-{index}", default);
            await commits.FlushAsync(default); // done as the Host answers it: on disk (StepBenchmark)
            if (n++ >= 50)
                stats.Add(t0);
        }
        return stats;
    }

    /// <summary>The rows of one real instance suspended on its task, with the ids to rename in each copy.</summary>
    private sealed record Template(WorkflowInstanceRecord Instance, BookmarkRecord Bookmark, List<ActivityExecutionRecord> Journal, string TaskId, Regex Ids,
        List<string> IdList)
    {
        public static async Task<Template> CaptureAsync(WorkflowClient runtime, IDbContextFactory<WorkflowDbContext> factory)
        {
            var started = await runtime.StartAsync(new StartWorkflowRequest("bench", CorrelationId: "template"), default);
            await using var db = await factory.CreateDbContextAsync();
            var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId);
            var bookmark = await db.Bookmarks.AsNoTracking().SingleAsync(b => b.InstanceId == started.InstanceId);
            var journal = await db.ActivityExecutions.AsNoTracking().Where(e => e.InstanceId == started.InstanceId).ToListAsync();
            var taskId = started.Bookmarks[0].Payload!["taskId"]!.GetValue<string>();
            List<string> ids = [.. new[] { instance.Id, bookmark.Id, taskId }.Concat(journal.Select(e => e.Id)).Distinct()];
            var pattern = new Regex(string.Join('|', ids.OrderByDescending(i => i.Length).Select(Regex.Escape)), RegexOptions.Compiled);
            await db.WorkflowInstances.Where(i => i.Id == instance.Id).ExecuteDeleteAsync();
            await db.Bookmarks.Where(b => b.Id == bookmark.Id).ExecuteDeleteAsync();
            await db.ActivityExecutions.Where(e => e.InstanceId == instance.Id).ExecuteDeleteAsync();
            return new Template(instance, bookmark, journal, taskId, pattern, ids);
        }
    }

    /// <summary>
    /// Writes copies of the template in bulk: PostgreSQL's binary COPY, or prepared inserts in large SQLite
    /// transactions. Copy <c>k</c> renames every id of the template to a name derived from <c>k</c>.
    /// </summary>
    private sealed class Seeder(Template template, DatabaseOptions database, IDbContextFactory<WorkflowDbContext> factory)
    {
        private const int Batch = 20_000;

        public string TaskId(int index) => Rename(template.TaskId, index);

        // Ids made in one millisecond by one process share their first 20 digits: the copy keeps the time (12 digits) and
        // takes the id's place in the template and the copy's number for the rest, so every copy of every id is distinct.
        private string Rename(string id, int index) =>
            id[..12] + template.IdList.IndexOf(id).ToString("x8", CultureInfo.InvariantCulture) + index.ToString("x12", CultureInfo.InvariantCulture);

        private string RenameAll(string? text, int index) => text is null ? null! : template.Ids.Replace(text, m => Rename(m.Value, index));

        private IEnumerable<object> Copies(int index)
        {
            var instance = template.Instance;
            yield return new WorkflowInstanceRecord
            {
                Id = Rename(instance.Id, index),
                DefinitionId = instance.DefinitionId,
                DefinitionVersionId = instance.DefinitionVersionId,
                DefinitionVersion = instance.DefinitionVersion,
                Name = instance.Name,
                CorrelationId = "case-" + index,
                Status = instance.Status,
                CreatedAt = instance.CreatedAt,
                UpdatedAt = instance.UpdatedAt,
                State = RenameAll(instance.State, index),
                Revision = instance.Revision,
            };
            var b = template.Bookmark;
            yield return new BookmarkRecord
            {
                Id = Rename(b.Id, index),
                InstanceId = Rename(b.InstanceId, index),
                ActivityExecutionId = RenameAll(b.ActivityExecutionId, index),
                ActivityId = b.ActivityId,
                Name = b.Name,
                Hash = TaskBookmarks.Hash(TaskId(index)),
                CorrelationId = "case-" + index,
                Payload = RenameAll(b.Payload, index),
                CreatedAt = b.CreatedAt,
                Status = b.Status,
            };
            foreach (var e in template.Journal)
            {
                yield return new ActivityExecutionRecord
                {
                    Id = RenameAll(e.Id, index),
                    InstanceId = Rename(e.InstanceId, index),
                    ActivityId = e.ActivityId,
                    ActivityType = e.ActivityType,
                    ActivityName = e.ActivityName,
                    ActivityNodeId = e.ActivityNodeId,
                    Status = e.Status,
                    Attempt = e.Attempt,
                    StartedAt = e.StartedAt,
                    CompletedAt = e.CompletedAt,
                    Outcomes = e.Outcomes,
                    Payload = RenameAll(e.Payload, index),
                    Outputs = RenameAll(e.Outputs, index),
                    HasBookmarks = e.HasBookmarks,
                    Sequence = e.Sequence,
                };
            }
        }

        public async Task SeedAsync(int from, int count)
        {
            await using var db = await factory.CreateDbContextAsync();
            var tables = new[] { typeof(WorkflowInstanceRecord), typeof(BookmarkRecord), typeof(ActivityExecutionRecord) }
                .ToDictionary(t => t, t => db.Model.FindEntityType(t)!);
            var clock = Stopwatch.StartNew();
            for (var start = from; start < from + count; start += Batch)
            {
                var end = Math.Min(from + count, start + Batch);
                var rows = Enumerable.Range(start, end - start).SelectMany(Copies).GroupBy(r => r.GetType()).ToList();
                if (database.IsPostgreSql)
                    await CopyAsync(rows, tables);
                else
                    await InsertAsync(rows, tables);
                Console.Write($"\r  seeded {end - from,9:N0}/{count:N0} instances ({(end - from) / clock.Elapsed.TotalSeconds,7:N0}/s)   ");
            }
            // As after any bulk load: statistics for the planner, and the log written out, so every round starts from the
            // same state (a fresh write-ahead log that grows again, whatever the table size).
            if (database.IsPostgreSql)
                await db.Database.ExecuteSqlRawAsync("""ANALYZE "WorkflowInstances"; ANALYZE "Bookmarks"; ANALYZE "ActivityExecutions"; CHECKPOINT;""");
            else
                await db.Database.ExecuteSqlRawAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        }

        private static IEnumerable<(string Column, Func<object, object?> Value)> Columns(IEntityType entity) =>
            entity.GetProperties().Select(p =>
            {
                var converter = p.GetTypeMapping().Converter;
                var info = p.PropertyInfo!;
                return (p.GetColumnName(), (Func<object, object?>)(row =>
                {
                    var value = info.GetValue(row);
                    return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
                }));
            });

        private async Task CopyAsync(List<IGrouping<Type, object>> rows, Dictionary<Type, IEntityType> tables)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            foreach (var group in rows)
            {
                var entity = tables[group.Key];
                var columns = Columns(entity).ToList();
                var sql = $"""COPY "{entity.GetTableName()}" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)""";
                await using var writer = await connection.BeginBinaryImportAsync(sql);
                foreach (var row in group)
                {
                    await writer.StartRowAsync();
                    foreach (var (_, value) in columns)
                    {
                        var v = value(row);
                        if (v is null)
                            await writer.WriteNullAsync();
                        else if (v is DateTimeOffset time)
                            await writer.WriteAsync(time.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz);
                        else
                            await writer.WriteAsync(v);
                    }
                }
                await writer.CompleteAsync();
            }
        }

        private async Task InsertAsync(List<IGrouping<Type, object>> rows, Dictionary<Type, IEntityType> tables)
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            foreach (var group in rows)
            {
                var entity = tables[group.Key];
                var columns = Columns(entity).ToList();
                await using var command = connection.CreateCommand();
                command.Transaction = tx;
                command.CommandText = $"""INSERT INTO "{entity.GetTableName()}" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})""";
                var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToList();
                command.Prepare();
                foreach (var row in group)
                {
                    for (var i = 0; i < columns.Count; i++)
                        parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
                    await command.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
        }
    }
}
