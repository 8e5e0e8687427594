using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Claims a batch of rows for one node: the candidates are selected <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so
/// nodes sweeping the same queue at once take disjoint rows instead of waiting on each other, and leased in the same
/// transaction. SQLite has one writer, so the immediate transaction alone keeps claims apart there.
/// </summary>
public static class Claims
{
    internal const string Tag = "claim: skip locked";

    /// <summary>
    /// Runs <paramref name="candidates"/> (ordered, with its Take) for the ids to claim and <paramref name="lease"/> on them,
    /// in one transaction; returns the ids this node now holds. What was claimed is on disk when this returns, and with it
    /// every commit before the claim (<see cref="DurableCommits"/>): the work done with the rows (an e-mail sent, a report
    /// made to customs) never tells of a commit a power failure could take back.
    /// </summary>
    public static async Task<List<string>> ClaimAsync(WorkflowDbContext db, IQueryable<string> candidates,
        Func<List<string>, Task> lease, CancellationToken ct)
    {
        List<string> ids;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            ids = await candidates.SkipLocked().ToListAsync(ct);
            if (ids.Count > 0)
                await lease(ids);
            await tx.CommitAsync(ct);
        }
        await DurableCommits.FlushBeforeAsync(db, ids, ct);
        return ids;
    }

    /// <summary>
    /// Marks a query whose rows the current transaction locks, skipping rows another transaction holds
    /// (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL; SQLite's single writer needs no row locks).
    /// </summary>
    public static IQueryable<T> SkipLocked<T>(this IQueryable<T> query) => query.TagWith(Tag);
}
