using System.Diagnostics;

namespace ExportTaxCheck.Benchmarks;

/// <summary>Latency samples in microseconds.</summary>
public sealed class Stats(string name)
{
    private readonly List<double> _samples = [];

    public string Name { get; } = name;

    public int Count => _samples.Count;

    public void Add(long startTimestamp) => _samples.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);

    public double Mean => _samples.Average();

    /// <summary>Process CPU (user + system) per sample while the samples were taken; null when not measured.</summary>
    public double? CpuMicrosPerOp { get; private set; }

    private TimeSpan _cpu;
    private int _cpuSamples;

    /// <summary>
    /// Runs <paramref name="samples"/> (which add their latencies) and records the process CPU it took per sample. Called
    /// again, it adds to what earlier calls measured, so blocks of two kinds of samples can take turns in one run.
    /// </summary>
    public async Task<Stats> MeasureCpuAsync(Func<Task> samples)
    {
        var before = ProcessCpu.Now();
        var count = Count;
        await samples();
        _cpu += ProcessCpu.Now() - before;
        _cpuSamples += Count - count;
        CpuMicrosPerOp = _cpu.TotalMicroseconds / Math.Max(1, _cpuSamples);
        return this;
    }

    public double Percentile(double p)
    {
        var sorted = _samples.Order().ToList();
        var index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public string Row() =>
        $"{Name,-52} {Count,7} {Mean,10:0} {Percentile(50),10:0} {Percentile(99),10:0} {1_000_000 / Mean,10:0} {(CpuMicrosPerOp is { } cpu ? cpu.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "-"),12}";

    public static string Header => $"{"measurement",-52} {"n",7} {"mean µs",10} {"p50 µs",10} {"p99 µs",10} {"ops/s",10} {"cpu µs/op",12}";
}
