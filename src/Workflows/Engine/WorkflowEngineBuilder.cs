using System.Reflection;
using ExportTaxCheck.Engine.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine;

/// <summary>
/// What a module gives the engine, as Elsa's features do: its activities and its tables. The engine knows a module
/// only through these registrations.
/// </summary>
public sealed class WorkflowEngineBuilder
{
    private readonly List<Assembly> _activityAssemblies = [typeof(Activity).Assembly];
    private readonly List<Type> _activityTypes = [];
    private readonly List<Assembly> _modelAssemblies = [];

    internal WorkflowEngineBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    internal IReadOnlyList<Assembly> ModelAssemblies => _modelAssemblies;

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

    internal ActivityRegistry BuildRegistry() =>
        new(ActivityRegistry.Discover(_activityAssemblies).Concat(_activityTypes).Distinct());
}
