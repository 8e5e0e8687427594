using ExportTaxCheck.Engine;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Benchmarks;

/// <summary>The engine's service provider as the Host builds it, for in-process measurements.</summary>
public static class Engine
{
    public static ServiceProvider Create(DatabaseOptions database, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddWorkflowEngine(database, engine => engine.AddReturnCases());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
