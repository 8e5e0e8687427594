using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>
/// Token-based flowcharts as Elsa's Flowchart.Tokens.cs runs them (Cascade, Race, Stream after a loop), how a run
/// chooses its mode, and what is refused rather than run another way.
/// </summary>
public class TokenFlowTests : IAsyncLifetime
{
    private static readonly JsonObject TokenBased = new() { [FlowchartModes.PropertyKey] = "TokenBased" };
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    /// <summary>
    /// A fork into two branches that meet at <c>join</c> with the merge mode given: <c>slow</c> (connected first, so it runs
    /// first and waits on event <c>go</c>) and <c>fast</c>.
    /// </summary>
    private static FlowBuilder Race(string id, string mergeMode) => new FlowBuilder(id)
        .Add("fork", "Elsa.FlowFork", n => n.SetInput("branches", "String", "Literal", "A,B"))
        .WriteLine("fast", "fast")
        .Add("slow", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "go"))
        .Add("join", "Elsa.WriteLine", n =>
        {
            n.SetInput("text", "String", "Literal", "joined");
            n.CustomProperties = new JsonObject { ["mergeMode"] = mergeMode };
        })
        .Connect("fork", "slow", "B").Connect("fork", "fast", "A").Connect("fast", "join").Connect("slow", "join");

    [Fact]
    public async Task Race_RunsOnTheFirstArrival_AndCancelsTheBranchStillWaiting()
    {
        await _engine.PublishAsync(Race("race", "Race").Build());

        var result = await _engine.StartAsync("race");

        Assert.Equal(["fast", "joined"], result.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Empty(result.Bookmarks);
    }

    [Fact]
    public async Task Cascade_RunsOnTheFirstArrival_AndALaterArrivalOnlyClearsItsBlock_LeavingItsTokenAsElsaDoes()
    {
        await _engine.PublishAsync(Race("cascade", "Cascade").Build());

        var started = await _engine.StartAsync("cascade");
        Assert.Equal(["fast", "joined"], started.Lines);
        Assert.Equal(WorkflowStatus.Suspended, started.Status);

        var resumed = Assert.Single((await _engine.Runtime.TriggerEventAsync("go", null, null, null, null, default)).Resumed);

        // The late arrival clears its block and runs nothing. Its own token stays live, so the flowchart keeps waiting,
        // exactly as Elsa's Flowchart.Tokens.cs leaves it (the token is neither consumed nor purged there).
        Assert.Empty(resumed.Lines);
        Assert.Equal(WorkflowStatus.Suspended, resumed.Status);
        Assert.Empty(resumed.Bookmarks);
    }

    [Fact]
    public async Task Merge_WaitsForEveryForwardBranch()
    {
        await _engine.PublishAsync(Race("merge", "Merge").Build());

        var started = await _engine.StartAsync("merge");
        Assert.Equal(["fast"], started.Lines);

        var resumed = Assert.Single((await _engine.Runtime.TriggerEventAsync("go", null, null, null, null, default)).Resumed);

        Assert.Equal(["joined"], resumed.Lines);
        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
    }

    [Fact]
    public async Task Loop_InTokenFlow_RunsAgainOnTheBackwardConnection()
    {
        var definition = await _engine.ImportSampleAsync("ImportAndExecute-implicit-loop.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId, properties: TokenBased);

        Assert.Equal(["Do something", "Retry", "Do something", "Done"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    [Fact]
    public async Task DefinitionChoosingTokenFlow_RunsTokenBased_AndTheRunKeepsItsMode()
    {
        var flow = Race("chosen", "Merge").Build();
        flow.CustomProperties = new JsonObject { [FlowchartModes.PropertyKey] = "TokenBased" };
        await _engine.PublishAsync(flow);

        var started = await _engine.StartAsync("chosen");

        var state = (await _engine.Instances.GetAsync(started.InstanceId, default))!.State;
        Assert.Equal("TokenBased", state.Properties[FlowchartModes.PropertyKey]!.GetValue<string>());
    }

    [Fact]
    public async Task MergeModeInACounterBasedDefinition_IsRefused_NamingTheActivityAndProperty()
    {
        var flow = Race("counter", "Converge").Build();
        flow.CustomProperties = new JsonObject { [FlowchartModes.PropertyKey] = "CounterBased" };

        var ex = await Assert.ThrowsAsync<DefinitionValidationException>(() => _engine.PublishAsync(flow));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("join", error.ActivityId);
        Assert.Contains("customProperties.mergeMode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeModeInACounterBasedRun_IsRefused()
    {
        await _engine.PublishAsync(Race("run-counter", "Race").Build());

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => _engine.Runtime.StartAsync(
            new StartWorkflowRequest("run-counter", Properties: new JsonObject { [FlowchartModes.PropertyKey] = "CounterBased" }), default));

        Assert.Equal("MERGE_MODE_NEEDS_TOKEN_FLOW", ex.Code);
        Assert.Contains("'join'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownMergeMode_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<DefinitionValidationException>(() => _engine.PublishAsync(Race("unknown", "Whenever").Build()));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("InvalidMergeMode", error.Code);
        Assert.Equal("join", error.ActivityId);
    }

    [Fact]
    public async Task ResilienceStrategy_IsRefused_PointingToTheRetryPolicy()
    {
        var flow = new FlowBuilder("resilient").Add("call", "Elsa.FlowSendHttpRequest", n =>
        {
            n.SetInput("url", "String", "Literal", "http://127.0.0.1:9/");
            n.CustomProperties = new JsonObject { ["resilienceStrategy"] = new JsonObject { ["mode"] = "Identifier", ["strategyId"] = "default" } };
        }).Build();

        var ex = await Assert.ThrowsAsync<DefinitionValidationException>(() => _engine.PublishAsync(flow));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("call", error.ActivityId);
        Assert.Contains("customProperties.resilienceStrategy", error.Message, StringComparison.Ordinal);
    }
}
