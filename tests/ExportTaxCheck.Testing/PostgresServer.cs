using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ExportTaxCheck.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster on 127.0.0.1 for this test run (Debian's server binaries, initdb + pg_ctl), one fresh
/// database per Host. Started once, on first use; stopped when the test process exits. A test host killed or ended
/// without its exit handlers leaves its cluster running: the next start stops and removes every cluster whose owning
/// process is gone (each cluster's folder is named after its owner's process id and start time).
/// </summary>
public sealed class PostgresServer
{
    private const string RootPrefix = "etc-pg-";
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(() => StartAsync(fsync: false));
    private readonly string _root;
    private readonly string _binaries;
    private int _stopped;

    private PostgresServer(string root, string binaries, int port)
    {
        _root = root;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>The cluster shared by the tests of this run.</summary>
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=40;Timeout=30;Command Timeout=60";

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "etc_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Starts a cluster of its own (the benchmark wants fsync on; the tests do not need it).</summary>
    public static async Task<PostgresServer> StartAsync(bool fsync, int maxConnections = 400)
    {
        var binaries = FindBinaries();
        await ReapOrphansAsync(binaries);
        var root = Path.Combine(Path.GetTempPath(), $"{RootPrefix}{ProcessIdentity(Environment.ProcessId)}-{Guid.NewGuid().ToString("N")[..8]}");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        // The server runs as the postgres user and puts its socket and log here.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                                       | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | UnixFileMode.OtherWrite);
        await RunAsync(binaries, "initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);

        var port = Ports.Free();
        var settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c max_connections={maxConnections} -c shared_buffers=256MB"
                       + (fsync ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await RunAsync(binaries, "pg_ctl", ["-D", data, "-o", settings, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"]);
        var server = new PostgresServer(root, binaries, port);
        // The test host is often ended before its exit handlers finish (pg_ctl stop takes half a second): a watcher outside
        // it stops the cluster once it is gone, however it ended.
        WatchOwner(Environment.ProcessId, root, binaries);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    /// <summary>
    /// Starts a shell, in a session of its own so that it outlives <paramref name="ownerPid"/>, that waits for that process
    /// to end, then stops the cluster in <paramref name="root"/> (if it runs) and removes the folder.
    /// </summary>
    public static void WatchOwner(int ownerPid, string root) => WatchOwner(ownerPid, root, FindBinaries());

    private static void WatchOwner(int ownerPid, string root, string binaries)
    {
        var pgCtl = $"'{Path.Combine(binaries, "pg_ctl")}'";
        if (Environment.UserName == "root")
            pgCtl = "runuser -u postgres -- " + pgCtl;
        var script = $"""
            exec </dev/null >/dev/null 2>&1
            while kill -0 {ownerPid.ToString(CultureInfo.InvariantCulture)}; do sleep 1; done
            if [ -f '{root}/data/postmaster.pid' ]; then {pgCtl} -D '{root}/data' -m immediate -w stop; fi
            rm -rf '{root}'
            """;
        var info = File.Exists("/usr/bin/setsid") ? new ProcessStartInfo("/usr/bin/setsid", ["sh", "-c", script]) : new ProcessStartInfo("sh", ["-c", script]);
        info.UseShellExecute = false;
        using var watcher = Process.Start(info) ?? throw new InvalidOperationException("The cluster's watcher did not start.");
    }

    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        RemoveAsync(_binaries, _root).GetAwaiter().GetResult();
    }

    /// <summary>Stops and removes the clusters of test runs whose process has ended (or whose folder names no owner).</summary>
    public static Task ReapOrphansAsync() => ReapOrphansAsync(FindBinaries());

    private static async Task ReapOrphansAsync(string binaries)
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), RootPrefix + "*"))
        {
            // etc-pg-<pid>-<start time>-<random>
            var name = Path.GetFileName(root).Split('-');
            if (name.Length == 5 && ProcessIdentity(int.TryParse(name[2], CultureInfo.InvariantCulture, out var pid) ? pid : 0) == $"{name[2]}-{name[3]}")
                continue;
            await RemoveAsync(binaries, root);
        }
    }

    /// <summary>Stops the cluster in <paramref name="root"/> if its server runs, then removes the folder.</summary>
    private static async Task RemoveAsync(string binaries, string root)
    {
        try
        {
            if (File.Exists(Path.Combine(root, "data", "postmaster.pid")))
                await RunAsync(binaries, "pg_ctl", ["-D", Path.Combine(root, "data"), "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Its server had already stopped (a reboot): only the folder is left.
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another run removes it at the same moment, or it is not ours to remove: leave it.
        }
    }

    /// <summary>
    /// "pid-start time", as a cluster's folder names its owner; the start time (clock ticks since boot, /proc/pid/stat) tells
    /// a reused pid apart. Empty when the process does not exist.
    /// </summary>
    public static string ProcessIdentity(int pid)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        if (!File.Exists(path))
            return "";
        var stat = File.ReadAllText(path);
        // The fields after the command name (which may hold spaces) start after its closing parenthesis; the start time is
        // the 22nd field of the line, the 20th after the name.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return $"{pid.ToString(CultureInfo.InvariantCulture)}-{fields[19]}";
    }

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), CultureInfo.InvariantCulture, out var v) ? v : 0).FirstOrDefault();
        return bin ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql).");
    }

    /// <summary>PostgreSQL refuses to run as root; as root the tools run as the postgres user.</summary>
    private static async Task RunAsync(string binaries, string tool, string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var info = asRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", Path.Combine(binaries, tool), .. arguments])
            : new ProcessStartInfo(Path.Combine(binaries, tool), arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await output}{await error}");
    }

}
