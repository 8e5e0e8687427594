using System.Runtime.InteropServices;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// How fast each processor runs at the moment: the CPU time one fixed piece of work takes on a thread held to each
/// processor in turn. On a shared virtual machine a processor whose physical core another tenant keeps busy takes up to
/// twice as long for the same work, and every CPU figure measured on it grows with it (the guest is not told of the time
/// it lost, so it is charged to the process that was running). A run whose processors disagree, or are slower than in
/// another run, ran on a slower machine.
/// </summary>
internal static partial class ProcessorSpeed
{
    private const int Repeats = 15;

    /// <summary>Milliseconds of CPU for the fixed work on each processor, the median of <see cref="Repeats"/> tries; empty off Linux.</summary>
    public static IReadOnlyList<double> FixedWorkMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
            return [];
        var speeds = new List<double>();
        for (var cpu = 0; cpu < Environment.ProcessorCount; cpu++)
        {
            var measured = double.NaN;
            var thread = new Thread(() => measured = OnProcessor(cpu));
            thread.Start();
            thread.Join();
            if (!double.IsNaN(measured))
                speeds.Add(measured);
        }
        return speeds;
    }

    /// <summary>The figures of <see cref="FixedWorkMilliseconds"/> as a line prints them: <c>4.95 and 6.40</c>.</summary>
    public static string Describe(IReadOnlyList<double> perProcessor) =>
        perProcessor.Count == 0 ? "not measured" : string.Join(" and ", perProcessor.Select(m => m.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));

    private static double OnProcessor(int cpu)
    {
        var mask = new ulong[16];
        mask[cpu / 64] = 1UL << (cpu % 64);
        // Zero: the calling thread.
        if (SetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask) != 0)
            return double.NaN;
        Work();
        var tries = new double[Repeats];
        for (var i = 0; i < Repeats; i++)
        {
            var before = ProcessCpu.ThreadNow();
            Work();
            tries[i] = (ProcessCpu.ThreadNow() - before).TotalMilliseconds;
        }
        Array.Sort(tries);
        return tries[Repeats / 2];
    }

    private static long _sink;

    /// <summary>
    /// A few milliseconds of the kind of work a server does, branches and memory more than arithmetic (a tight arithmetic
    /// loop hardly slows when another tenant shares the core; this does, as the Host does): strings hashed into a
    /// dictionary and looked up again, an array sorted, JSON written and parsed.
    /// </summary>
    private static void Work()
    {
        var random = new Random(7);
        var keys = new string[4096];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = "key-" + random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < 4; round++)
        {
            table.Clear();
            for (var i = 0; i < keys.Length; i++)
                table[keys[i]] = i;
            long found = 0;
            foreach (var key in keys)
                found += table[key];
            var numbers = new int[16384];
            for (var i = 0; i < numbers.Length; i++)
                numbers[i] = random.Next();
            Array.Sort(numbers);
            var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(table);
            using var parsed = System.Text.Json.JsonDocument.Parse(json);
            Volatile.Write(ref _sink, found + numbers[^1] + parsed.RootElement.GetProperty(keys[round]).GetInt32());
        }
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity")]
    private static partial int SetAffinity(int pid, nuint size, ulong[] mask);
}
