using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Tasks;

/// <summary>Officers completing at once: every task completes once and no workflow step runs twice.</summary>
public abstract class TaskConcurrencyTests(TestDatabase database) : IAsyncLifetime
{
    private const int Tasks = 200;
    private const int Duplicates = 50;
    private readonly HostFixture _host = new(database: database);
    private HttpClient _analyst = null!;
    private HttpClient[] _officers = null!;

    public async Task InitializeAsync()
    {
        _analyst = _host.Analyst();
        _officers = [_host.WithKey(HostFixture.TaxOfficerKey), _host.WithKey(HostFixture.TaxOfficer2Key), _host.WithKey(HostFixture.SupervisorKey)];
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.HumanTaskFlow("parallel-review"), ["publish"] = true });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(string InstanceId, string TaskId)> StartAsync(int n)
    {
        var started = await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/parallel-review/execute", new JsonObject { ["correlationId"] = $"RC-P-{n:D4}" });
        var state = started["workflowState"]!;
        return (state["id"]!.GetValue<string>(), state["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>());
    }

    private static async Task<HttpStatusCode> CompleteAsync(HttpClient officer, string taskId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/complete")
        {
            Content = HttpJson.Json(new JsonObject { ["outcome"] = "Approve", ["comment"] = key }),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await officer.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<List<string>> CompletedActivitiesAsync(string instanceId)
    {
        var journal = await _analyst.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal", new JsonObject { ["pageSize"] = 100 });
        return journal["items"]!.AsArray().Where(r => r!["eventName"]!.GetValue<string>() == "Completed").Select(r => r!["activityId"]!.GetValue<string>()).ToList();
    }

    [Fact]
    public async Task DifferentTasksConcurrently_AndDuplicatesOfOne_EachTaskCompletesOnce()
    {
        var started = new List<(string InstanceId, string TaskId)>();
        for (var n = 0; n <= Tasks; n++)
            started.Add(await StartAsync(n));
        var contested = started[^1];
        var different = started.Take(Tasks).ToList();

        // 200 officers' completions of 200 tasks and 50 completions of one task (three officers, 50 keys), all at once.
        var differentRuns = different.Select((t, i) => CompleteAsync(_officers[i % 2], t.TaskId, "done-" + t.TaskId)).ToList();
        var duplicateRuns = Enumerable.Range(0, Duplicates).Select(i => CompleteAsync(_officers[i % 3], contested.TaskId, $"dup-{i}")).ToList();
        var differentResults = await Task.WhenAll(differentRuns);
        var duplicateResults = await Task.WhenAll(duplicateRuns);

        Assert.All(differentResults, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, duplicateResults.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Duplicates - 1, duplicateResults.Count(s => s == HttpStatusCode.Conflict));

        foreach (var (instanceId, _) in started)
        {
            var completed = await CompletedActivitiesAsync(instanceId);
            Assert.Equal(1, completed.Count(a => a == "review"));
            Assert.Equal(1, completed.Count(a => a == "approved"));
        }

        var audit = (await _officers[2].GetJsonAsync($"/api/tasks/{contested.TaskId}"))["audit"]!.AsArray();
        Assert.Equal(1, audit.Count(a => a!["action"]!.GetValue<string>() == "Completed"));
        var done = await _officers[2].GetJsonAsync("/api/tasks?view=completed&pageSize=1");
        Assert.Equal(Tasks + 1, done["totalCount"]!.GetValue<int>());
        var open = await _officers[2].GetJsonAsync("/api/tasks?view=active&pageSize=1");
        Assert.Equal(0, open["totalCount"]!.GetValue<int>());
    }
}
