using System.Runtime.InteropServices;
using ExportTaxCheck.Engine.Telemetry;
using Microsoft.Data.Sqlite;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// How a SQLite connection waits for another connection's write lock. SQLite's own busy handler (busy_timeout) sleeps 1,
/// 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms between tries, so a writer that arrives during another's transaction
/// (a step's commit lasts a millisecond or a few with its fsync) sleeps far longer than that transaction, and the Host's
/// own writers queue behind those sleeps. This handler tries again every millisecond, up to the same
/// <see cref="TimeoutMilliseconds"/>, then gives up with SQLITE_BUSY as before; each wait is counted
/// (<c>workflow.db.busy_waits</c>). It is set on each physical connection with SQLite's C API (sqlite3_busy_handler),
/// which SQLitePCLRaw does not wrap; where that fails, SQLite's own handler stays.
/// </summary>
internal static class SqliteBusyWait
{
    public const int TimeoutMilliseconds = 30_000;

    private static long _waits;

    // Kept in a static field: SQLite holds only the function pointer, so the delegate must outlive every connection.
    private static readonly BusyHandler Handler = Wait;
    private static readonly IntPtr HandlerPointer = Marshal.GetFunctionPointerForDelegate(Handler);
    private static bool _unavailable;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr state, int count);

    /// <summary>Waits made since the process started, on every connection (for tests).</summary>
    public static long Waits => Interlocked.Read(ref _waits);

    /// <summary>Sets this handler on <paramref name="connection"/>'s physical connection; false where SQLite's own stays.</summary>
    public static bool Install(SqliteConnection connection)
    {
        if (_unavailable || connection.Handle is not { } handle)
            return false;
        // The handle belongs to the library SQLitePCLRaw loaded: set the handler only if that is the bundled e_sqlite3 this
        // calls, never on a handle of another SQLite build (SQLCipher, the system's).
        if (!string.Equals(SQLitePCL.raw.GetNativeLibraryName(), NativeMethods.Library, StringComparison.Ordinal))
        {
            _unavailable = true;
            return false;
        }
        try
        {
            return NativeMethods.sqlite3_busy_handler(handle.DangerousGetHandle(), HandlerPointer, IntPtr.Zero) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // The bundled library cannot be loaded by this name here: SQLite's busy_timeout stays in force.
            _unavailable = true;
            return false;
        }
    }

    /// <summary>Called by SQLite with the number of times it was called for this lock: nonzero to try again.</summary>
    private static int Wait(IntPtr state, int count)
    {
        if (count >= TimeoutMilliseconds)
            return 0;
        Interlocked.Increment(ref _waits);
        try
        {
            EngineTelemetry.BusyWaited();
        }
        catch (Exception)
        {
            // A metrics listener's failure must not cross into SQLite's C code, which cannot unwind it; the wait goes on.
        }
        Thread.Sleep(1);
        return 1;
    }

    private static class NativeMethods
    {
        public const string Library = "e_sqlite3";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_busy_handler(IntPtr db, IntPtr handler, IntPtr state);
    }
}
