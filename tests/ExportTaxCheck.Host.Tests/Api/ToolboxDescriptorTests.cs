using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// Studio's toolbox: every Elsa activity the engine runs is offered with Elsa's inputs, outputs and ports (read from
/// elsa-core's activity classes), every input has an editor Studio 3.8 knows, and a definition marked usableAsActivity
/// is offered as an activity with its inputs and outputs.
/// </summary>
public class ToolboxDescriptorTests(ToolboxDescriptorTests.Shared shared) : IClassFixture<ToolboxDescriptorTests.Shared>
{
    private readonly HttpClient _client = shared.Client;

    public sealed class Shared : IAsyncLifetime
    {
        public HostFixture Host { get; } = new();
        public HttpClient Client { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Client = Host.Analyst();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    // Elsa.Studio.UIHints/InputUIHints.cs (elsa-studio 3.8): the hints Studio has an editor for; any other shows
    // "Unsupported UI hint".
    private static readonly HashSet<string> StudioEditors =
    [
        "checkbox", "checklist", "code-editor", "datetime-picker", "dictionary", "dropdown", "dynamic-outcomes", "expression-editor",
        "http-status-codes", "json-editor", "multiline", "multitext", "outcome-picker", "output-picker", "radiolist", "singleline",
        "flow-switch-editor", "switch-editor", "type-picker", "variable-picker", "input-picker", "workflow-definition-picker",
    ];

    [Theory]
    [InlineData("Elsa.FlowNode", "", "", "Body,Done")]
    [InlineData("Elsa.Sequence", "", "", "Done")]
    [InlineData("Elsa.If", "Condition", "Result", "Then,Else,Done")]
    [InlineData("Elsa.Switch", "Cases,Mode", "Output", "Default,Done")]
    [InlineData("Elsa.While", "Condition", "", "Body,Done")]
    [InlineData("Elsa.For", "Start,End,Step,OuterBoundInclusive", "CurrentValue", "Body,Done")]
    [InlineData("Elsa.ForEach", "Items", "CurrentValue", "Body,Done")]
    [InlineData("Elsa.ParallelForEach", "Items", "", "Body,Done")]
    [InlineData("Elsa.Break", "", "", "")]
    [InlineData("Elsa.Complete", "Outcomes", "", "")]
    [InlineData("Elsa.Fork", "JoinMode", "", "Done")]
    [InlineData("Elsa.Correlate", "CorrelationId", "", "Done")]
    [InlineData("Elsa.SetName", "Value", "", "Done")]
    [InlineData("Elsa.SetOutput", "OutputName,OutputValue", "", "Done")]
    [InlineData("Elsa.RunJavaScript", "Script,PossibleOutcomes", "Result", "")]
    [InlineData("Elsa.DispatchWorkflow", "WorkflowDefinitionId,CorrelationId,Input,WaitForCompletion", "Result", "Done")]
    [InlineData("Elsa.ExecuteWorkflow", "WorkflowDefinitionId,CorrelationId,Input,WaitForCompletion", "Result", "Done")]
    [InlineData("Elsa.HttpEndpoint", "Path,SupportedMethods,Authorize,Policy,RequestSizeLimit,ExposeRequestTooLargeOutcome", "Result,ParsedContent,RouteData,QueryStringData,Headers", "Done")]
    [InlineData("Elsa.WriteHttpResponse", "StatusCode,Content,ContentType,ResponseHeaders", "", "Done")]
    [InlineData("Elsa.SendHttpRequest", "ExpectedStatusCodes,Url,Method,Content,ContentType,Authorization,DisableAuthorizationHeaderValidation,RequestHeaders",
        "Result,StatusCode,ParsedContent,ResponseHeaders", "UnmatchedStatusCode,FailedToConnect,Timeout,Done")]
    [InlineData("Elsa.FlowSendHttpRequest", "ExpectedStatusCodes,Url,Method,Content,ContentType,Authorization,DisableAuthorizationHeaderValidation,RequestHeaders",
        "Result,StatusCode,ParsedContent,ResponseHeaders", "")]
    public async Task Toolbox_OffersTheActivity_WithElsasInputsOutputsAndPorts(string typeName, string inputs, string outputs, string ports)
    {
        var descriptor = await _client.GetJsonAsync($"/elsa/api/descriptors/activities/{typeName}");

        Assert.True(descriptor["isBrowsable"]!.GetValue<bool>(), $"{typeName} is not in the toolbox");
        Assert.Equal(inputs, Names(descriptor["inputs"]!, browsableOnly: true));
        Assert.Equal(outputs, Names(descriptor["outputs"]!, browsableOnly: false));
        Assert.Equal(ports, Names(descriptor["ports"]!, browsableOnly: false));
    }

    [Fact]
    public async Task EveryInput_HasAnEditorStudioKnows()
    {
        var descriptors = (await _client.GetJsonAsync("/elsa/api/descriptors/activities?Refresh=True"))["items"]!.AsArray();

        var unsupported = descriptors.SelectMany(d => d!["inputs"]!.AsArray().Select(i => (Type: d["typeName"]!.GetValue<string>(), Name: i!["name"]!.GetValue<string>(), Hint: i["uiHint"]!.GetValue<string>())))
            .Where(i => !StudioEditors.Contains(i.Hint)).Select(i => $"{i.Type}.{i.Name}: {i.Hint}").ToList();

        Assert.True(unsupported.Count == 0, string.Join("\n", unsupported));
    }

    [Fact]
    public async Task UsableAsActivityDefinition_IsOfferedWithItsInputsAndOutputs()
    {
        var model = Flows.Flowchart("greeter", [new JsonObject { ["id"] = "say", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "JavaScript", "'Hello ' + getInput('Name')") }], []);
        model["name"] = "Greeter";
        model["options"] = new JsonObject { ["usableAsActivity"] = true };
        model["inputs"] = new JsonArray(new JsonObject { ["name"] = "Name", ["type"] = "String", ["displayName"] = "Name" });
        model["outputs"] = new JsonArray(new JsonObject { ["name"] = "Greeting", ["type"] = "String", ["displayName"] = "Greeting" });
        await _client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });

        var descriptors = (await _client.GetJsonAsync("/elsa/api/descriptors/activities?Refresh=True"))["items"]!.AsArray();

        var greeter = descriptors.Single(d => d!["typeName"]!.GetValue<string>() == "Greeter")!;
        Assert.True(greeter["isBrowsable"]!.GetValue<bool>());
        Assert.Equal("Name", Names(greeter["inputs"]!, browsableOnly: true));
        Assert.Equal("Greeting", Names(greeter["outputs"]!, browsableOnly: false));
        Assert.Equal("greeter", greeter["customProperties"]!["WorkflowDefinitionId"]!.GetValue<string>());
    }

    private static string Names(JsonNode list, bool browsableOnly) => string.Join(",", list.AsArray()
        .Where(i => !browsableOnly || i!["isBrowsable"]?.GetValue<bool>() != false)
        .Select(i => i!["name"]!.GetValue<string>()));
}
