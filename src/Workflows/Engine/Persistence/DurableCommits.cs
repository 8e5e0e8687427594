using System.Collections.Concurrent;
using ExportTaxCheck.Engine.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Win32.SafeHandles;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Durable commits on SQLite, one write of the log to disk shared by many. The engine's connections commit at
/// <c>synchronous = NORMAL</c> (<see cref="SqliteConnectionSettings"/>): a commit is in the write-ahead log through the
/// operating system when it returns, so a process that dies (kill -9 included) keeps it, but it does not wait for the disk
/// while it holds the database's one write lock. What must survive a power failure is made so before anyone hears of it:
/// <see cref="FlushAsync(CancellationToken)"/> returns once every commit that had returned when it was called is on disk,
/// with one fsync of the log for all the callers that arrived before that fsync began. The Host calls it before answering a
/// command, the workers after the steps they ran, and a claim before its rows' work leaves the process (an e-mail, a report
/// to customs), so an answer, an e-mail or a report never tells of a commit a power failure could take back. The log is one
/// sequence: an fsync makes every commit before it durable, whoever made them.
/// Nothing to do on PostgreSQL (a commit waits for its own log flush there) or for an in-memory database.
/// </summary>
public sealed class DurableCommits
{
    private static readonly ConcurrentDictionary<string, DurableCommits> ByLog = new(StringComparer.Ordinal);
    // The same, by the connection string a context holds: read and resolved to its log once, not on every call.
    private static readonly ConcurrentDictionary<string, DurableCommits> ByConnection = new(StringComparer.Ordinal);
    private static readonly DurableCommits Nothing = new(null, _ => { });

    private readonly string? _log;
    private readonly Action<string> _sync;
    private readonly SemaphoreSlim _one = new(1, 1);
    private long _requested;
    private long _flushed;
    private long _syncs;

    /// <summary>For tests: <paramref name="sync"/> stands in for the fsync of <paramref name="log"/>.</summary>
    internal DurableCommits(string? log, Action<string> sync)
    {
        _log = log;
        _sync = sync;
    }

    /// <summary>The write-ahead log this flushes; null when there is none to flush.</summary>
    public string? Log => _log;

    /// <summary>Writes of the log to disk made so far.</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>Calls of <see cref="FlushAsync(CancellationToken)"/> so far (for tests).</summary>
    internal long Calls => Interlocked.Read(ref _requested);

    /// <summary>The one instance for the database <paramref name="database"/> names.</summary>
    public static DurableCommits For(DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.IsSqlite ? ForSqlite(database.ConnectionString) : Nothing;
    }

    /// <summary>Makes every commit <paramref name="db"/>'s database took before this call durable.</summary>
    public static ValueTask FlushAsync(DbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsSqlite() && db.Database.GetConnectionString() is { } connection
            ? ByConnection.GetOrAdd(connection, ForSqlite).FlushAsync(ct)
            : ValueTask.CompletedTask;
    }

    /// <summary>
    /// Before <paramref name="work"/> claimed or read through <paramref name="db"/> leaves the process (an e-mail, a report
    /// to customs): makes every commit before it durable. Nothing to do when there is no work.
    /// </summary>
    public static ValueTask FlushBeforeAsync<T>(DbContext db, IReadOnlyCollection<T> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.Count > 0 ? FlushAsync(db, ct) : ValueTask.CompletedTask;
    }

    /// <summary>
    /// Returns once every commit that returned before this call is on disk. A call that arrives while the log is being
    /// written waits for that write and then for one more, which it shares with every call that arrived in the meantime.
    /// </summary>
    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_log is null)
            return;
        // Taken after the caller's commits returned: a write of the log that begins once this ticket is counted covers them.
        var ticket = Interlocked.Increment(ref _requested);
        await _one.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _flushed) >= ticket)
                return;
            var covered = Volatile.Read(ref _requested);
            _sync(_log);
            Interlocked.Increment(ref _syncs);
            EngineTelemetry.LogFlushed();
            Volatile.Write(ref _flushed, covered);
        }
        finally
        {
            _one.Release();
        }
    }

    private static DurableCommits ForSqlite(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource)
            || builder.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
            return Nothing;
        var log = Path.GetFullPath(builder.DataSource) + "-wal";
        return ByLog.GetOrAdd(log, static path => new DurableCommits(path, Sync));
    }

    /// <summary>
    /// fsync of the log through a handle of its own (the kernel writes the file's pages whichever handle asks). Opened for
    /// each write, so a log SQLite removed and made again is the one written. No log: SQLite folded it into the database file
    /// and wrote that to disk before removing it. SQLite keeps no locks on the log file, so closing this handle takes none
    /// of its locks away.
    /// </summary>
    private static void Sync(string log)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(log, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        using (handle)
            RandomAccess.FlushToDisk(handle);
    }
}
