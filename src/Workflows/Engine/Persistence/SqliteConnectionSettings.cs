using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// SQLite has one writer at a time. Left to itself, Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms
/// between tries, which turns a few concurrent steps into long queues; a busy handler instead waits inside the statement,
/// here trying every millisecond (<see cref="SqliteBusyWait"/>; SQLite's own busy_timeout where that cannot be set). And
/// SQLite's default page cache is 2 MB per connection: with a million stored instances the index pages a step reads no
/// longer fit, so each connection keeps up to 32 MB of them. Sorts and statement journals stay in memory instead of a
/// temporary file that is created and deleted for each of them. Commits do not wait for the disk while they hold the write
/// lock (<c>synchronous = NORMAL</c>): what must survive a power failure is written to disk by <see cref="DurableCommits"/>,
/// once for many commits, before anyone hears of it.
/// All are settings of the physical connection: they are applied once when the pool first opens it, not again on each
/// of the many logical opens a pooled connection serves. So are EF Core's SQL functions (<see cref="SqliteFunctionRegistrations"/>).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();
    private static readonly string Pragma = "PRAGMA busy_timeout = " + SqliteBusyWait.TimeoutMilliseconds + "; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 8000; PRAGMA synchronous = NORMAL;";

    // Keyed by SQLite's own handle, which lives as long as the physical connection and is shared by every logical open.
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];
    private readonly ConcurrentDictionary<string, long> _applied = new(StringComparer.Ordinal);

    /// <summary>How many physical connections to <paramref name="dataSource"/> were set up (for tests).</summary>
    internal long AppliedTo(string dataSource) => _applied.GetValueOrDefault(dataSource);

    // EF Core's functions, as taken off the first connection it created (they are the same on every one).
    private SqliteFunctionRegistrations? _functions;

    public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
    {
        if (result is SqliteConnection connection && SqliteFunctionRegistrations.TakeFrom(connection) is { } taken)
            Interlocked.CompareExchange(ref _functions, taken, null);
        return result;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
        if (connection is SqliteConnection sqlite)
            SqliteBusyWait.Install(sqlite);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (connection is SqliteConnection sqlite)
            SqliteBusyWait.Install(sqlite);
    }

    // Counts the write transactions for /metrics; zero lets the commit go on.
    private static readonly delegate_commit CountCommit = static _ =>
    {
        Telemetry.EngineTelemetry.Committed();
        return 0;
    };

    private bool FirstOpen(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle })
            return true;
        var first = false;
        _configured.GetValue(handle, _ =>
        {
            first = true;
            return new object();
        });
        if (first)
        {
            _functions?.RegisterOn(handle);
            raw.sqlite3_commit_hook(handle, CountCommit, null);
            _applied.AddOrUpdate(((SqliteConnection)connection).DataSource, 1, (_, n) => n + 1);
        }
        return first;
    }
}
