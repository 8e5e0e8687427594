using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Commits on a SQLite connection that need not wait for the disk themselves (<c>synchronous = NORMAL</c> until disposed,
/// then the connection's level again). Such a commit is in the write-ahead log through the operating system, so a process
/// that dies keeps it; the log is one sequence, so the next commit that does wait for the disk (a step's, a command's)
/// makes it durable with its own. Only a power failure before that could lose it, and with it nothing that was answered:
/// whatever used it committed later. For commits whose loss repeats work rather than losing it (an e-mail's outcome, a
/// delivery's bookkeeping) or that nothing outside sees before a later commit (a number drawn for a case). Nothing is
/// changed on PostgreSQL or inside a transaction (whose commit belongs to someone else).
/// </summary>
public sealed class LazyFlush : IAsyncDisposable
{
    private static long? _default;
    private readonly StepSql _sql;
    private readonly long _level;

    private LazyFlush(StepSql sql, long level)
    {
        _sql = sql;
        _level = level;
    }

    /// <summary>
    /// Relaxes <paramref name="db"/>'s SQLite connection (opened if it is not); null where nothing was changed (on
    /// PostgreSQL the connection is not opened either).
    /// </summary>
    public static async Task<LazyFlush?> BeginAsync(WorkflowDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
            return null;
        var sql = await SnapshotReads.SqlAsync(db, ct);
        if (!sql.Autocommit)
            return null;
        // The engine's connections all keep SQLite's default level outside a lazy flush: it is read once.
        var level = _default ??= (await sql.QueryAsync("PRAGMA synchronous", r => r.GetInt64(0), ct)).Single();
        if (level <= 1)
            return null;
        await sql.ExecuteAsync("PRAGMA synchronous = NORMAL", ct);
        return new LazyFlush(sql, level);
    }

    /// <summary>Puts the connection's level back before it goes back to the pool.</summary>
    public async ValueTask DisposeAsync() =>
        await _sql.ExecuteAsync($"PRAGMA synchronous = {_level.ToString(System.Globalization.CultureInfo.InvariantCulture)}", CancellationToken.None);
}
