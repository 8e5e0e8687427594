using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Durability;

/// <summary>
/// 200 starts at once, then every task's command, its retry and a rival command at once. On PostgreSQL the pool holds 8
/// connections: 200 requests wait for them, and none may hold one while it waits for another (they would wait forever).
/// </summary>
public abstract class ConcurrentResumeTests(TestDatabase database, int? poolSize = null) : IAsyncLifetime
{
    private const int Instances = 200;
    private readonly HostFixture _host = new(database: database, poolSize: poolSize);
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _host.Analyst();
        await _client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("concurrent"), ["publish"] = true });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CompleteTasks_200InstancesConcurrently_WithDuplicates_EachResumesExactlyOnce()
    {
        var started = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ =>
            _client.PostJsonAsync("/elsa/api/workflow-definitions/concurrent/execute", new JsonObject())));
        var tasks = started.Select(s => (
            InstanceId: s["workflowState"]!["id"]!.GetValue<string>(),
            TaskId: s["workflowState"]!["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>())).ToList();

        // Every task gets its command, a retry of it with the same key, and a second command with another key, all at once.
        var requests = tasks.SelectMany(t => new[]
        {
            (t.InstanceId, Kind: "first", Send: Complete(t.TaskId, "key-" + t.TaskId)),
            (t.InstanceId, Kind: "retry", Send: Complete(t.TaskId, "key-" + t.TaskId)),
            (t.InstanceId, Kind: "other", Send: Complete(t.TaskId, "other-" + t.TaskId)),
        }).ToList();
        var results = await Task.WhenAll(requests.Select(async r => (r.InstanceId, r.Kind, Response: await r.Send)));

        foreach (var group in results.GroupBy(r => r.InstanceId))
        {
            var sameKey = group.Where(r => r.Kind != "other").Select(r => r.Response).ToList();
            var other = group.Single(r => r.Kind == "other").Response;
            var ok = group.Where(r => r.Response.Status == HttpStatusCode.OK).ToList();
            // Exactly one command ran the step; the same-key retry replays it; the other key either ran first
            // (then both same-key commands are 409) or is refused with 409.
            Assert.Equal(1, ok.Count(r => r.Response.Body?["replayed"]?.GetValue<bool>() == false));
            if (other.Status == HttpStatusCode.OK)
                Assert.All(sameKey, r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, other.Status);
                Assert.All(sameKey, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            }
        }

        foreach (var (instanceId, _) in tasks)
        {
            var journal = await _client.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal", new JsonObject { ["pageSize"] = 100 });
            var completed = journal["items"]!.AsArray().Where(r => r!["eventName"]!.GetValue<string>() == "Completed").Select(r => r!["activityId"]!.GetValue<string>()).ToList();
            Assert.Equal(1, completed.Count(a => a == "task"));
            Assert.Equal(1, completed.Count(a => a == "done"));
        }

        var finished = await _client.PostJsonAsync("/elsa/api/workflow-instances", new JsonObject { ["definitionId"] = "concurrent", ["subStatus"] = "Finished", ["pageSize"] = 1 });
        Assert.Equal(Instances, finished["totalCount"]!.GetValue<int>());
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> Complete(string taskId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/elsa/api/tasks/{taskId}/complete") { Content = HttpJson.Json("{\"result\":\"ok\"}") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }
}
