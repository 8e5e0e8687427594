using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Runtime.Alterations;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>Elsa's alterations on instances: migrate, retry a faulted activity, modify a variable, cancel an activity.</summary>
public class AlterationTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private WorkflowAlterations Alterations => _engine.Services.GetRequiredService<WorkflowAlterations>();

    private Task<IReadOnlyList<AlterationResult>> RunAsync(string instanceId, params JsonObject[] alterations) =>
        Alterations.RunAsync([instanceId], new JsonArray(alterations.Select(a => (JsonNode?)a).ToArray()), "analyst", null, default);

    // test/integration/Elsa.Alterations.IntegrationTests/MigrationTests.Test1: version 1 run, migrated to 2; the instance is at version 2.
    [Fact]
    public async Task Migrate_FinishedInstance_ToVersion2()
    {
        await _engine.ImportSamplesAsync("Alterations-version-1.json", "Alterations-version-2.json");
        var run = await _engine.Runtime.StartAsync(new StartWorkflowRequest("my-workflow", VersionOptions.SpecificVersion(1)), default);
        Assert.Equal(["Version 1"], run.Lines);

        var results = await RunAsync(run.InstanceId, new JsonObject { ["type"] = "Migrate", ["targetVersion"] = 2 });

        Assert.True(results.All(r => r.IsSuccessful));
        Assert.Equal(2, (await _engine.Instances.GetAsync(run.InstanceId, default))!.Summary.Version);
    }

    private static WorkflowDefinitionModel Waiting(string after) => new FlowBuilder("waiting")
        .Add("wait", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "go"))
        .WriteLine("after", after).Connect("wait", "after").Build();

    [Fact]
    public async Task Migrate_WaitingInstance_RunsOnTheNewVersion_AndIsJournaled()
    {
        await _engine.PublishAsync(Waiting("version 1 after"));
        var started = await _engine.StartAsync("waiting");
        await _engine.PublishAsync(Waiting("version 2 after"));

        var results = await RunAsync(started.InstanceId, new JsonObject { ["type"] = "Migrate", ["targetVersion"] = 2 });
        var resumed = Assert.Single((await _engine.Runtime.TriggerEventAsync("go", null, null, null, null, default)).Resumed);

        Assert.True(Assert.Single(results).IsSuccessful);
        Assert.Equal(["version 2 after"], resumed.Lines);
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var altered = await db.ExecutionLog.SingleAsync(r => r.InstanceId == started.InstanceId && r.EventName == "Altered");
        Assert.Equal("Migrated from version 1 to version 2.", altered.Message);
        Assert.Contains("\"by\":\"analyst\"", altered.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ToAVersionWithoutTheWaitingActivity_IsRefused_AndNothingChanges()
    {
        await _engine.PublishAsync(Waiting("after"));
        var started = await _engine.StartAsync("waiting");
        await _engine.PublishAsync(new FlowBuilder("waiting").WriteLine("other", "other").Build());

        var result = Assert.Single(await RunAsync(started.InstanceId, new JsonObject { ["type"] = "Migrate", ["targetVersion"] = 2 }));

        Assert.False(result.IsSuccessful);
        Assert.Contains("wait", result.Log.LogEntries.Single(e => e.LogLevel == "Error").Message, StringComparison.Ordinal);
        Assert.Equal(1, (await _engine.Instances.GetAsync(started.InstanceId, default))!.Summary.Version);
    }

    [Fact]
    public async Task FaultedActivity_VariableFixed_ThenRetried_Finishes()
    {
        await _engine.PublishAsync(new FlowBuilder("fragile").Variable("Ready", "Boolean", false)
            .WriteLine("check", "if (!getReady()) throw new Error('not ready'); 'ready'", "JavaScript")
            .WriteLine("after", "after").Connect("check", "after").Build());
        var started = await _engine.StartAsync("fragile");
        Assert.Equal(WorkflowStatus.Faulted, started.Status);

        var results = await RunAsync(started.InstanceId,
            new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "var-Ready", ["value"] = true },
            new JsonObject { ["type"] = "ScheduleActivity", ["activityInstanceId"] = started.Incidents.Single().ActivityExecutionId });

        Assert.True(Assert.Single(results).IsSuccessful);
        var detail = (await _engine.Instances.GetAsync(started.InstanceId, default))!;
        Assert.Equal(WorkflowStatus.Finished, detail.Summary.Status);
        Assert.Equal(["ready", "after"], await _engine.LinesAsync(started.InstanceId));
        Assert.NotNull(Assert.Single(detail.State.Incidents).ResolvedAt);
    }

    [Fact]
    public async Task Retry_WithoutActivityIds_RetriesEveryOpenIncident()
    {
        await _engine.PublishAsync(new FlowBuilder("flaky-script").Variable("Tries", "Int32", 0)
            .WriteLine("check", "setTries(getTries() + 1); if (getTries() < 2) throw new Error('first try'); 'second try'", "JavaScript").Build());
        var started = await _engine.StartAsync("flaky-script");

        var result = Assert.Single(await Alterations.RetryAsync([started.InstanceId], null, "supervisor", null, default));

        Assert.True(result.IsSuccessful);
        Assert.Equal(WorkflowStatus.Finished, (await _engine.Instances.GetAsync(started.InstanceId, default))!.Summary.Status);
    }

    [Fact]
    public async Task CancelActivity_TheFlowchartCarriesOnWithoutIt()
    {
        await _engine.PublishAsync(new FlowBuilder("two-waits")
            .Add("fork", "Elsa.FlowFork", n => n.SetInput("branches", "String", "Literal", "A,B"))
            .Add("a", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "a"))
            .Add("b", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "b"))
            .WriteLine("joined", "joined")
            .Connect("fork", "a", "A").Connect("fork", "b", "B").Connect("a", "joined").Connect("b", "joined").Build());
        var started = await _engine.StartAsync("two-waits");

        Assert.True(Assert.Single(await RunAsync(started.InstanceId, new JsonObject { ["type"] = "CancelActivity", ["activityId"] = "a" })).IsSuccessful);
        var resumed = Assert.Single((await _engine.Runtime.TriggerEventAsync("b", null, null, null, null, default)).Resumed);

        Assert.Equal(["joined"], resumed.Lines);
        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
    }

    [Fact]
    public async Task UnknownAlteration_IsRefusedWhole()
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => RunAsync("any", new JsonObject { ["type"] = "Rewind" }));

        Assert.Equal("ALTERATION_UNKNOWN", ex.Code);
    }
}
