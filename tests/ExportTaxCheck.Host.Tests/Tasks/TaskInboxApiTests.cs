using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Tasks;

/// <summary>The inbox's API: filters with validation, saved filters per officer, bulk claim/assign per task, a supervisor's due date.</summary>
public abstract class TaskInboxApiTests(TestDatabase database) : IAsyncLifetime
{
    private readonly HostFixture _host = new(new Dictionary<string, string?> { ["Workers:Enabled"] = "false" }, database);
    private HttpClient _analyst = null!;
    private HttpClient _tax = null!;
    private HttpClient _tax2 = null!;
    private HttpClient _supervisor = null!;

    public async Task InitializeAsync()
    {
        _analyst = _host.Analyst();
        _tax = _host.WithKey(HostFixture.TaxOfficerKey);
        _tax2 = _host.WithKey(HostFixture.TaxOfficer2Key);
        _supervisor = _host.WithKey(HostFixture.SupervisorKey);
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.HumanTaskFlow("review"), ["publish"] = true });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> StartAsync(string correlationId)
    {
        var started = await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/review/execute", new JsonObject { ["correlationId"] = correlationId });
        return started["workflowState"]!["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>();
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpClient client, HttpMethod method, string url, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = HttpJson.Json(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    [Theory]
    [InlineData("dueFrom=2026-02-30", "dueFrom")]
    [InlineData("dueTo=next-week", "dueTo")]
    [InlineData("dueFrom=2026-12-10&dueTo=2026-12-01", "dueTo")]
    [InlineData("priorityMin=high", "priorityMin")]
    [InlineData("priorityMax=500", "priorityMax")]
    [InlineData("escalated=sometimes", "escalated")]
    [InlineData("sort=colour", "sort")]
    public async Task List_BadFilterValue_Is400ProblemNamingTheField(string query, string field)
    {
        var (status, body) = await SendAsync(_tax, HttpMethod.Get, "/api/tasks?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("FILTER_INVALID", body["code"]!.GetValue<string>());
        Assert.NotNull(body["errors"]![field]);
    }

    [Fact]
    public async Task List_DueRangeAndSortByCase_FilterTheTasks()
    {
        var b = await StartAsync("RC-F-B");
        var a = await StartAsync("RC-F-A");
        var due = (await _tax.GetJsonAsync($"/api/tasks/{a}"))["task"]!["dueAt"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var inRange = await _tax.GetJsonAsync($"/api/tasks?sort=case&dueFrom={due}&dueTo={due}&caseId=");
        var before = await _tax.GetJsonAsync($"/api/tasks?dueTo={DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1):yyyy-MM-dd}");

        Assert.Equal([a, b], inRange["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToArray());
        Assert.Equal(0, before["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task SavedFilters_ArePerOfficer_SameNameReplaces_OthersGet404()
    {
        var (createdStatus, created) = await SendAsync(_tax, HttpMethod.Post, "/api/tasks/filters", new JsonObject { ["name"] = "Mine by case", ["query"] = "tab=mine&sort=case" });
        var (replacedStatus, replaced) = await SendAsync(_tax, HttpMethod.Post, "/api/tasks/filters", new JsonObject { ["name"] = "Mine by case", ["query"] = "view=mine&sort=due" });
        var id = created["id"]!.GetValue<long>();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (createdStatus, replacedStatus));
        Assert.Equal(id, replaced["id"]!.GetValue<long>());
        Assert.Equal("view=mine&sort=due", (await _tax.GetJsonAsync("/api/tasks/filters"))[0]!["query"]!.GetValue<string>());
        Assert.Empty((await _tax2.GetJsonAsync("/api/tasks/filters")).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(_tax2, HttpMethod.Delete, $"/api/tasks/filters/{id}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(_tax, HttpMethod.Post, "/api/tasks/filters", new JsonObject { ["name"] = "x", ["query"] = "dueFrom=soon" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(_tax, HttpMethod.Post, "/api/tasks/filters", new JsonObject { ["name"] = "", ["query"] = "view=mine" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(_tax, HttpMethod.Delete, $"/api/tasks/filters/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(_tax, HttpMethod.Delete, $"/api/tasks/filters/{id}")).Status);
    }

    [Fact]
    public async Task BulkClaim_AnswersPerTask_AndBadListsAre400()
    {
        var free = await StartAsync("RC-BULK-1");
        var taken = await StartAsync("RC-BULK-2");
        await _tax2.PostJsonAsync($"/api/tasks/{taken}/claim", new JsonObject());

        var (status, body) = await SendAsync(_tax, HttpMethod.Post, "/api/tasks/bulk/claim", new JsonObject { ["taskIds"] = new JsonArray(free, taken, "no-such-task") });

        Assert.Equal(HttpStatusCode.OK, status);
        var results = body.AsArray().Select(r => (r!["taskId"]!.GetValue<string>(), r["ok"]!.GetValue<bool>(), r["status"]?.GetValue<int>())).ToArray();
        Assert.Equal([(free, true, (int?)null), (taken, false, 409), ("no-such-task", false, 404)], results);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(_tax, HttpMethod.Post, "/api/tasks/bulk/claim", new JsonObject { ["taskIds"] = new JsonArray() })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(_tax, HttpMethod.Post, "/api/tasks/bulk/claim", new JsonObject { ["taskIds"] = "one" })).Status);
    }

    [Fact]
    public async Task BulkAssign_BySupervisor_AssignsEach_AnOfficerGetsPerTask403()
    {
        var a = await StartAsync("RC-BULK-3");
        var b = await StartAsync("RC-BULK-4");

        var assigned = await _supervisor.PostJsonAsync("/api/tasks/bulk/assign", new JsonObject { ["taskIds"] = new JsonArray(a, b), ["assignee"] = "tax.officer2" });
        var (_, byOfficer) = await SendAsync(_tax, HttpMethod.Post, "/api/tasks/bulk/assign", new JsonObject { ["taskIds"] = new JsonArray(a), ["assignee"] = "tax.officer" });

        Assert.All(assigned.AsArray(), r => Assert.Equal("tax.officer2", r!["task"]!["assignee"]!.GetValue<string>()));
        Assert.Equal(403, byOfficer[0]!["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(_supervisor, HttpMethod.Post, "/api/tasks/bulk/assign", new JsonObject { ["taskIds"] = new JsonArray(a), ["assignee"] = "nobody" })).Status);
    }

    [Fact]
    public async Task Due_SupervisorMovesIt_Audited_OfficersGet403_BadValues400_Unknown404()
    {
        var taskId = await StartAsync("RC-DUE");
        var newDue = _host.Clock.GetUtcNow().AddDays(7);

        var moved = await _supervisor.PostJsonAsync($"/api/tasks/{taskId}/due", new JsonObject { ["dueAt"] = newDue.ToString("O") });

        Assert.Equal(newDue, moved["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains("DueChanged", (await _supervisor.GetJsonAsync($"/api/tasks/{taskId}"))["audit"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(_tax, HttpMethod.Post, $"/api/tasks/{taskId}/due", new JsonObject { ["dueAt"] = newDue.ToString("O") })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(_supervisor, HttpMethod.Post, $"/api/tasks/{taskId}/due", new JsonObject { ["dueAt"] = "Friday" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(_supervisor, HttpMethod.Post, $"/api/tasks/{taskId}/due", new JsonObject { ["dueAt"] = "2020-01-01T10:00" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(_supervisor, HttpMethod.Post, "/api/tasks/no-such-task/due", new JsonObject { ["dueAt"] = newDue.ToString("O") })).Status);
    }
}
