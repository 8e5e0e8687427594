using System.Diagnostics;
using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// What a unit of work pays to get its SQLite connection: a pooled context created, its connection opened and closed
/// (the physical connection comes from and goes back to the pool), the context disposed; next to a plain pooled
/// Microsoft.Data.Sqlite open and close. CPU and latency per cycle, in rounds, the first one warming up.
/// </summary>
public static class OpenBenchmark
{
    public static async Task RunAsync(int cycles)
    {
        var directory = Directory.CreateTempSubdirectory("etc-bench-open-").FullName;
        var connectionString = $"Data Source={Path.Combine(directory, "open.db")}";
        await using (var services = Engine.Create(new DatabaseOptions { ConnectionString = connectionString }))
        {
            var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
            for (var round = 1; round <= 3; round++)
            {
                var context = await MeasureAsync("pooled context, open, close", cycles, async () =>
                {
                    await using var db = await factory.CreateDbContextAsync();
                    await db.Database.OpenConnectionAsync();
                    await db.Database.CloseConnectionAsync();
                });
                var plain = await MeasureAsync("plain connection open, close", cycles, async () =>
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync();
                });
                Console.WriteLine($"round {round}: pooled context, open, close: {context.CpuMicrosPerOp:0.0} µs CPU (p50 {context.Percentile(50):0.0} µs); " +
                                  $"plain connection open, close: {plain.CpuMicrosPerOp:0.0} µs CPU (p50 {plain.Percentile(50):0.0} µs) ({cycles} cycles each)");
            }
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static async Task<Stats> MeasureAsync(string name, int cycles, Func<Task> cycle)
    {
        var stats = new Stats(name);
        return await stats.MeasureCpuAsync(async () =>
        {
            for (var i = 0; i < cycles; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await cycle();
                stats.Add(t0);
            }
        });
    }
}
