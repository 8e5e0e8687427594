using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ExportTaxCheck.Engine.Persistence;

public static class TrackedEntities
{
    /// <summary>
    /// The entities of a type <paramref name="db"/> tracks (as <see cref="DbSet{TEntity}.Local"/>), without the scan of
    /// every tracked entity for changes that <c>Local</c> runs first: which entities are tracked, and their keys, do not
    /// depend on it. For lookups by key or by a property set when the entity was added.
    /// </summary>
    public static LocalView<T> Tracked<T>(this DbContext db) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var detects = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.Set<T>().Local;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detects;
        }
    }

    /// <summary>
    /// A row read with a plain statement, as an EF Core query of <paramref name="db"/> gives it: a row the unit of work
    /// tracks already is the tracked entity (as it stands in the unit of work); in a unit of work that tracks what it
    /// reads, another is tracked from now on, as read (its concurrency token is checked when it is saved).
    /// </summary>
    public static T Resolved<T, TKey>(this DbContext db, T row, TKey key) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Tracked<T>().FindEntry(key)?.Entity is { } held)
            return held;
        if (db.ChangeTracker.QueryTrackingBehavior == QueryTrackingBehavior.TrackAll)
            db.Attach(row);
        return row;
    }
}
