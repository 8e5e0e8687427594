using System.Runtime.InteropServices;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// The process's CPU time (user + system) to the microsecond, from <c>getrusage</c>: <see cref="System.Diagnostics.Process.TotalProcessorTime"/>
/// counts in scheduler ticks of 10 ms on Linux, too coarse for blocks of a few dozen steps.
/// </summary>
internal static partial class ProcessCpu
{
    private const int Self = 0;
    private const int ThreadCpuClock = 3;

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux() || GetRUsage(Self, out var usage) != 0)
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        return TimeSpan.FromMicroseconds(usage.UserSeconds * 1_000_000.0 + usage.UserMicros + usage.SystemSeconds * 1_000_000.0 + usage.SystemMicros);
    }

    /// <summary>
    /// The calling thread's CPU time to the nanosecond (<c>CLOCK_THREAD_CPUTIME_ID</c>; a thread's <c>getrusage</c> is
    /// counted in scheduler ticks of 4 ms here). Linux; zero elsewhere.
    /// </summary>
    public static TimeSpan ThreadNow() =>
        OperatingSystem.IsLinux() && GetTime(ThreadCpuClock, out var time) == 0
            ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
            : TimeSpan.Zero;

    /// <summary>CPU per call of <paramref name="work"/>, in microseconds (the process's own clock counts in 10 ms ticks).</summary>
    public static double PerCall(int count, Action<int> work)
    {
        var cpu = Now();
        for (var i = 0; i < count; i++)
            work(i);
        return (Now() - cpu).TotalMicroseconds / count;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        // The rest of struct rusage (14 longs), not read.
        public long R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int GetTime(int clock, out TimeSpec time);

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, out RUsage usage);
}
