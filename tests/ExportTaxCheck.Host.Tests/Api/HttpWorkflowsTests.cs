using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

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

    // A GET that runs a workflow commits a step: its answer waits for the log on disk, as a command's does (DurableAnswers).
    [Fact]
    public async Task AGetThatRunsAWorkflow_IsAnsweredAfterTheLogIsOnDisk()
    {
        await ImportAsync("HttpWorkflows-http-hello-world.json");
        var commits = _host.Services.GetRequiredService<DurableCommits>();
        var before = commits.Syncs;

        using var response = await _anonymous.GetAsync("/workflows/hello-world");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(commits.Syncs > before, "the log was written to disk before the workflow's answer");
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

    // component: Scenarios/CachingAndWorkflowDefinitionActivity/WorkflowDefinitionActivityTests
    // .SendHttpRequest_WhileEvictingCache_ShouldNotGenerateFaults: POST parent, which runs child and grand child as
    // activities, many times at once; no instance faults.
    [Fact]
    public async Task WorkflowDefinitionActivities_OnConcurrentRequests_NoInstanceFaults()
    {
        await ImportAsync("CachingAndWorkflowDefinitionActivity-workflow-definition-grand-child.json");
        await ImportAsync("CachingAndWorkflowDefinitionActivity-workflow-definition-child.json");
        await ImportAsync("CachingAndWorkflowDefinitionActivity-workflow-definition-parent.json");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await _anonymous.PostAsync("/workflows/parent", HttpJson.Json("{}"));
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        // Studio's instance list filter, as Studio posts it.
        var faulted = await _analyst.PostJsonAsync("/elsa/api/workflow-instances", new JsonObject { ["subStatuses"] = new JsonArray("Faulted") });
        var finished = await _analyst.PostJsonAsync("/elsa/api/workflow-instances", new JsonObject { ["subStatuses"] = new JsonArray("Finished") });
        Assert.Equal(0, faulted["totalCount"]!.GetValue<int>());
        Assert.Equal(10, finished["totalCount"]!.GetValue<int>());
    }

    // component: Scenarios/WorkflowDefinitionReload/ReloadWorkflowTests.Reloading_AfterRemovingTheWorkflow_ShouldMakeWorkflowReachableAgain:
    // with the definition deleted the path is 404; imported again it answers 200.
    [Fact]
    public async Task DeletedHttpWorkflow_Is404_UntilImportedAgain()
    {
        await ImportAsync("WorkflowDefinitionReload-http-workflow.json");
        using (var first = await _anonymous.GetAsync("/workflows/reload-test"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using (var deleted = await _analyst.DeleteAsync("/elsa/api/workflow-definitions/f68b09bc-2013-4617-b82f-d76b6819a624"))
            Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        using var gone = await _anonymous.GetAsync("/workflows/reload-test");
        await ImportAsync("WorkflowDefinitionReload-http-workflow.json");
        using var back = await _anonymous.GetAsync("/workflows/reload-test");

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    // component: Scenarios/WorkflowActivities/AutoUpdateTests.UpdateWorkflowWithAutoUpdate: publishing version 2 of the
    // child (usableAsActivity, autoUpdateConsumingWorkflows) updates the published parent, whose endpoint keeps answering
    // and now runs the new version.
    [Fact]
    public async Task PublishingAChildWithAutoUpdate_RepublishesTheParent_WhichKeepsAnswering()
    {
        await ImportAsync("WorkflowActivities-CacheInvalidation_Child.json");
        await ImportAsync("WorkflowActivities-CacheInvalidation_Parent.json");
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync("/workflows/test-cache-invalidation")).StatusCode);
        using (var draft = await _analyst.PostAsync("/elsa/api/workflow-definitions/import",
                   HttpJson.Json(await File.ReadAllTextAsync(Path.Combine(WorkflowDefinitionsApiTests.SamplesDirectory, "WorkflowActivities-CacheInvalidation_Childv2.json")))))
            Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());

        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/f353742a9ef6af4/publish", new JsonObject());

        var parent = await _analyst.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/878770f04439a55d?versionOptions=Published");
        Assert.Equal(2, parent["version"]!.GetValue<int>());
        var childNode = parent["root"]!["activities"]!.AsArray().Single(a => a!["workflowDefinitionId"]?.GetValue<string>() == "f353742a9ef6af4")!;
        Assert.Equal(2, childNode["version"]!.GetValue<int>());
        using var after = await _anonymous.GetAsync("/workflows/test-cache-invalidation");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    // component: Scenarios/WorkflowDefinitionRefresh/DynamicEndpointTests: Elsa evaluates a JavaScript path when it indexes
    // the trigger; this engine indexes literal paths only, so publishing it is refused, naming the activity and the input.
    [Fact]
    public async Task HttpEndpointWithAnExpressionPath_IsRefusedAtPublish()
    {
        using var response = await _analyst.PostAsync("/elsa/api/workflow-definitions/import",
            HttpJson.Json(await File.ReadAllTextAsync(Path.Combine(WorkflowDefinitionsApiTests.SamplesDirectory, "WorkflowDefinitionRefresh-dynamic-endpoint-http-workflow.json"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("TriggerInputNotLiteral", body, StringComparison.Ordinal);
        Assert.Contains("25d3a6465094a796", body, StringComparison.Ordinal);
        Assert.Contains("input 'path'", body, StringComparison.Ordinal);
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
