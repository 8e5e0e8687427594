using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Group commit: steps of different instances that reach their commit together share one transaction, so one commit (and
/// one write of the log to disk after it, see <see cref="Persistence.DurableCommits"/>) makes all of them durable. The
/// first step to arrive leads: when other steps are still running it waits up to
/// <see cref="RuntimeOptions.GroupCommitWindow"/> for them, then writes every waiting step in the shared transaction, each
/// inside a savepoint of its own (a step refused there, say for a spent bookmark or a changed instance, is rolled back
/// alone and hears why), and commits. Every step is answered only after that commit, so a process killed
/// before it loses nothing that was answered. A command's rows (a case command: the case, the event it raises) join the
/// same way (<see cref="SaveChangesAsync"/>). A window of zero turns it off: each step commits in a transaction of its own.
/// On a SQLite file every such transaction, shared or not, runs on the process's one writer connection
/// (<see cref="SqliteWriter"/>); elsewhere on the leading step's own connection.
/// </summary>
public sealed class GroupCommit(StepStore store, IOptions<RuntimeOptions> options, SqliteWriter writer)
{
    /// <summary>At most this many steps share one transaction.</summary>
    public const int MaxBatch = 64;

    private readonly List<Member> _waiting = [];
    private readonly SemaphoreSlim _leader = new(1, 1);
    private readonly SemaphoreSlim _arrived = new(0);
    private int _running;
    private long _transactions;
    private long _steps;

    /// <summary>Step transactions committed so far while group commit is on: shared ones, and a lone step's own.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Steps committed in them (a command's rows saved through <see cref="SaveChangesAsync"/> count as one).</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>True when steps share transactions (a window above zero).</summary>
    public bool Enabled => options.Value.GroupCommitWindow > TimeSpan.Zero;

    // No other step runs or waits to commit: a step alone has no one to share its commit with.
    private bool Alone => Volatile.Read(ref _running) <= 1 && WaitingCount() == 0;

    /// <summary>Counts a step that runs now (so a leader knows whom to wait for); dispose when it has committed or failed.</summary>
    internal IDisposable Running()
    {
        Interlocked.Increment(ref _running);
        return new Leave(this);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction shared with the steps that commit together with it; returns when that
    /// transaction has committed, with how many steps it held. Throws what <paramref name="write"/> threw (its rows are
    /// rolled back, the others' are not), or the commit's error. <paramref name="own"/> is the step's unit of work: a step
    /// that leads writes the batch on its connection, so a batch never waits for a connection while its members hold theirs.
    /// With group commit off, or alone, the step commits at once in a transaction of its own on that connection.
    /// </summary>
    internal async Task<int> CommitAsync(WorkflowDbContext own, Func<StepSql, WorkflowDbContext, Task> write)
    {
        var member = new Member(own, write);
        if (!Enabled || Alone)
        {
            await CommitBatchAsync(own, [member]);
            return await member.Done.Task;
        }
        lock (_waiting)
            _waiting.Add(member);
        _arrived.Release();
        while (!member.Done.Task.IsCompleted)
        {
            // Not cancellable: a step once queued is written by whichever leader comes next, and its caller hears how it went.
            await _leader.WaitAsync(CancellationToken.None);
            try
            {
                if (!member.Done.Task.IsCompleted)
                    await LeadAsync(member);
            }
            finally
            {
                _leader.Release();
            }
        }
        return await member.Done.Task;
    }

    /// <summary>
    /// Saves the rows <paramref name="db"/> tracks (a command's: the case, the event it raises, its idempotency key) in a
    /// transaction shared with the steps that commit together with it, as a step's own rows are; returns once that
    /// transaction has committed. Throws what saving threw (a changed row, a duplicate key) with none of them written.
    /// </summary>
    public async Task SaveChangesAsync(WorkflowDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        // No look for changes first: SaveTrackedAsync looks the unit of work over once, as a step's save does.
        await CommitAsync(db, (sql, target) => SaveTrackedAsync(db, sql, target, CancellationToken.None));
    }

    /// <summary>
    /// The rows <paramref name="db"/> tracks, in the transaction <paramref name="sql"/> holds on <paramref name="target"/>'s
    /// connection (<paramref name="db"/>'s own, or one shared by group commit): with plain statements where
    /// <see cref="ModelWrites"/> covers them, else by EF Core on the context that holds the transaction.
    /// </summary>
    internal static async Task SaveTrackedAsync(WorkflowDbContext db, StepSql sql, WorkflowDbContext target, CancellationToken ct)
    {
        // ModelWrites looks the unit of work over for changes once (none: nothing to write); HasChanges only when it leaves them to EF Core.
        if (await ModelWrites.TrySaveAsync(db, sql, ct) || !db.ChangeTracker.HasChanges())
            return;
        if (!ReferenceEquals(target, db))
            TrackedChanges.Copy(db, target);
        await (await sql.EnlistAsync(target, ct)).SaveChangesAsync(ct);
    }

    private int WaitingCount()
    {
        lock (_waiting)
            return _waiting.Count;
    }

    private async Task LeadAsync(Member leader)
    {
        // Others still running may be about to commit: give them the window to join, and go as soon as all have.
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Value.GroupCommitWindow.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref _running) > WaitingCount() && Stopwatch.GetTimestamp() < deadline)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left > TimeSpan.Zero)
                await _arrived.WaitAsync(left);
        }
        // The leader's own step goes first: its unit of work carries the batch, and its changes are its own to save.
        var batch = new List<Member>(Math.Min(MaxBatch, WaitingCount())) { leader };
        lock (_waiting)
        {
            _waiting.Remove(leader);
            var take = Math.Min(MaxBatch - 1, _waiting.Count);
            batch.AddRange(_waiting.GetRange(0, take));
            _waiting.RemoveRange(0, take);
        }
        try
        {
            await CommitBatchAsync(leader.Own, batch);
        }
        catch (Exception ex)
        {
            // The shared transaction did not commit: no step of it was written.
            foreach (var member in batch)
                member.Done.TrySetException(ex);
        }
    }

    private Task CommitBatchAsync(WorkflowDbContext own, List<Member> batch) =>
        writer.Available ? writer.RunAsync(db => CommitBatchOnAsync(db, batch), CancellationToken.None) : CommitBatchOnAsync(own, batch);

    private async Task CommitBatchOnAsync(WorkflowDbContext db, List<Member> batch)
    {
        var sql = await store.BeginAsync(db, CancellationToken.None);
        await using var transaction = sql.Transaction!;
        try
        {
            await WriteAndCommitAsync(sql, transaction, db, batch);
        }
        finally
        {
            // The unit of work goes on (the leader's with its step, the writer with the next batch): it must not stay
            // enlisted in a finished transaction.
            await sql.LeaveAsync();
        }
    }

    private async Task WriteAndCommitAsync(StepSql sql, DbTransaction transaction, WorkflowDbContext db, List<Member> batch)
    {
        var written = new List<Member>(batch.Count);
        // A lone step needs no savepoint: its failure rolls back a transaction that holds nothing else.
        var savepoints = batch.Count > 1;
        foreach (var member in batch)
        {
            if (savepoints)
                await transaction.SaveAsync(Savepoint);
            try
            {
                await member.Write(sql, db);
                if (savepoints)
                    await transaction.ReleaseAsync(Savepoint);
                written.Add(member);
                // What another step's rows left tracked here is not the leader's to keep.
                if (!ReferenceEquals(member.Own, db))
                    db.ChangeTracker.Clear();
            }
            catch (Exception ex) when (savepoints)
            {
                await transaction.RollbackAsync(Savepoint);
                member.Done.TrySetException(ex);
                // Changes that were rolled back must not be saved again with the next step's.
                db.ChangeTracker.Clear();
            }
        }
        await transaction.CommitAsync();
        if (Enabled)
        {
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _steps, written.Count);
        }
        foreach (var member in written)
            member.Done.TrySetResult(batch.Count);
    }

    private const string Savepoint = "step";

    private sealed class Member(WorkflowDbContext own, Func<StepSql, WorkflowDbContext, Task> write)
    {
        public WorkflowDbContext Own { get; } = own;

        public Func<StepSql, WorkflowDbContext, Task> Write { get; } = write;

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Leave(GroupCommit owner) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
                Interlocked.Decrement(ref owner._running);
        }
    }
}
