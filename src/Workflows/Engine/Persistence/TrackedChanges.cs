using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Hands the rows one unit of work changed to another, to be saved there: a step's module rows are tracked by the step's
/// own context but saved by the context that holds the transaction group commit shares. Each entity keeps its state, its
/// original values (so concurrency tokens still guard the update) and which properties changed.
/// </summary>
internal static class TrackedChanges
{
    public static void Copy(DbContext from, DbContext to)
    {
        foreach (var source in from.ChangeTracker.Entries().ToList())
        {
            switch (source.State)
            {
                case EntityState.Added:
                    to.Entry(source.Entity).State = EntityState.Added;
                    break;
                case EntityState.Modified:
                {
                    var target = to.Entry(source.Entity);
                    target.State = EntityState.Unchanged;
                    target.OriginalValues.SetValues(source.OriginalValues);
                    foreach (var property in source.Properties.Where(p => p.IsModified))
                        target.Property(property.Metadata.Name).IsModified = true;
                    break;
                }
                case EntityState.Deleted:
                {
                    var target = to.Entry(source.Entity);
                    target.State = EntityState.Unchanged;
                    target.OriginalValues.SetValues(source.OriginalValues);
                    target.State = EntityState.Deleted;
                    break;
                }
            }
        }
    }
}
