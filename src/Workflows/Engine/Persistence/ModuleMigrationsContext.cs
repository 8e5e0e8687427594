using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// What a module's migrations are made for and applied with (one subclass per provider, in the module's assembly, with a
/// public constructor taking its <c>DbContextOptions&lt;T&gt;</c>): the same conventions as the runtime's context, but
/// only the tables whose records live in the module's assembly.
/// </summary>
public abstract class ModuleMigrationsContext : WorkflowDbContext
{
    protected ModuleMigrationsContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var module = GetType().Assembly;
        modelBuilder.ApplyConfigurationsFromAssembly(module);
        // The engine's tables (found through the DbSets of the base context) are left out of the model, not merely
        // excluded from migrations: an excluded table still sits in the module's snapshot, so every change to an engine
        // table would show up as a pending change of every module and stop its migrations at start-up.
        foreach (var foreign in modelBuilder.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => t.Assembly != module).Distinct().ToList())
            modelBuilder.Ignore(foreign);
    }
}
