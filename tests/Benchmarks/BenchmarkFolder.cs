namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// Where the benchmarks and the Hosts they start keep their files: <c>ETC_BENCH_DIR</c> if set, else
/// <c>/var/tmp/exporttaxcheck-bench</c> on Linux (the system temp folder elsewhere). Not <c>/tmp</c>: every test run
/// makes and deletes its folders there, and on a disk that passes over recently deleted inodes when it makes a file (ext4
/// without a journal, as here) a new file under <c>/tmp</c> then costs ten times what it costs elsewhere on the same disk
/// (measured: 530–890 µs against 40–60 µs), which is the Host's every e-mail. It is set as <c>TMPDIR</c>, so the
/// benchmarks' own temporary folders and the Hosts' (which inherit it) land there.
/// </summary>
internal static class BenchmarkFolder
{
    public static string Use()
    {
        var folder = Environment.GetEnvironmentVariable("ETC_BENCH_DIR") is { Length: > 0 } chosen
            ? chosen
            : OperatingSystem.IsLinux() ? "/var/tmp/exporttaxcheck-bench" : Path.GetTempPath();
        Directory.CreateDirectory(folder);
        Environment.SetEnvironmentVariable("TMPDIR", folder);
        if (!string.Equals(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal))
            throw new InvalidOperationException($"The temporary folder is {Path.GetTempPath()}, not {folder}: this platform does not take it from TMPDIR.");
        return folder;
    }
}
