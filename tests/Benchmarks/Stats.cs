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

    public double Percentile(double p)
    {
        var sorted = _samples.Order().ToList();
        var index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public string Row() => $"{Name,-44} {Count,7} {Mean,10:0} {Percentile(50),10:0} {Percentile(99),10:0} {1_000_000 / Mean,10:0}";

    public static string Header => $"{"measurement",-44} {"n",7} {"mean µs",10} {"p50 µs",10} {"p99 µs",10} {"ops/s",10}";
}
