using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// A module's own migration stream, as <see cref="WorkflowEngineBuilder.AddMigrations{TSqlite, TPostgreSql}"/> registered
/// it: <see cref="DatabaseInitializer"/> applies it after the engine's, with its own history table.
/// </summary>
public sealed class ModuleMigrations
{
    private readonly Func<DatabaseOptions, WorkflowDbContext> _create;

    internal ModuleMigrations(string name, string historyTable, Func<DatabaseOptions, WorkflowDbContext> create, IDatabaseAdoption? adoption)
    {
        Name = name;
        HistoryTable = historyTable;
        Adoption = adoption;
        _create = create;
    }

    /// <summary>The module (its assembly's name), for the log.</summary>
    public string Name { get; }

    public string HistoryTable { get; }

    /// <summary>Takes over a database made before the module had this stream; null when there is none to take over.</summary>
    public IDatabaseAdoption? Adoption { get; }

    /// <summary>The module's migration context on the configured provider.</summary>
    public WorkflowDbContext CreateContext(DatabaseOptions database) => _create(database);

    /// <summary>A module's migration context of type <typeparamref name="TContext"/> (also what its <c>dotnet ef</c> factories hand out).</summary>
    public static TContext CreateContext<TContext>(DatabaseOptions database, string historyTable) where TContext : ModuleMigrationsContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        ServiceCollectionExtensions.ConfigureDatabase(options, database, [], historyTable);
        return (TContext)(Activator.CreateInstance(typeof(TContext), options.Options)
                          ?? throw new InvalidOperationException($"{typeof(TContext).Name} could not be created."));
    }
}
