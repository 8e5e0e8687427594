using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Testing;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// What a closed return case costs the Host, measured from outside the process so that a noisy machine does not bend
/// it: CPU time (user + system, from /proc) per case after warm-up (the median of three rounds), HTTP requests, SQL statements (the Host's own
/// counter at /metrics) and fsyncs (strace, in a separate round so its tracing does not weigh on the CPU figure) per
/// case, and the load generator's own CPU.
/// </summary>
public static class HostCostBenchmark
{
    public static async Task<List<string>> RunAsync(string directory, int cases)
    {
        Console.WriteLine("Host cost per case on SQLite (1 node) ...");
        await using var cluster = await Cluster.StartAsync(1, "Sqlite", $"Data Source={Path.Combine(directory, "cost.db")}");
        var node = cluster.Node(0);
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        var (warmUp, jitted) = await WarmUpAsync(cluster, http);
        var (newFile, waited) = await QuietDiskAsync(cluster.PickupDirectory);
        var speedBefore = ProcessorSpeed.FixedWorkMilliseconds();
        var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var statementsBefore = await MetricAsync(http, "workflow_db_commands_total");
        var busyBefore = await MetricAsync(http, "workflow_db_busy_waits_total");
        var commitsBefore = await MetricAsync(http, "workflow_db_commits_total");
        var allocatedBefore = await MetricAsync(http, "dotnet_gc_heap_total_allocated_bytes_total");
        var ioBefore = HostIo(node.ProcessId);
        var clock = Stopwatch.StartNew();
        // In rounds, and the middle one reported: a burst of load from elsewhere on the machine bends one round, not the figure.
        var rounds = new List<double>();
        long requests = 0;
        for (var round = 0; round < MeasuredRounds; round++)
        {
            var n = cases / MeasuredRounds + (round < cases % MeasuredRounds ? 1 : 0);
            var cpuBefore = HostCpu(node.ProcessId);
            requests += await RunCasesAsync(cluster, n, run: 80 + round, $"measured round {round + 1}/{MeasuredRounds}");
            rounds.Add((HostCpu(node.ProcessId) - cpuBefore).TotalMilliseconds / n);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var io = HostIo(node.ProcessId);
        var (reads, writes) = ((double)(io.Reads - ioBefore.Reads) / cases, (double)(io.Writes - ioBefore.Writes) / cases);
        var middle = Rounds.Median(rounds);
        var own = Process.GetCurrentProcess().TotalProcessorTime - ownBefore;
        var speedAfter = ProcessorSpeed.FixedWorkMilliseconds();
        // After the load generator's own CPU is taken: the probe is this process's work, not the load's.
        var readCost = PageCacheReadMicroseconds(directory);
        var statements = await MetricAsync(http, "workflow_db_commands_total") - statementsBefore;
        var busyWaits = await MetricAsync(http, "workflow_db_busy_waits_total") - busyBefore;
        var commits = await MetricAsync(http, "workflow_db_commits_total") - commitsBefore;
        var allocated = await MetricAsync(http, "dotnet_gc_heap_total_allocated_bytes_total") - allocatedBefore;

        var fsyncCases = Math.Min(cases, 50);
        var fsyncs = await FsyncsAsync(node.ProcessId, () => RunCasesAsync(cluster, fsyncCases, run: 72, "fsync count"));

        return
        [
            $"Host cost per closed case, SQLite, 1 node ({cases} cases after {warmUp} to warm up, 8 at a time, {cases / seconds:0.0} cases/s):",
            $"warm-up: {warmUp} cases until the JIT settled ({jitted:0.0} methods compiled per case in the last {WarmUpRound})",
            $"host CPU per closed case: {middle:0.0} ms",
            $"host CPU per closed case by round ({MeasuredRounds} rounds, the middle one above): {Rounds.Joined(rounds, "0.0")} ms",
            $"HTTP requests per case: {(double)requests / cases:0.0}",
            $"SQL statements per case: {statements / cases:0.0}",
            $"write transactions per case: {commits / cases:0.0} (SQLite's commits, steps of several cases sharing one among them)",
            $"managed memory allocated per case: {allocated / cases / 1024:0} KB",
            $"read and write system calls per case: {reads:0} reads + {writes:0} writes (/proc/<pid>/io: SQLite's pages, sockets, e-mail files)",
            // What one costs on this machine, measured in the same run: a guest's system call can cost ten times a bare
            // machine's, and the Host's reads and writes are then a share of its CPU that no change of the Host's own moves.
            $"a 4 KB read from the page cache here: {readCost:0.00} µs CPU; the reads and writes above at that price: {(reads + writes) * readCost / 1000:0.0} ms a case ({(reads + writes) * readCost / 10 / middle:0} % of the Host's)",
            $"waits for SQLite's write lock per case: {busyWaits / cases:0.0} (of a millisecond each)",
            fsyncs is { } f ? $"fsyncs per case: {(double)f / fsyncCases:0.0} ({fsyncCases} cases under strace)" : "fsyncs per case: not measured (strace not installed)",
            $"load generator CPU per case: {own.TotalMilliseconds / cases:0.0} ms",
            // The load generator's work per case does not change between builds: how much slower the machine ran in this
            // run shows in its figure, and the ratio moves less across quiet and slow hours (not under other work running
            // beside the benchmark). A hint for comparing hours, not a target.
            $"host CPU ÷ load generator CPU, same run: {rounds.Average() * cases / own.TotalMilliseconds:0.0}",
            // The same work on every processor: where they differ, or differ from another run's, the machine's other tenants
            // weighed on it, and every CPU figure above grew with it (ProcessorSpeed).
            $"one fixed piece of work on each processor, before / after the rounds: {ProcessorSpeed.Describe(speedBefore)} / {ProcessorSpeed.Describe(speedAfter)} ms CPU",
            $"a new file in the Host's pickup folder before the rounds: {newFile:0} µs CPU (each e-mail is one; see MailBenchmark.NewFileMicroseconds)"
            + (waited > TimeSpan.Zero ? $", after waiting {waited.TotalSeconds:0} s for files deleted before the run to stop weighing on new ones" : ""),
        ];
    }

    private const int WarmUpRound = 40;
    private const int MeasuredRounds = 3;

    private static readonly TimeSpan QuietProbeInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The CPU of a new file in the Host's pickup folder, probed until it is no more than <c>ETC_BENCH_QUIET_US</c> µs (150 by
    /// default; a quiet disk here takes 60–110) or six minutes have passed. On ext4 without a journal the files deleted in
    /// the last one to six minutes (a previous run's folder) make every new file near them cost several hundred
    /// microseconds, and each e-mail the Host writes is a new file: measured then, the figure is the disk's, not the Host's.
    /// </summary>
    private static async Task<(double Microseconds, TimeSpan Waited)> QuietDiskAsync(string folder)
    {
        var quiet = double.TryParse(Environment.GetEnvironmentVariable("ETC_BENCH_QUIET_US"), CultureInfo.InvariantCulture, out var limit) ? limit : 150;
        var clock = Stopwatch.StartNew();
        var waited = TimeSpan.Zero;
        var cost = MailBenchmark.NewFileMicroseconds(folder);
        while (cost > quiet && clock.Elapsed < TimeSpan.FromMinutes(6))
        {
            Console.Write($"\r  a new file costs {cost:0} µs: waiting for the disk ({waited.TotalSeconds:0} s)   ");
            await Task.Delay(QuietProbeInterval);
            waited += QuietProbeInterval;
            cost = MailBenchmark.NewFileMicroseconds(folder);
        }
        return (cost, waited);
    }

    /// <summary>
    /// Cases in rounds until the Host's JIT has settled: tiered compilation keeps compiling (and re-compiling hot methods
    /// at tier 1) for the first few hundred cases, and a figure taken before it is done measures the JIT, not the Host.
    /// Settled means fewer than one method compiled per case over a round (the runtime's own counter at /metrics).
    /// </summary>
    private static async Task<(int Cases, double JittedPerCase)> WarmUpAsync(Cluster cluster, HttpClient http)
    {
        var cases = 0;
        var perCase = double.PositiveInfinity;
        for (var round = 0; round < 30 && perCase >= 1; round++)
        {
            var before = await MetricAsync(http, "dotnet_jit_compiled_methods_total");
            await RunCasesAsync(cluster, WarmUpRound, run: 40 + round, $"warm-up round {round + 1}");
            perCase = (await MetricAsync(http, "dotnet_jit_compiled_methods_total") - before) / WarmUpRound;
            cases += WarmUpRound;
        }
        return (cases, perCase);
    }

    private static async Task<long> RunCasesAsync(Cluster cluster, int cases, int run, string what)
    {
        var load = new CaseLoad(cluster.Addresses, run);
        await load.LoadReferenceAsync(cases, CancellationToken.None);
        var before = load.Requests;
        await load.RunAsync(cases, concurrency: 8, done =>
        {
            if (done % 10 == 0 || done == cases)
                Console.Write($"\r  {what}: {done,5}/{cases} cases closed   ");
        }, CancellationToken.None);
        await MailSentAsync(cluster.Addresses[0]);
        Console.WriteLine();
        return load.Requests - before;
    }

    /// <summary>
    /// Waits until the outbox holds no pending message: a round's cost includes the e-mail its cases wrote (the dispatcher
    /// sends after the steps commit, so the last cases' mail is still going when their commands have answered).
    /// </summary>
    private static async Task MailSentAsync(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", TestKeys.Analyst);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 120;
        while (JsonNode.Parse(await http.GetStringAsync("/api/outbox?status=Pending&pageSize=1"))!["totalCount"]!.GetValue<long>() > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException("The outbox still holds pending messages two minutes after the round's cases closed.");
            await Task.Delay(100);
        }
    }

    /// <summary>Read-like and write-like system calls of a process so far (<c>syscr</c>, <c>syscw</c> of /proc/{pid}/io).</summary>
    private static (long Reads, long Writes) HostIo(int pid)
    {
        var fields = File.ReadLines($"/proc/{pid}/io").Select(l => l.Split(':', 2)).ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return (fields["syscr"], fields["syscw"]);
    }

    /// <summary>CPU of one 4 KB <c>pread</c> of a file in the page cache (what SQLite does for a page it no longer holds).</summary>
    private static double PageCacheReadMicroseconds(string directory)
    {
        var path = Path.Combine(directory, "pread-probe.bin");
        File.WriteAllBytes(path, new byte[1 << 20]);
        try
        {
            using var handle = File.OpenHandle(path);
            var page = new byte[4096];
            RandomAccess.Read(handle, page, 0);
            return ProcessCpu.PerCall(50_000, i => RandomAccess.Read(handle, page, (i % 256) * 4096L));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>User plus system CPU time of a process, from /proc/{pid}/stat (in clock ticks of 1/100 s).</summary>
    internal static TimeSpan HostCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10.0);
    }

    internal static async Task<double> MetricAsync(HttpClient http, string metric)
    {
        var text = await http.GetStringAsync("/metrics");
        return Regex.Matches(text, "^" + Regex.Escape(metric) + @"(?:\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>fsync and fdatasync calls of every thread of the Host while <paramref name="work"/> runs; null without strace.</summary>
    private static async Task<long?> FsyncsAsync(int pid, Func<Task<long>> work)
    {
        if (!File.Exists("/usr/bin/strace"))
            return null;
        var summary = Path.GetTempFileName();
        using var strace = Process.Start(new ProcessStartInfo("/usr/bin/strace", ["-f", "--seccomp-bpf", "-c", "-e", "trace=fsync,fdatasync", "-o", summary, "-p", pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        await Task.Delay(500);
        await work();
        // SIGINT makes strace detach and write its summary.
        Process.Start("kill", ["-INT", strace.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        await strace.WaitForExitAsync();
        var calls = File.ReadLines(summary)
            .Select(line => Regex.Match(line, @"^\s*[0-9.]+\s+[0-9.]+\s+\d+\s+(?<calls>\d+)\s+(?:\d+\s+)?(?<name>fsync|fdatasync)\s*$"))
            .Where(m => m.Success)
            .Sum(m => long.Parse(m.Groups["calls"].Value, CultureInfo.InvariantCulture));
        File.Delete(summary);
        return calls;
    }
}
