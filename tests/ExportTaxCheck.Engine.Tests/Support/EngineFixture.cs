using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ExportTaxCheck.Engine.Tests.Support;

/// <summary>A real engine on a throw-away SQLite file, with a clock the test moves.</summary>
public sealed class EngineFixture : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private readonly bool _pooled;

    private EngineFixture(string directory, ServiceProvider services, FakeTimeProvider clock, bool ownsDirectory, bool pooled = false)
    {
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        _pooled = pooled;
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
    /// <param name="pooled">Connections pooled as the Host pools them (a setting left on one is seen by the next unit of work that takes it); unpooled by default.</param>
    public static Task<EngineFixture> CreateAsync(Action<IServiceCollection>? configure = null, Action<WorkflowEngineBuilder>? engine = null, bool pooled = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "etc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return CreateInAsync(directory, ownsDirectory: true, configure, engine, pooled);
    }

    /// <summary>A second engine on this one's database, as another node (another process) would run it.</summary>
    public Task<EngineFixture> OtherNodeAsync() => CreateInAsync(_directory, ownsDirectory: false, configure: null, engine: null);

    private static async Task<EngineFixture> CreateInAsync(string directory, bool ownsDirectory, Action<IServiceCollection>? configure, Action<WorkflowEngineBuilder>? engine,
        bool pooled = false)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 1, 2, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<CapturingLineWriter>();
        services.AddSingleton<ILineWriter>(sp => sp.GetRequiredService<CapturingLineWriter>());
        services.AddWorkflowEngine(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "engine.db")};Pooling={pooled}" }, engine);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new EngineFixture(directory, provider, clock, ownsDirectory, pooled);
    }

    /// <summary>Imports (saves and publishes) a sample file from the shared Elsa samples.</summary>
    public async Task<WorkflowDefinitionModel> ImportSampleAsync(string fileName)
    {
        var model = WorkflowJson.Parse(await File.ReadAllTextAsync(Samples.PathOf(fileName)));
        return (await Definitions.ImportAsync(model, CancellationToken.None, publish: true)).Definition;
    }

    /// <summary>Imports and publishes several sample files in order (children before the workflows that use them).</summary>
    public async Task<WorkflowDefinitionModel> ImportSamplesAsync(params string[] fileNames)
    {
        WorkflowDefinitionModel last = null!;
        foreach (var file in fileNames)
            last = await ImportSampleAsync(file);
        return last;
    }

    /// <summary>
    /// Runs an instance as elsa-core's RunWorkflowUntilEndAsync does: start it, then resume every bookmark it waits on
    /// (timers and events alike, with the same input) until it finishes or waits on nothing; children that a step left to
    /// the dispatcher run, and the events finished children send their parents are delivered, as the workers would.
    /// </summary>
    public async Task<WorkflowRunResult> RunUntilEndAsync(string definitionId, JsonObject? input = null, JsonObject? properties = null)
    {
        var result = await Runtime.StartAsync(new StartWorkflowRequest(definitionId, Input: input, Properties: properties), CancellationToken.None);
        for (var round = 0; round < 100 && result.Status != WorkflowStatus.Finished; round++)
        {
            await DrainAsync();
            var current = (await Instances.GetAsync(result.InstanceId, CancellationToken.None))!;
            if (current.Summary.Status == WorkflowStatus.Finished || current.Bookmarks.Count == 0)
                return result with { Status = current.Summary.Status };
            foreach (var bookmark in current.Bookmarks)
                result = await Runtime.ResumeBookmarkAsync(bookmark.Id, input?.DeepClone() as JsonObject, null, CancellationToken.None);
        }
        await DrainAsync();
        return result with { Status = (await Instances.GetAsync(result.InstanceId, CancellationToken.None))!.Summary.Status };
    }

    /// <summary>Runs dispatched instances and delivers pending events until nothing is left, as the workers would.</summary>
    public async Task DrainAsync()
    {
        for (var round = 0; round < 50; round++)
        {
            var runnable = await Sweeps.ClaimRunnableAsync(100, CancellationToken.None);
            foreach (var id in runnable)
                await Sweeps.ContinueAsync(id, CancellationToken.None);
            var delivered = await Sweeps.DeliverPendingEventsAsync(CancellationToken.None);
            if (runnable.Count == 0 && delivered == 0)
                return;
        }
    }

    /// <summary>A unit of work from the engine's context factory, reading with <paramref name="tracking"/>.</summary>
    public async Task<WorkflowDbContext> ContextAsync(QueryTrackingBehavior tracking = QueryTrackingBehavior.TrackAll)
    {
        var db = await Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        db.ChangeTracker.QueryTrackingBehavior = tracking;
        return db;
    }

    /// <summary>A task row as a step writes it (open, for the customs officers), with every optional column set.</summary>
    public HumanTaskRecord TaskRow()
    {
        var now = Clock.GetUtcNow();
        return new HumanTaskRecord
        {
            Id = Guid.NewGuid().ToString("N"), InstanceId = "instance-1", ActivityId = "review", ActivityExecutionId = "execution-1", Title = "审核证据 Review",
            Description = "Check the files", CorrelationId = "case-1", CandidateRole = "customs-officer", CandidateUsers = "a,b", Status = HumanTaskStatus.Open,
            Priority = 70, CreatedAt = now, DueAt = now.AddDays(3), FollowUpAt = now.AddDays(1), RemindAt = now.AddDays(2), EscalateAt = now.AddDays(4),
            EscalateTo = "supervisor", Outcomes = """["Accept","Reject"]""", Form = """[{"name":"note"}]""", ActivityType = "ExportTaxCheck.ReviewEvidence", Revision = 3,
        };
    }

    /// <summary>Every line WriteLine wrote, across instances, in the order written.</summary>
    public IReadOnlyList<string> Written => Services.GetRequiredService<CapturingLineWriter>().Lines;

    public async Task<WorkflowDefinitionModel> PublishAsync(WorkflowDefinitionModel model) =>
        (await Definitions.SaveAsync(model, publish: true, CancellationToken.None)).Definition;

    /// <summary>Start → Delay (<paramref name="timeSpan"/>) → WriteLine "woke", published as <paramref name="id"/>.</summary>
    public Task<WorkflowDefinitionModel> PublishNapAsync(string id, string timeSpan) => PublishAsync(new FlowBuilder(id)
        .Add("start", "Elsa.Start")
        .Add("nap", "Elsa.Delay", n => n.SetInput("timeSpan", "TimeSpan", "Literal", timeSpan))
        .WriteLine("after", "woke")
        .Connect("start", "nap").Connect("nap", "after")
        .Build());

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
        if (!_ownsDirectory)
            return;
        // Pooled connections keep the file open.
        if (_pooled)
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
