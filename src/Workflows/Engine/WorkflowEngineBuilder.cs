using System.Reflection;
using ExportTaxCheck.Engine.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine;

/// <summary>
/// What a module gives the engine, as Elsa's features do: its activities, its tables and their migrations, and what an
/// instance's correlation id means. The engine knows a module only through these registrations.
/// </summary>
public sealed class WorkflowEngineBuilder
{
    private readonly List<Assembly> _activityAssemblies = [typeof(Activity).Assembly];
    private readonly List<Type> _activityTypes = [];
    private readonly List<Assembly> _modelAssemblies = [];
    private readonly List<ModuleMigrations> _migrations = [];

    internal WorkflowEngineBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    internal IReadOnlyList<Assembly> ModelAssemblies => _modelAssemblies;

    internal IReadOnlyList<ModuleMigrations> Migrations => _migrations;

    internal CorrelationReference Correlation { get; private set; } = CorrelationReference.Default;

    /// <summary>Every concrete activity (an <see cref="Activity"/> with an <see cref="ActivityAttribute"/>) in the assembly of <typeparamref name="TMarker"/>.</summary>
    public WorkflowEngineBuilder AddActivitiesFrom<TMarker>()
    {
        if (!_activityAssemblies.Contains(typeof(TMarker).Assembly))
            _activityAssemblies.Add(typeof(TMarker).Assembly);
        return this;
    }

    /// <summary>One activity type.</summary>
    public WorkflowEngineBuilder AddActivity<TActivity>() where TActivity : Activity
    {
        _activityTypes.Add(typeof(TActivity));
        return this;
    }

    /// <summary>The module's tables: every <c>IEntityTypeConfiguration&lt;T&gt;</c> in the assembly of <typeparamref name="TMarker"/>.</summary>
    public WorkflowEngineBuilder AddEntityConfigurationsFrom<TMarker>()
    {
        if (!_modelAssemblies.Contains(typeof(TMarker).Assembly))
            _modelAssemblies.Add(typeof(TMarker).Assembly);
        return this;
    }

    /// <summary>
    /// The module's own migrations, made for <typeparamref name="TSqlite"/> and <typeparamref name="TPostgreSql"/> and
    /// recorded in <paramref name="historyTable"/>; applied after the engine's, in the order the modules were added.
    /// <paramref name="adoption"/> takes over a database made before the module had this stream.
    /// </summary>
    public WorkflowEngineBuilder AddMigrations<TSqlite, TPostgreSql>(string historyTable, IDatabaseAdoption? adoption = null)
        where TSqlite : ModuleMigrationsContext
        where TPostgreSql : ModuleMigrationsContext
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(historyTable);
        // Two streams in one history table would each see the other's migrations as unknown and its own as applied.
        if (historyTable == EngineMigrations.HistoryTable || _migrations.Any(m => m.HistoryTable == historyTable))
            throw new ArgumentException($"The migration history table '{historyTable}' is already used by another stream.", nameof(historyTable));
        _migrations.Add(new ModuleMigrations(typeof(TSqlite).Assembly.GetName().Name ?? typeof(TSqlite).Name, historyTable,
            database => database.IsPostgreSql
                ? ModuleMigrations.CreateContext<TPostgreSql>(database, historyTable)
                : ModuleMigrations.CreateContext<TSqlite>(database, historyTable),
            adoption));
        return this;
    }

    /// <summary>
    /// What the correlation ids of the module's instances are (<paramref name="type"/> as a <see cref="Reference"/> type,
    /// <paramref name="noun"/> as officers read it): a flow's own e-mail and its tasks' notices refer to them so.
    /// </summary>
    public WorkflowEngineBuilder UseCorrelationReference(string type, string noun)
    {
        if (!Reference.IsType(type))
            throw new ArgumentException($"'{type}' is not a reference type.", nameof(type));
        ArgumentException.ThrowIfNullOrWhiteSpace(noun);
        Correlation = new CorrelationReference(type, noun);
        return this;
    }

    internal ActivityRegistry BuildRegistry(IReadOnlyDictionary<string, InputChoices> choices) =>
        new(ActivityRegistry.Discover(_activityAssemblies).Concat(_activityTypes).Distinct(), choices);
}
