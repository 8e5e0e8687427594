using SQLitePCL;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Settings of the SQLite library itself, for the whole process, made before it opens its first connection. SQLite's
/// memory statistics are turned off (<c>SQLITE_CONFIG_MEMSTATUS</c>): with them on, every allocation and every free inside
/// SQLite takes one process-wide mutex to count bytes, and the Host's connections, each working on a thread of its own,
/// queued on it (on two cores, about a third of the Host's futex calls were that one mutex's waits and wake-ups, each wait
/// a thread put to sleep). Nothing here reads those statistics, and SQLite's soft heap limit, which needs them, is not
/// used. Once SQLite has opened a connection in the process it takes no more settings (it answers SQLITE_MISUSE): they stay
/// as they were, which is safe, only slower.
/// </summary>
internal static class SqliteProcessSettings
{
    private const int ConfigMemoryStatistics = 9; // SQLITE_CONFIG_MEMSTATUS
    private const int Ok = 0;

    private static readonly Lock Gate = new();
    private static bool? _statisticsOff;

    /// <summary>True once the statistics were turned off; false when SQLite had started before; null before the first try.</summary>
    public static bool? MemoryStatisticsOff
    {
        get
        {
            lock (Gate)
                return _statisticsOff;
        }
    }

    /// <summary>Makes the settings, once per process; later calls do nothing.</summary>
    public static void Apply()
    {
        lock (Gate)
        {
            if (_statisticsOff is not null)
                return;
            // The provider SQLitePCLRaw loads (Microsoft.Data.Sqlite does the same on its first connection); it does not
            // start SQLite, which starts on the first connection opened.
            Batteries_V2.Init();
            _statisticsOff = raw.sqlite3_config(ConfigMemoryStatistics, 0) == Ok;
        }
    }
}
