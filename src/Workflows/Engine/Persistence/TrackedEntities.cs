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
}
