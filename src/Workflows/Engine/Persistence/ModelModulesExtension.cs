using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Carries the assemblies whose entity configurations join the engine's model (<see cref="WorkflowEngineBuilder.AddEntityConfigurationsFrom{TMarker}"/>)
/// into the context: a pooled context cannot take services in its constructor, but it can read its options.
/// </summary>
public sealed class ModelModulesExtension(IReadOnlyList<Assembly> assemblies) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public IReadOnlyList<Assembly> Assemblies { get; } = assemblies;

    /// <summary>Part of the model cache key: contexts with other modules get another model.</summary>
    public string Key => string.Join(";", Assemblies.Select(a => a.GetName().Name));

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(ModelModulesExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"ModelModules={extension.Key} ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["ModelModules"] = extension.Key;
    }
}
