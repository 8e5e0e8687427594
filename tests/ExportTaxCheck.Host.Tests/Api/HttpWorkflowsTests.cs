using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// HTTP workflows under /workflows: elsa-core's HTTP test workflows imported unchanged, a route with a value, and a flow
/// that waits on a second request, resumed by correlation id.
/// </summary>
public sealed class HttpWorkflowsTests : IAsyncLifetime
{
    private readonly HostFixture _host = new();
    private HttpClient _analyst = null!;
    private HttpClient _anonymous = null!;

    public Task InitializeAsync()
    {
        _analyst = _host.Analyst();
        _anonymous = _host.Anonymous();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    // test/component/Elsa.Workflows.ComponentTests/Scenarios/HttpWorkflows/HttpHelloWorldTests.HelloWorldWorkflow_ShouldRespondWithHelloWorld:
    // GET hello-world answers "Hello World!".
    [Fact]
    public async Task HelloWorld_AnswersWhatWriteHttpResponseWrote()
    {
        await ImportAsync("HttpWorkflows-http-hello-world.json");

        using var response = await _anonymous.GetAsync("/workflows/hello-world");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello World!", await response.Content.ReadAsStringAsync());
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    // test/integration/Elsa.Workflows.IntegrationTests/Scenarios/ImportAndPublish/ImportAndPublishHttpEndpointsTests:
    // ImportAndPublish_ShouldSucceed_WithGoodHttpEndpoint publishes; ImportAndPublish_ShouldFailed_WithTwoHttpEndpointSamePathMethod
    // refuses a second workflow on /test and GET with Elsa's message. A request runs the flow; with no response written the
    // answer is Elsa's list of instances.
    [Fact]
    public async Task HttpWorkflow_Publishes_RunsOnRequest_AndASecondWorkflowOnTheSamePathIsRefused()
    {
        var imported = await ImportAsync("ImportAndPublish-http-workflow.json");

        using var response = await _anonymous.GetAsync("/workflows/test");
        var body = await response.ReadJsonAsync();
        var instanceId = Assert.Single(body["workflowInstanceIds"]!.AsArray())!.GetValue<string>();
        var instance = await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal(imported["definitionId"]!.GetValue<string>(), instance["definitionId"]!.GetValue<string>());
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());

        var copy = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(WorkflowDefinitionsApiTests.SamplesDirectory, "ImportAndPublish-http-workflow.json")))!;
        copy["definitionId"] = "another-http-workflow";
        copy["isPublished"] = false;
        using var draft = await _analyst.PostAsync("/elsa/api/workflow-definitions/import", HttpJson.Json(copy));
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        using var refused = await _analyst.PostAsync("/elsa/api/workflow-definitions/another-http-workflow/publish", HttpJson.Json(new JsonObject()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The /test path and get method are already in use by another workflow!", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteValues_ReachTheFlow_AndUnknownPathsAre404()
    {
        await PublishAsync(Flows.Flowchart("orders",
            [
                new JsonObject
                {
                    ["id"] = "endpoint", ["type"] = "Elsa.HttpEndpoint", ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
                    ["path"] = Flows.Input("String", "Literal", "orders/{id}"), ["supportedMethods"] = Flows.Input("String[]", "Object", "[\"GET\",\"POST\"]"),
                    ["routeData"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "route" } },
                    ["parsedContent"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "body" } },
                },
                new JsonObject
                {
                    ["id"] = "answer", ["type"] = "Elsa.WriteHttpResponse",
                    ["content"] = Flows.Input("Object", "JavaScript", "({ id: getRoute().id, method: getInput('Path'), note: getBody() ? getBody().note : null })"),
                },
            ],
            [Flows.Connection("endpoint", "Done", "answer")],
            variables: [new JsonObject { ["id"] = "route", ["name"] = "Route", ["typeName"] = "Object" }, new JsonObject { ["id"] = "body", ["name"] = "Body", ["typeName"] = "Object" }]));

        var got = await (await _anonymous.GetAsync("/workflows/orders/42")).ReadJsonAsync();
        using var posted = await _anonymous.PostAsync("/workflows/orders/7", HttpJson.Json(new JsonObject { ["note"] = "urgent" }));

        Assert.Equal("42", got["id"]!.GetValue<string>());
        Assert.Equal("/workflows/orders/42", got["method"]!.GetValue<string>());
        var postedBody = await posted.ReadJsonAsync();
        Assert.Equal("7", postedBody["id"]!.GetValue<string>());
        Assert.Equal("urgent", postedBody["note"]!.GetValue<string>());
        using var unknown = await _anonymous.GetAsync("/workflows/invoices/1");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        using var wrongMethod = await _anonymous.DeleteAsync("/workflows/orders/42");
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
    }

    // Like test/component/.../Scenarios/HttpWorkflows/ResumeSpecificHttpWorkflowInstanceTests: three instances wait on
    // the same path; ?correlationId= names the one to resume, which answers; without it the request is ambiguous.
    [Fact]
    public async Task WaitingEndpoint_ResumedByCorrelationId()
    {
        await PublishAsync(Flows.Flowchart("two-steps",
            [
                new JsonObject
                {
                    ["id"] = "start", ["type"] = "Elsa.HttpEndpoint", ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
                    ["path"] = Flows.Input("String", "Literal", "simple-http-api/start"),
                },
                new JsonObject { ["id"] = "started", ["type"] = "Elsa.WriteHttpResponse", ["content"] = Flows.Input("Object", "JavaScript", "getCorrelationId()") },
                new JsonObject { ["id"] = "resume", ["type"] = "Elsa.HttpEndpoint", ["path"] = Flows.Input("String", "Literal", "simple-http-api/resume") },
                new JsonObject { ["id"] = "resumed", ["type"] = "Elsa.WriteHttpResponse", ["content"] = Flows.Input("Object", "JavaScript", "'resumed ' + getCorrelationId()") },
            ],
            [Flows.Connection("start", "Done", "started"), Flows.Connection("started", "Done", "resume"), Flows.Connection("resume", "Done", "resumed")]));

        foreach (var id in new[] { "c-1", "c-2", "c-3" })
            Assert.Equal(id, await _anonymous.GetStringAsync($"/workflows/simple-http-api/start?correlationId={id}"));

        using var ambiguous = await _anonymous.GetAsync("/workflows/simple-http-api/resume");
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Equal("resumed c-2", await _anonymous.GetStringAsync("/workflows/simple-http-api/resume?correlationId=c-2"));
        using var again = await _anonymous.GetAsync("/workflows/simple-http-api/resume?correlationId=c-2");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private async Task<JsonNode> ImportAsync(string file)
    {
        using var response = await _analyst.PostAsync("/elsa/api/workflow-definitions/import",
            HttpJson.Json(await File.ReadAllTextAsync(Path.Combine(WorkflowDefinitionsApiTests.SamplesDirectory, file))));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var imported = await response.ReadJsonAsync();
        if (imported["isPublished"]?.GetValue<bool>() != true)
            await _analyst.PostJsonAsync($"/elsa/api/workflow-definitions/{imported["definitionId"]}/publish", new JsonObject());
        return imported;
    }

    private Task<JsonNode> PublishAsync(JsonObject model) =>
        _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });
}
