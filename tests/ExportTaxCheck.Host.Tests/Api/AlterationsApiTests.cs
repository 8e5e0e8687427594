using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// Elsa's alterations API on our instances: an incident fixed by modifying a variable and retrying the faulted activity,
/// a running instance migrated to another published version, each alteration journaled with who made it; analysts and
/// supervisors only.
/// </summary>
public sealed class AlterationsApiTests : IAsyncLifetime
{
    private readonly HostFixture _host = new();
    private HttpClient _analyst = null!;

    public async Task InitializeAsync()
    {
        _analyst = _host.Analyst();
        await PublishAsync(Flows.Flowchart("needs-ready",
            [
                new JsonObject
                {
                    ["id"] = "check", ["type"] = "Elsa.WriteLine",
                    ["text"] = Flows.Input("String", "JavaScript", "if (!getReady()) throw new Error('not ready'); 'ready'"),
                },
            ],
            [],
            [new JsonObject { ["id"] = "ready", ["name"] = "Ready", ["typeName"] = "Boolean", ["value"] = "false" }]));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<JsonNode> PublishAsync(JsonObject model) =>
        _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });

    private async Task<string> StartAsync(string definitionId) =>
        (await _analyst.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", new JsonObject(), Guid.NewGuid().ToString()))["workflowState"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task Incident_FixedByModifyVariable_ThenRetry_BySupervisor()
    {
        var id = await StartAsync("needs-ready");
        Assert.Equal("Faulted", (await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}"))["subStatus"]!.GetValue<string>());
        using var supervisor = _host.WithKey(TestKeys.Supervisor);

        var modified = await supervisor.PostJsonAsync("/elsa/api/alterations/run", new JsonObject
        {
            ["workflowInstanceIds"] = new JsonArray(id),
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "ready", ["value"] = true }),
        }, Guid.NewGuid().ToString());
        var retried = await supervisor.PostJsonAsync("/elsa/api/alterations/workflows/retry", new JsonObject { ["workflowInstanceIds"] = new JsonArray(id) },
            Guid.NewGuid().ToString());

        Assert.True(Assert.Single(modified["results"]!.AsArray())!["isSuccessful"]!.GetValue<bool>());
        Assert.True(Assert.Single(retried["results"]!.AsArray())!["isSuccessful"]!.GetValue<bool>());
        var instance = await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}");
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        var altered = (await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=100"))["items"]!.AsArray()
            .Where(i => i!["eventName"]!.GetValue<string>() == "Altered").Select(i => i!["payload"]!).ToList();
        Assert.Equal(["ModifyVariable", "ScheduleActivity"], altered.Select(p => p["alteration"]!.GetValue<string>()));
        Assert.All(altered, p => Assert.Equal("supervisor", p["by"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RunningInstance_MigratedToVersion2_CarriesOnThere()
    {
        await PublishAsync(Waiting("migrating", "version 1"));
        var id = await StartAsync("migrating");
        await PublishAsync(Waiting("migrating", "version 2"));

        var migrated = await _analyst.PostJsonAsync("/elsa/api/alterations/run", new JsonObject
        {
            ["workflowInstanceIds"] = new JsonArray(id),
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "Migrate", ["targetVersion"] = 2 }),
        }, Guid.NewGuid().ToString());
        var resumed = await _analyst.PostJsonAsync("/elsa/api/events/go/trigger", new JsonObject { ["workflowInstanceId"] = id }, Guid.NewGuid().ToString());

        Assert.True(Assert.Single(migrated["results"]!.AsArray())!["isSuccessful"]!.GetValue<bool>());
        Assert.Equal("Finished", Assert.Single(resumed["resumed"]!.AsArray())!["status"]!.GetValue<string>());
        Assert.Equal(2, (await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}"))["version"]!.GetValue<int>());
        var written = (await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=100"))["items"]!.AsArray()
            .Single(i => i!["activityId"]!.GetValue<string>() == "after" && i["eventName"]!.GetValue<string>() == "Completed")!;
        Assert.Equal("version 2", written["activityState"]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(TestKeys.TaxOfficer)]
    [InlineData(TestKeys.Exporter)]
    public async Task OtherRoles_AreForbidden(string key)
    {
        var id = await StartAsync("needs-ready");
        using var caller = _host.WithKey(key);

        using var response = await caller.PostAsync("/elsa/api/alterations/workflows/retry", HttpJson.Json(new JsonObject { ["workflowInstanceIds"] = new JsonArray(id) }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Faulted", (await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}"))["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownAlteration_Is400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/elsa/api/alterations/run")
        {
            Content = HttpJson.Json(new JsonObject
            {
                ["workflowInstanceIds"] = new JsonArray("x"), ["alterations"] = new JsonArray(new JsonObject { ["type"] = "Rewind" }),
            }),
        };

        using var response = await _analyst.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private static JsonObject Waiting(string definitionId, string after) => Flows.Flowchart(definitionId,
        [
            new JsonObject { ["id"] = "wait", ["type"] = "Elsa.Event", ["eventName"] = Flows.Input("String", "Literal", "go") },
            new JsonObject { ["id"] = "after", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "Literal", after) },
        ],
        [Flows.Connection("wait", "Done", "after")]);
}
