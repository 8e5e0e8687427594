using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>
/// elsa-core's flowchart test workflows (explicit joins, flowchart completion, the token-flow join behaviours), imported
/// unchanged and run as its tests run them; each test names the elsa-core test whose assertions it repeats
/// (paths under test/integration/Elsa.Workflows.IntegrationTests/ and test/component/Elsa.Workflows.ComponentTests/).
/// </summary>
public class ElsaFlowSampleTests : IAsyncLifetime
{
    private static readonly JsonObject TokenBased = new() { [FlowchartModes.PropertyKey] = "TokenBased" };
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    // Scenarios/ExplicitJoins/ExplicitJoinWaitAnyTests.Test1, case "join-any-1.json": lines "Start; End", Finished.
    [Fact]
    public async Task JoinAny1_WritesStartAndEnd_AndFinishes()
    {
        var definition = await _engine.ImportSampleAsync("ExplicitJoins-join-any-1.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(["Start", "End"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // Scenarios/ExplicitJoins/ExplicitJoinWaitAnyTests.Test1, case "join-all-2.json" (a FlowNode container on one branch):
    // lines "Start; Line 1; Line 2; End", Finished.
    [Fact]
    public async Task JoinAll2_WithFlowNodeBranch_WritesEveryLine_AndFinishes()
    {
        var definition = await _engine.ImportSampleAsync("ExplicitJoins-join-all-2.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(["Start", "Line 1", "Line 2", "End"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // Scenarios/FlowchartCompletion/Tests.Test1, cases "workflow4.json" (delays behind a decision), "workflow5.json" (an
    // event inside a FlowNode), "workflow6.json" (ParallelForEach): each Finished once its bookmarks are resumed.
    [Theory]
    [InlineData("FlowchartCompletion-workflow4.json")]
    [InlineData("FlowchartCompletion-workflow5.json")]
    [InlineData("FlowchartCompletion-workflow6.json")]
    public async Task FlowchartCompletion_RunUntilEnd_Finishes(string file)
    {
        var definition = await _engine.ImportSampleAsync(file);

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // Same elsa-core test, workflow6.json: the ParallelForEach body reads the current item in JavaScript (getCurrentValue()).
    [Fact]
    public async Task ParallelForEach_BodySeesEachItem_ThenContinues()
    {
        var definition = await _engine.ImportSampleAsync("FlowchartCompletion-workflow6.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(["Start", "Current fruit: Apple", "Current fruit: Banana", "Current fruit: Cherry", "End"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // Scenarios/JoinBehaviors/ForkDecisionJoinTests.ImplicitJoinStreamShouldExecute (token-based): lines A, C.
    [Fact]
    public async Task TokenFlow_StreamMerge_RunsThejoinDespiteTheDeadBranch()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-fork-decision-join-none.json");

        await _engine.RunUntilEndAsync(definition.DefinitionId, properties: TokenBased);

        Assert.Equal(["A", "C"], _engine.Written);
    }

    // Scenarios/JoinBehaviors/ForkDecisionJoinTests.ImplicitJoinMergeShouldNotExecute (token-based, mergeMode Merge): line A only.
    [Fact]
    public async Task TokenFlow_MergeMode_WaitsForTheDeadBranch()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-fork-decision-join-converge.json");

        await _engine.RunUntilEndAsync(definition.DefinitionId, properties: TokenBased);

        Assert.Equal(["A"], _engine.Written);
    }

    // Scenarios/JoinBehaviors/ForkDecisionJoinTests.ImplicitJoinConvergeShouldBlock (token-based, mergeMode Converge): line A only.
    [Fact]
    public async Task TokenFlow_ConvergeMode_Blocks()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-fork-decision-join-converge-strict.json");

        await _engine.RunUntilEndAsync(definition.DefinitionId, properties: TokenBased);

        Assert.Equal(["A"], _engine.Written);
    }

    // The same file without choosing a mode: its merge mode asks for token flow, so it runs token-based, not silently counter-based.
    [Fact]
    public async Task MergeModeWithoutChosenMode_RunsTokenBased()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-fork-decision-join-converge.json");

        await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(["A"], _engine.Written);
    }

    // Scenarios/JoinBehaviors/ForkDecisionJoinTests.ExplicitJoinWaitAllShouldBlock (token-based): A, C, B, D, and the fault.
    [Fact]
    public async Task TokenFlow_ExplicitWaitAllJoin_Blocks_AndTheFaultFaults()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-fork-decision-join-waitall.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId, properties: TokenBased);

        Assert.Equal(["A", "C", "B", "D"], _engine.Written);
        Assert.Equal(WorkflowStatus.Faulted, result.Status);
    }

    // Scenarios/JoinBehaviors/ForkDecisionJoinTests.ImplicitJoinFromBranchesShouldExecute (token-based): Finished.
    [Fact]
    public async Task TokenFlow_DecisionBothPortsIntoEnd_Finishes()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-decision-merge-join-none.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId, properties: TokenBased);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // Scenarios/JoinBehaviors/JoinRunsOnceTests.Test1 (token-based): the WaitAny join 802725996be1b582 completes once.
    [Fact]
    public async Task TokenFlow_WaitAnyJoin_CompletesOnce()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-join.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId, properties: TokenBased);

        var journal = await _engine.Instances.ActivityExecutionsAsync(result.InstanceId, "802725996be1b582", default);
        Assert.Single(journal, r => r.Status == ActivityStatus.Completed);
    }

    // Scenarios/JoinBehaviors/ParallelJoinCompletesTests.Test1 (token-based; the file is a draft, imported published as
    // elsa-core's helper does): the ParallelForEach 70fc1183cd5800f2, whose body has a WaitAny join, completes once.
    [Fact]
    public async Task TokenFlow_ParallelForEachWithJoinInBody_CompletesOnce()
    {
        var definition = await _engine.ImportSampleAsync("JoinBehaviors-parallel-join.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId, properties: TokenBased);

        var journal = await _engine.Instances.ActivityExecutionsAsync(result.InstanceId, "70fc1183cd5800f2", default);
        Assert.Single(journal, r => r.Status == ActivityStatus.Completed);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // test/component/.../Scenarios/WorkflowCompletion/WorkflowCompletionTests.Workflow_ShouldComplete ("5590069018aa4f0e",
    // fork.json): a FlowFork with three named branches; sub-status Finished.
    [Fact]
    public async Task FlowFork_ThreeBranches_Finishes()
    {
        var definition = await _engine.ImportSampleAsync("WorkflowCompletion-fork.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(["One", "Two", "Three"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }
}
