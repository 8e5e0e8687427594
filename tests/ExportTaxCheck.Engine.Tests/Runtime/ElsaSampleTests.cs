using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>The Elsa sample files run as elsa-core's own scenario tests say they should.</summary>
public class ElsaSampleTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Theory]
    [InlineData("ImportAndExecute-writeline.json", new[] { "Dummy Text" })]
    [InlineData("ImportAndExecute-implicit-loop.json", new[] { "Do something", "Retry", "Do something", "Done" })]
    [InlineData("ExplicitJoins-join-all-1.json", new[] { "Start", "Line 1", "Line 2", "End" })]
    [InlineData("Scenarios-hello-world.json", new[] { "Hello World!" })]
    public async Task Start_Sample_WritesExpectedLinesAndFinishes(string file, string[] expected)
    {
        var definition = await _engine.ImportSampleAsync(file);

        var result = await _engine.StartAsync(definition.DefinitionId);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(expected, result.Lines);
        Assert.Equal(expected, await _engine.LinesAsync(result.InstanceId));
    }

    [Theory]
    [InlineData("FlowchartCompletion-workflow1.json")]
    [InlineData("FlowchartCompletion-workflow2.json")]
    public async Task Start_BraidedFlow_Finishes(string file)
    {
        var definition = await _engine.ImportSampleAsync(file);

        var result = await _engine.StartAsync(definition.DefinitionId);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Empty(result.Bookmarks);
    }

    [Fact]
    public async Task BraidedFlow_WithImplicitJoins_RunsEachActivityOnce()
    {
        var definition = await _engine.ImportSampleAsync("FlowchartCompletion-workflow2.json");

        var result = await _engine.StartAsync(definition.DefinitionId);

        // WriteLine5, 7, 8 and 9 each have two inbound connections and must run once, after both arrived.
        var lines = result.Lines.ToList();
        Assert.Equal(9, lines.Count);
        Assert.Equal(9, lines.Distinct().Count());
        Assert.True(lines.IndexOf("WriteLine5") > lines.IndexOf("WriteLine2") && lines.IndexOf("WriteLine5") > lines.IndexOf("WriteLine3"));
        Assert.Equal("WriteLine9", lines[^1]);
    }

    [Fact]
    public async Task BraidedDelayedFlow_WaitsOnDurableTimers_ThenFinishesWhenClockMoves()
    {
        var definition = await _engine.ImportSampleAsync("FlowchartCompletion-workflow3.json");

        var started = await _engine.StartAsync(definition.DefinitionId);
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
        Assert.Equal(2, started.Bookmarks.Count(b => b.DueAt is not null));

        Assert.Equal(1, await _engine.AdvanceAsync(TimeSpan.FromSeconds(5)));
        var afterFirst = await _engine.Instances.GetAsync(started.InstanceId, default);
        Assert.Equal(WorkflowStatus.Suspended, afterFirst!.Summary.Status);

        Assert.Equal(1, await _engine.AdvanceAsync(TimeSpan.FromSeconds(5)));
        var done = await _engine.Instances.GetAsync(started.InstanceId, default);
        Assert.Equal(WorkflowStatus.Finished, done!.Summary.Status);
        var lines = await _engine.LinesAsync(started.InstanceId);
        Assert.Equal(9, lines.Count);
        Assert.Equal("WriteLine9", lines[^1]);
    }

    [Fact]
    public async Task ForkDecisionJoinWaitAll_FaultActivity_FaultsAfterExpectedLines()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-fork-decision-join-waitall.json");

        var result = await _engine.StartAsync(definition.DefinitionId);

        Assert.Equal(new[] { "A", "C", "B", "D" }, result.Lines);
        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        var incident = Assert.Single(result.Incidents);
        Assert.Equal("Elsa.Fault", incident.ActivityType);
        Assert.Equal("110002", incident.Code);
        Assert.Equal("that went south", incident.Message);
    }

    [Fact]
    public async Task JoinWaitAny_RunsJoinOnce_AndFinishes()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-join.json");

        var result = await _engine.StartAsync(definition.DefinitionId);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        var journal = await _engine.Instances.ActivityExecutionsAsync(result.InstanceId, "802725996be1b582", default);
        Assert.Single(journal, r => r.Status == ActivityStatus.Completed);
    }

    [Fact]
    public async Task TimerWorkflow_StartedDirectly_WaitsOneMinuteThenWrites()
    {
        var definition = await _engine.ImportSampleAsync("ImportAndPublish-timer-workflow.json");

        var started = await _engine.StartAsync(definition.DefinitionId);
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
        Assert.Empty(started.Lines);

        await _engine.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.Equal(WorkflowStatus.Suspended, (await _engine.Instances.GetAsync(started.InstanceId, default))!.Summary.Status);

        await _engine.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(WorkflowStatus.Finished, (await _engine.Instances.GetAsync(started.InstanceId, default))!.Summary.Status);
        Assert.Equal(new[] { "Hello from timer" }, await _engine.LinesAsync(started.InstanceId));
    }

    [Fact]
    public async Task TimerWorkflow_Published_StartsAnInstanceEveryInterval()
    {
        var definition = await _engine.ImportSampleAsync("ImportAndPublish-timer-workflow.json");

        await _engine.AdvanceAsync(TimeSpan.FromMinutes(1));
        await _engine.AdvanceAsync(TimeSpan.FromMinutes(1));

        var instances = await _engine.Instances.ListAsync(new InstanceQuery(DefinitionIds: [definition.DefinitionId]), default);
        Assert.Equal(2, instances.TotalCount);
        Assert.All(instances.Items, i => Assert.Equal(WorkflowStatus.Finished, i.Status));
    }

    [Fact]
    public async Task BadCronExpression_Import_IsRejectedWithTheParserMessage()
    {
        var ex = await Assert.ThrowsAsync<DefinitionValidationException>(() => _engine.ImportSampleAsync("ImportAndPublish-bad-cron-expression.json"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("InvalidCronExpression", error.Code);
        Assert.Contains("Error when parsing cron expression 'BadCronExpression'", error.Message);
    }
}
