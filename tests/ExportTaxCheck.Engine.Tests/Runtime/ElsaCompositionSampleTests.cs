using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>
/// elsa-core's test workflows that call workflows: usableAsActivity definitions used as activities (inputs, outputs,
/// outcomes, Elsa.Complete, nesting), and ExecuteWorkflow with its child instances. Each test names the elsa-core test
/// whose assertions it repeats (under test/integration/Elsa.Workflows.IntegrationTests/ unless said otherwise).
/// </summary>
public class ElsaCompositionSampleTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    // Activities/ExecuteWorkflow/ExecuteWorkflowTests.ExecuteWorkflowWithoutWaitForCompletion and
    // ExecuteWorkflowSetsParentInstanceId: Finished; the parent's and the child's lines; the child knows its parent.
    [Fact]
    public async Task ExecuteWorkflow_NoWait_RunsTheChild_AndTheChildKnowsItsParent()
    {
        await _engine.ImportSamplesAsync("ExecuteWorkflow-child-workflow.json", "ExecuteWorkflow-parent-no-wait.json");

        var result = await _engine.RunUntilEndAsync("parent-no-wait");

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Contains("Parent: Before child", _engine.Written);
        Assert.Contains("Child: Executing", _engine.Written);
        Assert.Contains("Parent: After child", _engine.Written);
        var child = Assert.Single((await _engine.Instances.ListAsync(new InstanceQuery(DefinitionIds: ["child-workflow"]), default)).Items);
        var state = (await _engine.Instances.GetAsync(child.Id, default))!.State;
        Assert.Equal(result.InstanceId, state.Properties["ParentInstanceId"]!.GetValue<string>());
    }

    // Activities/ExecuteWorkflow/ExecuteWorkflowTests.ExecuteWorkflowWithWaitForCompletion: exactly three lines, in order.
    [Fact]
    public async Task ExecuteWorkflow_Wait_WritesInOrder()
    {
        await _engine.ImportSamplesAsync("ExecuteWorkflow-child-workflow.json", "ExecuteWorkflow-parent-with-wait.json");

        var result = await _engine.RunUntilEndAsync("parent-with-wait");

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["Parent: Before child", "Child: Executing", "Parent: After child"], _engine.Written);
    }

    // Activities/ExecuteWorkflow/ExecuteWorkflowTests.ExecuteWorkflowPassesInput: the child reads its declared input.
    [Fact]
    public async Task ExecuteWorkflow_PassesInput()
    {
        await _engine.ImportSamplesAsync("ExecuteWorkflow-child-with-input.json", "ExecuteWorkflow-parent-with-input.json");

        var result = await _engine.RunUntilEndAsync("parent-with-input");

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Contains("Child received: Hello from parent", _engine.Written);
    }

    // Activities/ExecuteWorkflow/ExecuteWorkflowTests.ExecuteWorkflowCapturesOutput: the child's output reaches the parent.
    [Fact]
    public async Task ExecuteWorkflow_CapturesTheChildsOutput()
    {
        await _engine.ImportSamplesAsync("ExecuteWorkflow-child-with-output.json", "ExecuteWorkflow-parent-capture-output.json");

        var result = await _engine.RunUntilEndAsync("parent-capture-output");

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Contains("Child output: 42", _engine.Written);
        Assert.Contains("Parent received: 42", _engine.Written);
    }

    // Activities/ExecuteWorkflow/ExecuteWorkflowTests.ExecuteWorkflowSetsCorrelationId.
    [Fact]
    public async Task ExecuteWorkflow_SetsTheChildsCorrelationId()
    {
        await _engine.ImportSamplesAsync("ExecuteWorkflow-child-workflow.json", "ExecuteWorkflow-parent-with-correlation.json");

        var result = await _engine.RunUntilEndAsync("parent-with-correlation");

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        var child = Assert.Single((await _engine.Instances.ListAsync(new InstanceQuery(DefinitionIds: ["child-workflow"]), default)).Items);
        Assert.Equal("test-correlation-123", child.CorrelationId);
    }

    // Scenarios/WorkflowDefinitionActivities/Tests.Should_Execute_WorkflowDefinitionActivity_Scenarios: each parent's
    // expected line (the whole folder imported first, as WithWorkflowsFromDirectory does).
    [Theory]
    [InlineData("parent-with-input", "Hello from parent!")]
    [InlineData("parent-with-output", "Received from child: Child output value")]
    [InlineData("parent-with-outcomes", "Success path taken")]
    [InlineData("parent-version-fallback", "Published version executed")]
    public async Task WorkflowDefinitionActivity_Scenario_WritesTheExpectedLine(string definitionId, string expected)
    {
        await _engine.ImportSamplesAsync(
            "WorkflowDefinitionActivities-child-with-input.json", "WorkflowDefinitionActivities-child-with-output.json",
            "WorkflowDefinitionActivities-child-with-outcomes.json", "WorkflowDefinitionActivities-child-published-version.json",
            "WorkflowDefinitionActivities-parent-with-input.json", "WorkflowDefinitionActivities-parent-with-output.json",
            "WorkflowDefinitionActivities-parent-with-outcomes.json", "WorkflowDefinitionActivities-parent-version-fallback.json",
            "WorkflowDefinitionActivities-parent-with-io.json");

        await _engine.RunUntilEndAsync(definitionId);

        Assert.Contains(expected, _engine.Written);
    }

    // Scenarios/ParentChildOutputMapping/Tests.Test1: "Result: 9" (Sum's inputs are Int32, so "4" and "5" add up).
    [Fact]
    public async Task Calculator_UsesSum_AndReadsItsOutput()
    {
        var definition = await _engine.ImportSamplesAsync("ParentChildOutputMapping-sum.json", "ParentChildOutputMapping-calculator.json");

        await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(["Result: 9"], _engine.Written);
    }

    // Scenarios/ParentChildInputs/Tests.Test1 and Test2 (input Input1 = "Foo"): the child's own input hides the workflow's.
    [Theory]
    [InlineData("ParentChildInputs-parent1.json", "Child: Bar")]
    [InlineData("ParentChildInputs-parent2.json", "Child: Foo")]
    public async Task ChildActivity_ReadsItsOwnInput(string parent, string childLine)
    {
        var definition = await _engine.ImportSamplesAsync("ParentChildInputs-child.json", parent);

        await _engine.RunUntilEndAsync(definition.DefinitionId, new JsonObject { ["Input1"] = "Foo" });

        Assert.Equal(["Parent: Foo", childLine], _engine.Written);
    }

    // Scenarios/ParentChildCompletion/Tests.Test1: the child ends with Elsa.Complete("Success"); the parent finishes.
    [Fact]
    public async Task ChildCompletingWithOutcome_ParentFinishes()
    {
        var definition = await _engine.ImportSamplesAsync("ParentChildCompletion-child.json", "ParentChildCompletion-parent.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.True(result.Status == WorkflowStatus.Finished, string.Join("; ", (await _engine.Instances.GetAsync(result.InstanceId, default))!.State.Incidents.Select(i => i.Message)));
        Assert.Equal("Success", _engine.Written[^1]);
    }

    // Scenarios/CompositesAndOutcomes/ExplicitJoinWaitAnyTests.Test1 ("Complete activity must not cascade"): Start, End; Finished.
    [Fact]
    public async Task Complete_DoesNotCascade()
    {
        await _engine.ImportSamplesAsync("CompositesAndOutcomes-completor.json", "CompositesAndOutcomes-consumer.json", "CompositesAndOutcomes-tester.json");

        var result = await _engine.RunUntilEndAsync("tester");

        Assert.Equal(["Start", "End"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // Scenarios/DependencyWorkflows/Tests.Should_Execute_Multi_Level_Nested_Workflow_Definitions: 9 × "Atom".
    [Fact]
    public async Task NestedWorkflowActivities_RunEveryAtom()
    {
        await _engine.ImportSamplesAsync("DependencyWorkflows-atom-activity.json", "DependencyWorkflows-molecule-activity.json", "DependencyWorkflows-matter-activity.json");

        await _engine.RunUntilEndAsync("matter-workflow");

        Assert.Equal(Enumerable.Repeat("Atom", 9), _engine.Written);
    }

    // test/component/.../Scenarios/InputOutput/InputOutputTests.InputShouldBeOutput: the Provider returns its input as its
    // output, which the consumer's variable receives ("Hello World!").
    [Fact]
    public async Task Provider_ReturnsItsInputAsOutput()
    {
        var definition = await _engine.ImportSamplesAsync("InputOutput-provider.json", "InputOutput-consumer.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        var state = (await _engine.Instances.GetAsync(result.InstanceId, default))!.State;
        Assert.Equal("Hello World!", state.Variables.First().Value!.GetValue<string>());
    }

    // Scenarios/ParentChildOutputMapping/Tests.Test2 and Test3 use C# (Elsa.RunCSharp, CSharp expressions), which this
    // engine does not run: their files are refused, naming the activity and what it asks for.
    [Theory]
    [InlineData("ParentChildOutputMapping-b.json", "UnknownActivityType", "Elsa.RunCSharp")]
    [InlineData("ParentChildOutputMapping-d.json", "InvalidExpression", "CSharp")]
    [InlineData("ParentChildOutputMapping-consumer.json", "InvalidExpression", "CSharp")]
    public async Task CSharpWorkflows_AreRefused(string file, string code, string named)
    {
        await _engine.ImportSamplesAsync("ParentChildOutputMapping-a.json", "ParentChildOutputMapping-producer.json");

        var ex = await Assert.ThrowsAsync<DefinitionValidationException>(() => _engine.ImportSampleAsync(file));

        Assert.Contains(ex.Errors, e => e.Code == code && e.Message.Contains(named, StringComparison.Ordinal) && e.ActivityId is not null);
    }
}
