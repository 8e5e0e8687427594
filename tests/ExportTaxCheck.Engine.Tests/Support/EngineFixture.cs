using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ExportTaxCheck.Engine.Tests.Support;

/// <summary>A real engine on a throw-away SQLite file, with a clock the test moves.</summary>
public sealed class EngineFixture : IAsyncDisposable
{
    private readonly string _directory;

    private EngineFixture(string directory, ServiceProvider services, FakeTimeProvider clock)
    {
        _directory = directory;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public WorkflowClient Runtime => Services.GetRequiredService<WorkflowClient>();

    public RuntimeSweeps Sweeps => Services.GetRequiredService<RuntimeSweeps>();
    public DefinitionService Definitions => Services.GetRequiredService<DefinitionService>();
    public InstanceQueries Instances => Services.GetRequiredService<InstanceQueries>();
    public string DatabasePath => Path.Combine(_directory, "engine.db");

    /// <param name="configure">Services added or replaced after the engine's.</param>
    /// <param name="engine">What a module would register with the engine.</param>
    public static async Task<EngineFixture> CreateAsync(Action<IServiceCollection>? configure = null, Action<WorkflowEngineBuilder>? engine = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "etc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 1, 2, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddWorkflowEngine(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "engine.db")};Pooling=False" }, engine);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new EngineFixture(directory, provider, clock);
    }

    /// <summary>Imports (saves and publishes) a sample file from the shared Elsa samples.</summary>
    public async Task<WorkflowDefinitionModel> ImportSampleAsync(string fileName)
    {
        var model = WorkflowJson.Parse(await File.ReadAllTextAsync(Samples.PathOf(fileName)));
        return (await Definitions.ImportAsync(model, CancellationToken.None, publish: true)).Definition;
    }

    public async Task<WorkflowDefinitionModel> PublishAsync(WorkflowDefinitionModel model) =>
        (await Definitions.SaveAsync(model, publish: true, CancellationToken.None)).Definition;

    public Task<WorkflowRunResult> StartAsync(string definitionId, JsonObject? input = null, string? correlationId = null) =>
        Runtime.StartAsync(new StartWorkflowRequest(definitionId, Input: input, CorrelationId: correlationId), CancellationToken.None);

    /// <summary>Moves the clock and fires what became due, as the timer worker would.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Sweeps.FireDueTimersAsync(CancellationToken.None);
    }

    /// <summary>Every line WriteLine journaled for an instance, in execution order.</summary>
    public async Task<IReadOnlyList<string>> LinesAsync(string instanceId)
    {
        var journal = await Instances.JournalAsync(instanceId, 0, 1000, CancellationToken.None);
        return journal.Items
            .Where(r => r.ActivityType == "Elsa.WriteLine" && r.Status == ActivityStatus.Completed)
            .Select(r => JsonNode.Parse(r.Payload ?? "{}")?["text"]?.GetValue<string>() ?? "")
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on another thread; the temp folder is cleaned up by the OS.
        }
    }
}
