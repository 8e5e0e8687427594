using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// The process's one connection for write transactions on a SQLite file. SQLite lets one connection write at a time:
/// pooled connections taking turns at it waited for its lock in the busy handler, and each found its page cache dropped
/// by the others' commits, so it read again every page it was about to write. Here the steps' shared commits (group
/// commit), the built-in ends' registries and the number sequences all write through one connection, one unit of work at
/// a time in the order they asked (a queue in the process instead of polling SQLite's lock), and that connection keeps
/// its page cache from one commit to the next. The reads of a view (<see cref="SnapshotReads.ReadAsync{T}"/>) run on it
/// too, between two units of work that write, and find their pages there. Other reads stay on the pooled connections, as
/// does other work that writes rarely (e-mail claims and outcomes).
/// Work that already holds the writer and asks for it again is told it is not <see cref="Available"/> (it goes on its own
/// connection, as before), so a unit of work never waits for itself. A connection left unusable (closed, or in a
/// transaction the work did not end) is given up, and the next unit of work opens another. Nothing to do on PostgreSQL or
/// an in-memory database: <see cref="Available"/> is false there.
/// </summary>
public sealed class SqliteWriter(IDbContextFactory<WorkflowDbContext> factory, DurableCommits commits) : IAsyncDisposable, IDisposable
{
    private static readonly AsyncLocal<SqliteWriter?> HeldBy = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WorkflowDbContext? _db;
    private long _units;

    /// <summary>True when <see cref="RunAsync{T}(Func{WorkflowDbContext, Task{T}}, CancellationToken)"/> runs work on the writer: a SQLite file, and not inside the writer's own work.</summary>
    public bool Available => commits.Log is not null && HeldBy.Value != this;

    /// <summary>Units of work run on the writer so far.</summary>
    public long Units => Interlocked.Read(ref _units);

    /// <summary>Connections the writer has opened so far (one, unless one was left unusable).</summary>
    public long Connections { get; private set; }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's unit of work once every unit of work queued before it has ended. The
    /// work begins and ends its own transaction; whatever it leaves tracked is forgotten afterwards. Only when
    /// <see cref="Available"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<WorkflowDbContext, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!Available)
            throw new InvalidOperationException("The SQLite writer is not available here: check Available and use a unit of work of its own.");
        await _gate.WaitAsync(ct);
        HeldBy.Value = this;
        try
        {
            var db = _db ??= await OpenAsync(ct);
            Interlocked.Increment(ref _units);
            try
            {
                return await work(db);
            }
            finally
            {
                db.ChangeTracker.Clear();
                if (!Usable(db))
                {
                    _db = null;
                    await db.DisposeAsync();
                }
            }
        }
        finally
        {
            HeldBy.Value = null;
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer when it is <see cref="Available"/>, else on a unit of work of its own
    /// from <paramref name="elsewhere"/> (disposed afterwards).
    /// </summary>
    public async Task<T> RunAsync<T>(IDbContextFactory<WorkflowDbContext> elsewhere, Func<WorkflowDbContext, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(elsewhere);
        if (Available)
            return await RunAsync(work, ct);
        await using var db = await elsewhere.CreateDbContextAsync(ct);
        return await work(db);
    }

    /// <inheritdoc cref="RunAsync{T}(Func{WorkflowDbContext, Task{T}}, CancellationToken)"/>
    public Task RunAsync(Func<WorkflowDbContext, Task> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(async db =>
        {
            await work(db);
            return true;
        }, ct);
    }

    private async Task<WorkflowDbContext> OpenAsync(CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            // Closed before the context goes back to its pool (see WorkflowDbContext.HeldOpen).
            db.HeldOpen = true;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
        Connections++;
        return db;
    }

    // Open, and in no transaction: what a unit of work ended or rolled back leaves.
    private static bool Usable(WorkflowDbContext db) =>
        db.Database.GetDbConnection().State == System.Data.ConnectionState.Open && !db.InTransaction;

    // Disposed with the application: the unit of work under way, if any, is given a moment to end.
    public void Dispose()
    {
        var held = _gate.Wait(DisposeWait);
        try
        {
            _db?.Dispose();
            _db = null;
        }
        finally
        {
            if (held)
                _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var held = await _gate.WaitAsync(DisposeWait);
        try
        {
            if (_db is not null)
                await _db.DisposeAsync();
            _db = null;
        }
        finally
        {
            if (held)
                _gate.Release();
        }
    }

    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(5);
}
