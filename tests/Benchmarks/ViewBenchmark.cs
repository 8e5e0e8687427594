using System.Net.Http.Headers;
using ExportTaxCheck.Testing;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// What the case view costs the Host: the answer every command on a case carries (six a case in <c>e2e-sqlite</c>), read
/// as one snapshot and written as JSON. Host CPU (from /proc) per <c>GET /api/cases/{id}</c> of a closed case against
/// <c>GET /api/me</c>, a request that reads nothing, in rounds taking turns in the same run; the difference is the view's own.
/// </summary>
public static class ViewBenchmark
{
    private const int Rounds = 5;
    private const int Concurrency = 4;

    public static async Task RunAsync(int requests)
    {
        var directory = Directory.CreateTempSubdirectory("etc-bench-view-").FullName;
        try
        {
            await using var cluster = await Cluster.StartAsync(1, "Sqlite", $"Data Source={Path.Combine(directory, "view.db")}");
            var node = cluster.Node(0);
            var load = new CaseLoad(cluster.Addresses, run: 90);
            await load.LoadReferenceAsync(10, CancellationToken.None);
            var caseIds = new List<string>();
            for (var i = 0; i < 10; i++)
                caseIds.Add(await load.RunCaseAsync(i, CancellationToken.None));

            using var http = new HttpClient { BaseAddress = node.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", TestKeys.Analyst);
            var view = await http.GetStringAsync($"/api/cases/{caseIds[0]}");
            var paths = new[] { "/api/me", $"/api/cases/{caseIds[0]}" };
            // Until the JIT has settled on both paths: under one method compiled per thousand requests.
            var warmUp = 0;
            for (var jitted = double.PositiveInfinity; jitted >= 1 && warmUp < 30 * 2 * requests; warmUp += 2 * requests)
            {
                var before = await HostCostBenchmark.MetricAsync(http, "dotnet_jit_compiled_methods_total");
                foreach (var path in paths)
                    await GetAsync(http, path, requests);
                jitted = (await HostCostBenchmark.MetricAsync(http, "dotnet_jit_compiled_methods_total") - before) * 1000 / (2.0 * requests);
            }

            var costs = paths.ToDictionary(p => p, _ => new List<double>(), StringComparer.Ordinal);
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var path in paths)
                {
                    var before = HostCostBenchmark.HostCpu(node.ProcessId);
                    await GetAsync(http, path, requests);
                    costs[path].Add((HostCostBenchmark.HostCpu(node.ProcessId) - before).TotalMicroseconds / requests);
                }
            }
            var me = Benchmarks.Rounds.Median(costs[paths[0]]);
            var whole = Benchmarks.Rounds.Median(costs[paths[1]]);
            Console.WriteLine($"Case view, SQLite, 1 node (a closed case's, {view.Length} characters of JSON; {warmUp} requests to warm up, then {requests} a round, {Concurrency} at a time, the median of {Rounds} rounds):");
            Console.WriteLine($"GET /api/cases/{{id}}: {whole:0} µs Host CPU a request (rounds {Benchmarks.Rounds.Joined(costs[paths[1]])})");
            Console.WriteLine($"GET /api/me: {me:0} µs Host CPU a request (rounds {Benchmarks.Rounds.Joined(costs[paths[0]])})");
            Console.WriteLine($"the view's own (read as one snapshot, written as JSON, its access check): {whole - me:0} µs a request");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task GetAsync(HttpClient http, string path, int requests) =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            for (var i = worker; i < requests; i += Concurrency)
                (await http.GetAsync(path)).EnsureSuccessStatusCode().Dispose();
        }));
}
