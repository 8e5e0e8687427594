using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>
/// More of elsa-core's test workflows: the component tests' hello worlds, log persistence modes, a workflow-definition
/// activity chain, state with reserved JSON keys, and the consumers of a workflow used as an activity updated on
/// publish. Each test names the elsa-core test whose assertions it repeats (test/component/Elsa.Workflows.ComponentTests/
/// or test/integration/Elsa.Workflows.IntegrationTests/).
/// </summary>
public class ElsaComponentSampleTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    // component: Scenarios/BasicWorkflows/HelloWorldTests.HelloWorldWorkflow_ShouldReturnOk (SubStatus Finished);
    // Scenarios/RestApis/Endpoints/WorkflowDefinitions/Execute/PostTests (Finished); Scenarios/WorkflowCompletion/
    // WorkflowCompletionTests (Finished). Each writes its one line.
    [Theory]
    [InlineData("BasicWorkflows-hello-world.json")]
    [InlineData("RestApis-hello-world.json")]
    [InlineData("WorkflowCompletion-hello-world.json")]
    public async Task HelloWorld_Finishes(string file)
    {
        var definition = await _engine.ImportSampleAsync(file);

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["Hello World!"], _engine.Written);
    }

    // component: Scenarios/LogPersistenceModes/InputOutputLoggingTests.Workflow_ShouldHonorSettings_WhenExecuting:
    // the WriteLine records keep their Text as [true, false, true, false], by activity modes and the workflow's default.
    [Theory]
    [InlineData("LogPersistenceModes-input-output-logging-1.json")]
    [InlineData("LogPersistenceModes-input-output-logging-2.json")]
    public async Task LogPersistenceModes_DecideWhichInputsTheRecordsKeep(string file)
    {
        var definition = await _engine.ImportSampleAsync(file);

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        var records = (await _engine.Instances.ActivityExecutionsAsync(result.InstanceId, null, default))
            .Where(r => r.ActivityType == "Elsa.WriteLine").OrderBy(r => r.Sequence).ToList();
        Assert.Equal([true, false, true, false], records.Select(r => JsonNode.Parse(r.Inputs ?? "{}")!.AsObject().ContainsKey("text")));
    }

    // component: Scenarios/LogPersistenceModes/InputOutputLoggingTests.WorkflowAsActivity_ShouldHonorSettings_WhenExecuting:
    // the record of the workflow used as an activity keeps both its outputs.
    [Fact]
    public async Task LogPersistenceModes_WorkflowAsActivity_KeepsItsOutputs()
    {
        var records = await RunInputOutputLogging3Async();

        var record = records.Single(r => r.ActivityName == "InputOutputLogging3-Child1");
        var outputs = JsonNode.Parse(record.Outputs!)!.AsObject();
        Assert.True(outputs.ContainsKey("Output1"));
        Assert.True(outputs.ContainsKey("Output2"));
    }

    // component: Scenarios/LogPersistenceModes/InputOutputLoggingTests.WorkflowAsActivityInternal_ShouldHonorSettings_WhenExecuting:
    // inside the workflow used as an activity, SetOutput1 (Inherit, under the child workflow's default Exclude) keeps no
    // OutputName, SetOutput2 (Include) keeps it.
    [Fact]
    public async Task LogPersistenceModes_InsideAWorkflowAsActivity_FollowThatWorkflowsDefault()
    {
        var records = await RunInputOutputLogging3Async();

        bool KeepsOutputName(string name) => JsonNode.Parse(records.Single(r => r.ActivityName == name).Inputs ?? "{}")!.AsObject()
            .Any(p => string.Equals(p.Key, "OutputName", StringComparison.OrdinalIgnoreCase));
        Assert.False(KeepsOutputName("SetOutput1"));
        Assert.True(KeepsOutputName("SetOutput2"));
    }

    // component: Scenarios/CachingAndWorkflowDefinitionActivity/WorkflowDefinitionActivityTests
    // .SendHttpRequest_WhileEvictingCache_ShouldNotGenerateFaults: parent → child → grand child, no instance faulted.
    [Fact]
    public async Task WorkflowDefinitionActivities_ParentChildGrandChild_RunWithoutFaults()
    {
        await _engine.ImportSamplesAsync("CachingAndWorkflowDefinitionActivity-workflow-definition-grand-child.json",
            "CachingAndWorkflowDefinitionActivity-workflow-definition-child.json", "CachingAndWorkflowDefinitionActivity-workflow-definition-parent.json");

        var runs = new List<WorkflowRunResult>();
        for (var i = 0; i < 5; i++)
            runs.Add(await _engine.RunUntilEndAsync("189be5173f90b1f6"));

        Assert.All(runs, r => Assert.Equal(WorkflowStatus.Finished, r.Status));
        Assert.Equal(Enumerable.Repeat("Grand Child", 5), _engine.Written);
        var faulted = await _engine.Instances.ListAsync(new InstanceQuery(Statuses: [WorkflowStatus.Faulted]), default);
        Assert.Equal(0, faulted.TotalCount);
    }

    // integration: Scenarios/JsonObjectSerialization/Tests.Test1: a variable holding an object with "$schema" and "$id"
    // survives the instance's state being stored and read back.
    [Fact]
    public async Task StateWithReservedJsonKeys_IsStoredAndReadBack()
    {
        var definition = await _engine.ImportSampleAsync("JsonObjectSerialization-instance-serialization.json");

        var result = await _engine.RunUntilEndAsync(definition.DefinitionId);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        var state = (await _engine.Instances.GetAsync(result.InstanceId, default))!.State;
        var copied = state.Variables.Single(v => v.Key is "Variable2" or "4e256dab27d33eac").Value!;
        Assert.Equal("#/definitions/inform-front-office-input-afd", copied["inputSchema"]!["$id"]!.GetValue<string>());
        Assert.Equal("http://json-schema.org/draft-07/schema#", copied["inputSchema"]!["$schema"]!.GetValue<string>());
    }

    // integration: Scenarios/DependencyWorkflowsPublishing/Tests.Test1: publishing version 2 of a workflow used as an
    // activity with autoUpdateConsumingWorkflows points the (draft) parent at version 2.
    [Fact]
    public async Task PublishingADependency_UpdatesItsConsumers()
    {
        await _engine.ImportSampleAsync("DependencyWorkflowsPublishing-child.json");
        var parentModel = WorkflowJson.Parse(await File.ReadAllTextAsync(Samples.PathOf("DependencyWorkflowsPublishing-parent.json")));
        await _engine.Definitions.ImportAsync(parentModel, default);
        var parent = (await _engine.Definitions.FindAsync("parent", VersionOptions.Latest, default))!;
        Assert.False(parent.IsPublished);
        Assert.Equal(1, ChildNode(parent)["version"]!.GetValue<int>());

        var child = (await _engine.Definitions.FindAsync("child", VersionOptions.Published, default))!;
        await _engine.Definitions.SaveAsync(child, publish: true, default);

        var updated = (await _engine.Definitions.FindAsync("parent", VersionOptions.Latest, default))!;
        Assert.Equal(2, ChildNode(updated)["version"]!.GetValue<int>());
        Assert.False(updated.IsPublished);
        Assert.Equal(1, updated.Version);
    }

    /// <summary>Runs input-output-logging-3 (which uses its child as an activity) to its end; its execution records.</summary>
    private async Task<IReadOnlyList<ActivityExecutionRecord>> RunInputOutputLogging3Async()
    {
        await _engine.ImportSamplesAsync("LogPersistenceModes-input-output-logging-3-child.json", "LogPersistenceModes-input-output-logging-3.json");
        var result = await _engine.RunUntilEndAsync("input-output-logging-3");
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        return await _engine.Instances.ActivityExecutionsAsync(result.InstanceId, null, default);
    }

    private static JsonObject ChildNode(WorkflowDefinitionModel parent) =>
        JsonNode.Parse(WorkflowJson.Serialize(parent))!["root"]!["activities"]!.AsArray()
            .Single(a => a!["workflowDefinitionId"]?.GetValue<string>() == "child")!.AsObject();
}
