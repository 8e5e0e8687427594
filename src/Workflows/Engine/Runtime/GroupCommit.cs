using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Group commit: steps of different instances that reach their commit together share one transaction, so one write of the
/// log to disk (one fsync) makes all of them durable. The first step to arrive leads: when other steps are still running it
/// waits up to <see cref="RuntimeOptions.GroupCommitWindow"/> for them, then writes every waiting step in the shared
/// transaction, each inside a savepoint of its own (a step refused there, say for a spent bookmark or a changed instance,
/// is rolled back alone and hears why), and commits. Every step is answered only after that commit, so a process killed
/// before it loses nothing that was answered. A window of zero turns it off: each step commits in a transaction of its own.
/// </summary>
public sealed class GroupCommit(IDbContextFactory<WorkflowDbContext> dbFactory, StepStore store, IOptions<RuntimeOptions> options)
{
    /// <summary>At most this many steps share one transaction.</summary>
    public const int MaxBatch = 64;

    private readonly ConcurrentQueue<Member> _waiting = new();
    private readonly SemaphoreSlim _leader = new(1, 1);
    private readonly SemaphoreSlim _arrived = new(0);
    private int _running;
    private long _transactions;
    private long _steps;

    /// <summary>Shared transactions committed so far.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Steps committed in them.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>True when steps share transactions (a window above zero).</summary>
    public bool Enabled => options.Value.GroupCommitWindow > TimeSpan.Zero;

    /// <summary>Counts a step that runs now (so a leader knows whom to wait for); dispose when it has committed or failed.</summary>
    internal IDisposable Running()
    {
        Interlocked.Increment(ref _running);
        return new Leave(this);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction shared with the steps that commit together with it; returns when that
    /// transaction has committed, with how many steps it held. Throws what <paramref name="write"/> threw (its rows are
    /// rolled back, the others' are not), or the commit's error.
    /// </summary>
    internal async Task<int> CommitAsync(Func<StepSql, WorkflowDbContext, Task> write)
    {
        var member = new Member(write);
        _waiting.Enqueue(member);
        _arrived.Release();
        while (!member.Done.Task.IsCompleted)
        {
            // Not cancellable: a step once queued is written by whichever leader comes next, and its caller hears how it went.
            await _leader.WaitAsync(CancellationToken.None);
            try
            {
                if (!member.Done.Task.IsCompleted)
                    await LeadAsync();
            }
            finally
            {
                _leader.Release();
            }
        }
        return await member.Done.Task;
    }

    private async Task LeadAsync()
    {
        // Others still running may be about to commit: give them the window to join, and go as soon as all have.
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Value.GroupCommitWindow.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref _running) > _waiting.Count && Stopwatch.GetTimestamp() < deadline)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left > TimeSpan.Zero)
                await _arrived.WaitAsync(left);
        }
        var batch = new List<Member>();
        while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
            batch.Add(next);
        try
        {
            await CommitBatchAsync(batch);
        }
        catch (Exception ex)
        {
            // The shared transaction did not commit: no step of it was written.
            foreach (var member in batch)
                member.Done.TrySetException(ex);
        }
    }

    private async Task CommitBatchAsync(List<Member> batch)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var sql = await store.BeginAsync(db, CancellationToken.None);
        await using var transaction = sql.Transaction!;
        await sql.EnlistAsync(db, CancellationToken.None);
        var written = new List<Member>(batch.Count);
        foreach (var member in batch)
        {
            await transaction.SaveAsync(Savepoint);
            try
            {
                await member.Write(sql, db);
                await transaction.ReleaseAsync(Savepoint);
                written.Add(member);
            }
            catch (Exception ex)
            {
                await transaction.RollbackAsync(Savepoint);
                member.Done.TrySetException(ex);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        await transaction.CommitAsync();
        await sql.LeaveAsync(db, CancellationToken.None);
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _steps, written.Count);
        foreach (var member in written)
            member.Done.TrySetResult(batch.Count);
    }

    private const string Savepoint = "step";

    private sealed class Member(Func<StepSql, WorkflowDbContext, Task> write)
    {
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
