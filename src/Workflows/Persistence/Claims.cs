using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExportTaxCheck.Workflows.Persistence;

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
    /// in one transaction; returns the ids this node now holds.
    /// </summary>
    public static async Task<List<string>> ClaimAsync(ExportTaxCheckDbContext db, IQueryable<string> candidates,
        Func<List<string>, Task> lease, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = await candidates.SkipLocked().ToListAsync(ct);
        if (ids.Count > 0)
            await lease(ids);
        await tx.CommitAsync(ct);
        return ids;
    }

    /// <summary>
    /// Marks a query whose rows the current transaction locks, skipping rows another transaction holds
    /// (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL; SQLite's single writer needs no row locks).
    /// </summary>
    public static IQueryable<T> SkipLocked<T>(this IQueryable<T> query) => query.TagWith(Tag);
}

/// <summary>Appends <c>FOR UPDATE SKIP LOCKED</c> to PostgreSQL queries tagged by <see cref="Claims"/>.</summary>
internal sealed class SkipLockedInterceptor : DbCommandInterceptor
{
    public static readonly SkipLockedInterceptor Instance = new();
    private static readonly string Marker = "-- " + Claims.Tag;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Apply(command);
        return ValueTask.FromResult(result);
    }

    private static void Apply(DbCommand command)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal))
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + " FOR UPDATE SKIP LOCKED";
    }
}
