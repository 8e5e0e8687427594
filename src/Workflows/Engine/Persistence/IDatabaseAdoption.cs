namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Takes over a database that an earlier layout of the service created (before a module had a migration stream of its
/// own): <see cref="DatabaseInitializer"/> calls it before any migration runs, and it brings the schema to where both
/// streams start and records their first migrations as applied, so that they do not run again over existing tables.
/// It must leave any other database untouched, and do all of its work in one transaction.
/// </summary>
public interface IDatabaseAdoption
{
    /// <param name="engine">The engine's migration context (<see cref="EngineMigrations"/>); it runs the adoption's SQL.</param>
    /// <param name="module">The module's migration context: its migrations and its history table, not connected to <paramref name="engine"/>.</param>
    /// <param name="ct">Cancels the start-up.</param>
    Task AdoptAsync(WorkflowDbContext engine, WorkflowDbContext module, CancellationToken ct);
}
