using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// What Studio's instance viewer reads: the journal in the order things happened (nodeId on every record, skip/take and
/// filters honoured, Suspended and Resumed around a wait, the root flowchart's Completed last), activity-execution records
/// and the report by node, and the list's bulk cancel and delete; isMaterializerAvailable in definition summaries.
/// </summary>
public sealed class InstanceViewerApiTests : IAsyncLifetime
{
    private readonly HostFixture _host = new();
    private HttpClient _analyst = null!;

    public async Task InitializeAsync()
    {
        _analyst = _host.Analyst();
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["publish"] = true,
            ["model"] = Flows.Flowchart("wait-then-write",
                [
                    new JsonObject { ["id"] = "before", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "Literal", "before") },
                    new JsonObject { ["id"] = "wait", ["type"] = "Elsa.Event", ["eventName"] = Flows.Input("String", "Literal", "go") },
                    new JsonObject { ["id"] = "after", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "Literal", "after") },
                ],
                [Flows.Connection("before", "Done", "wait"), Flows.Connection("wait", "Done", "after")]),
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> StartAsync() =>
        (await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/wait-then-write/execute", new JsonObject(), Guid.NewGuid().ToString()))["workflowState"]!["id"]!.GetValue<string>();

    private async Task<string> RunToEndAsync()
    {
        var id = await StartAsync();
        await _analyst.PostJsonAsync("/elsa/api/events/go/trigger", new JsonObject { ["workflowInstanceId"] = id }, Guid.NewGuid().ToString());
        return id;
    }

    [Fact]
    public async Task Journal_InExecutionOrder_WithNodeIds_SuspendedAndResumed_RootCompletedLast()
    {
        var id = await RunToEndAsync();

        var journal = await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=100");
        var items = journal["items"]!.AsArray();
        var events = items.Select(i => $"{i!["activityId"]}:{i["eventName"]}").ToList();

        Assert.All(items, i => Assert.StartsWith("Workflow1:", i!["nodeId"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(items.Count, journal["totalCount"]!.GetValue<int>());
        Assert.True(events.IndexOf("wait:Suspended") < events.IndexOf("wait:Resumed"), string.Join(", ", events));
        Assert.True(events.IndexOf("before:Completed") < events.IndexOf("wait:Started"), string.Join(", ", events));
        Assert.Equal("flowchart:Completed", events[^1]);
        var sequences = items.Select(i => i!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task Journal_SkipTakeAndFilter_AreHonoured()
    {
        var id = await RunToEndAsync();
        var all = (await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=100"))["items"]!.AsArray();

        var page = await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=2&take=3");
        var filtered = await _analyst.PostJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=50", new JsonObject
        {
            ["filter"] = new JsonObject { ["eventNames"] = new JsonArray("Completed"), ["excludedActivityTypes"] = new JsonArray("Elsa.Flowchart") },
        });

        Assert.Equal(all.Skip(2).Take(3).Select(i => i!["id"]!.GetValue<string>()), page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(all.Count, page["totalCount"]!.GetValue<int>());
        Assert.Equal(["before", "wait", "after"], filtered["items"]!.AsArray().Select(i => i!["activityId"]!.GetValue<string>()));
        using var bad = await _analyst.GetAsync($"/elsa/api/workflow-instances/{id}/journal?take=-1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task ActivityExecutions_ByNode_AndTheReport()
    {
        var id = await RunToEndAsync();
        var nodeId = "Workflow1:flowchart:after";

        var executions = (await _analyst.GetJsonAsync($"/elsa/api/activity-executions/list?workflowInstanceId={id}&activityNodeId={Uri.EscapeDataString(nodeId)}"))["items"]!.AsArray();
        var report = await _analyst.PostJsonAsync("/elsa/api/activity-executions/report", new JsonObject
        {
            ["workflowInstanceId"] = id, ["activityNodeIds"] = new JsonArray(nodeId, "Workflow1:flowchart:wait"),
        });

        var execution = Assert.Single(executions)!;
        Assert.Equal("Completed", execution["status"]!.GetValue<string>());
        var details = await _analyst.GetJsonAsync($"/elsa/api/activity-executions/{execution["id"]}");
        Assert.Equal("after", details["activityId"]!.GetValue<string>());
        Assert.Equal(2, report["stats"]!.AsArray().Count);
        Assert.All(report["stats"]!.AsArray(), s => Assert.Equal(1, s!["completedCount"]!.GetValue<int>()));
    }

    [Fact]
    public async Task BulkCancelAndDelete_FromTheList()
    {
        var waiting = new[] { await StartAsync(), await StartAsync() };
        var finished = await RunToEndAsync();

        var cancelled = await _analyst.PostJsonAsync("/elsa/api/bulk-actions/cancel/workflow-instances", new JsonObject { ["ids"] = new JsonArray(waiting[0], waiting[1], finished) });
        var deleted = await _analyst.PostJsonAsync("/elsa/api/bulk-actions/delete/workflow-instances", new JsonObject { ["ids"] = new JsonArray(waiting[0], finished) });

        Assert.Equal(2, cancelled["cancelled"]!.GetValue<int>());
        Assert.Equal("Cancelled", (await _analyst.GetJsonAsync($"/elsa/api/workflow-instances/{waiting[1]}"))["subStatus"]!.GetValue<string>());
        Assert.Equal(2, deleted["deleted"]!.GetValue<int>());
        using var gone = await _analyst.GetAsync($"/elsa/api/workflow-instances/{finished}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task DefinitionSummaries_SayTheMaterializerIsAvailable()
    {
        var list = await _analyst.GetJsonAsync("/elsa/api/workflow-definitions");

        var summary = list["items"]!.AsArray().Single(i => i!["definitionId"]!.GetValue<string>() == "wait-then-write")!;
        Assert.True(summary["isMaterializerAvailable"]!.GetValue<bool>());
    }
}
