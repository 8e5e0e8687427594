using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Tasks;

/// <summary>The officers' task API: inbox views, claim, release, assign, comments, completion, timers and who may do what.</summary>
public abstract class TaskApiTests(TestDatabase database) : IAsyncLifetime
{
    // Timers are fired by the test (moving the clock), not by the background worker.
    private readonly HostFixture _host = new(new Dictionary<string, string?> { ["Workers:Enabled"] = "false" }, database);
    private HttpClient _analyst = null!;
    private HttpClient _tax = null!;
    private HttpClient _tax2 = null!;
    private HttpClient _customs = null!;
    private HttpClient _supervisor = null!;

    public async Task InitializeAsync()
    {
        _analyst = _host.Analyst();
        _tax = _host.WithKey(HostFixture.TaxOfficerKey);
        _tax2 = _host.WithKey(HostFixture.TaxOfficer2Key);
        _customs = _host.WithKey(HostFixture.CustomsOfficerKey);
        _supervisor = _host.WithKey(HostFixture.SupervisorKey);
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.HumanTaskFlow("review"), ["publish"] = true });
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions",
            new JsonObject { ["model"] = Flows.HumanTaskFlow("customs-review", "CustomsOfficer", candidateUsers: "tax.officer2"), ["publish"] = true });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(string InstanceId, string TaskId)> StartAsync(string definitionId = "review", string correlationId = "RC-1")
    {
        var started = await _analyst.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", new JsonObject { ["correlationId"] = correlationId });
        var state = started["workflowState"]!;
        return (state["id"]!.GetValue<string>(), state["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpClient client, HttpMethod method, string url, JsonNode? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = HttpJson.Json(body);
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    private static Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient client, string url, JsonNode? body = null, string? key = null) =>
        SendAsync(client, HttpMethod.Post, url, body ?? new JsonObject(), key);

    private static async Task<List<string>> IdsAsync(HttpClient client, string query)
    {
        var page = await client.GetJsonAsync("/api/tasks?" + query);
        return page["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
    }

    private static async Task<List<string>> AuditAsync(HttpClient client, string taskId) =>
        (await client.GetJsonAsync($"/api/tasks/{taskId}"))["audit"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ToList();

    private static JsonObject Approve() => new() { ["outcome"] = "Approve" };

    [Fact]
    public async Task NewTask_IsAvailableToItsRoleOnly_WithDueDateAndCreatedAudit()
    {
        var (_, taskId) = await StartAsync(correlationId: "RC-VISIBLE");

        Assert.Contains(taskId, await IdsAsync(_tax, "view=available"));
        var task = await _tax.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal("Review RC-VISIBLE", task["task"]!["title"]!.GetValue<string>());
        Assert.Equal("RC-VISIBLE", task["task"]!["caseId"]!.GetValue<string>());
        Assert.Equal(_host.Clock.GetUtcNow().AddDays(1), task["task"]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["Created"], (await AuditAsync(_tax, taskId)).ToArray());
        Assert.True(task["permissions"]!["claim"]!.GetValue<bool>());

        Assert.DoesNotContain(taskId, await IdsAsync(_customs, "view=available"));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(_customs, HttpMethod.Get, $"/api/tasks/{taskId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(_customs, $"/api/tasks/{taskId}/claim")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(_host.WithKey(HostFixture.ExporterKey), HttpMethod.Get, "/api/tasks")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(_host.Anonymous(), HttpMethod.Get, "/api/tasks")).Status);
    }

    [Fact]
    public async Task Claimed_OthersCannotClaimOrComplete_UntilReleased()
    {
        var (_, taskId) = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_tax, $"/api/tasks/{taskId}/claim")).Status);
        Assert.Contains(taskId, await IdsAsync(_tax, "view=mine"));
        Assert.DoesNotContain(taskId, await IdsAsync(_tax2, "view=available"));

        var claim = await PostAsync(_tax2, $"/api/tasks/{taskId}/claim");
        Assert.Equal(HttpStatusCode.Conflict, claim.Status);
        Assert.Equal("TASK_CLAIMED", claim.Body["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(_tax2, $"/api/tasks/{taskId}/complete", Approve(), "k-" + taskId)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_tax2, $"/api/tasks/{taskId}/release")).Status);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_tax, $"/api/tasks/{taskId}/release")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_tax2, $"/api/tasks/{taskId}/claim")).Status);
        Assert.Equal(["Created", "Claimed", "Released", "Claimed"], (await AuditAsync(_tax2, taskId)).ToArray());
    }

    [Fact]
    public async Task Supervisor_Assigns_AssigneeDelegates_AndAssigneesMustHoldTheRole()
    {
        var (_, taskId) = await StartAsync(correlationId: "RC-ASSIGN");

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_tax, $"/api/tasks/{taskId}/assign", new JsonObject { ["assignee"] = "tax.officer2" })).Status);
        var wrongRole = await PostAsync(_supervisor, $"/api/tasks/{taskId}/assign", new JsonObject { ["assignee"] = "customs.officer" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongRole.Status);
        Assert.Equal("ASSIGNEE_NOT_CANDIDATE", wrongRole.Body["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(_supervisor, $"/api/tasks/{taskId}/assign", new JsonObject { ["assignee"] = "nobody" })).Status);

        var assigned = await _supervisor.PostJsonAsync($"/api/tasks/{taskId}/assign", new JsonObject { ["assignee"] = "tax.officer" });
        Assert.Equal("tax.officer", assigned["assignee"]!.GetValue<string>());
        var notices = await _tax.GetJsonAsync("/api/notifications");
        Assert.Contains(notices.AsArray(), n => n!["kind"]!.GetValue<string>() == "Assigned" && n["taskId"]!.GetValue<string>() == taskId);

        await _tax.PostJsonAsync($"/api/tasks/{taskId}/assign", new JsonObject { ["assignee"] = "tax.officer2" });
        Assert.Contains(taskId, await IdsAsync(_tax2, "view=mine"));
        Assert.Equal(["Created", "Assigned", "Delegated"], (await AuditAsync(_supervisor, taskId)).ToArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_tax, $"/api/tasks/{taskId}/assign", new JsonObject { ["assignee"] = "tax.officer" })).Status);

        // A supervisor can complete a task someone else holds.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_supervisor, $"/api/tasks/{taskId}/complete", Approve(), "sup-" + taskId)).Status);
    }

    [Fact]
    public async Task Complete_ValidatesTheForm_ReplaysTheSameKey_AndRefusesASecondCompletion()
    {
        var (instanceId, taskId) = await StartAsync();

        var invalid = await PostAsync(_tax, $"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = "Reject" }, "bad-" + taskId);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("FORM_INVALID", invalid.Body["code"]!.GetValue<string>());
        Assert.Equal("Reason is required.", invalid.Body["errors"]!["reason"]![0]!.GetValue<string>());
        Assert.Equal("Open", (await _tax.GetJsonAsync($"/api/tasks/{taskId}"))["task"]!["status"]!.GetValue<string>());

        var body = new JsonObject { ["outcome"] = "Reject", ["data"] = new JsonObject { ["reason"] = "stamp missing" }, ["comment"] = "see scan page 2" };
        var first = await PostAsync(_tax, $"/api/tasks/{taskId}/complete", body, "done-" + taskId);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Body["replayed"]!.GetValue<bool>());
        var retry = await PostAsync(_tax, $"/api/tasks/{taskId}/complete", body, "done-" + taskId);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.True(retry.Body["replayed"]!.GetValue<bool>());

        var second = await PostAsync(_tax, $"/api/tasks/{taskId}/complete", Approve(), "again-" + taskId);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("TASK_ALREADY_COMPLETED", second.Body["code"]!.GetValue<string>());
        var elsa = await PostAsync(_tax, $"/elsa/api/tasks/{taskId}/complete", new JsonObject { ["result"] = Approve() }, "elsa-" + taskId);
        Assert.Equal(HttpStatusCode.Conflict, elsa.Status);

        var task = await _tax.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal("Completed", task["task"]!["status"]!.GetValue<string>());
        Assert.Equal("Reject", task["task"]!["outcome"]!.GetValue<string>());
        Assert.Equal("tax.officer", task["task"]!["completedBy"]!.GetValue<string>());
        Assert.Equal("stamp missing", task["result"]!["reason"]!.GetValue<string>());
        Assert.Equal(["Created", "Completed"], (await AuditAsync(_tax, taskId)).ToArray());
        Assert.Contains(taskId, await IdsAsync(_tax, "view=completed"));
        Assert.DoesNotContain(taskId, await IdsAsync(_tax2, "view=completed"));

        var journal = await _analyst.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal", new JsonObject { ["pageSize"] = 100 });
        var completed = journal["items"]!.AsArray().Where(r => r!["eventName"]!.GetValue<string>() == "Completed").Select(r => r!["activityId"]!.GetValue<string>()).ToList();
        Assert.Equal(1, completed.Count(a => a == "rejected"));
        Assert.DoesNotContain("approved", completed);
    }

    [Fact]
    public async Task CommentsAndFollowUp_AreKept_AndBadValuesAreRefused()
    {
        var (_, taskId) = await StartAsync();
        await _tax.PostJsonAsync($"/api/tasks/{taskId}/claim", new JsonObject());

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(_customs, $"/api/tasks/{taskId}/comments", new JsonObject { ["text"] = "x" })).Status);
        await _tax.PostJsonAsync($"/api/tasks/{taskId}/comments", new JsonObject { ["text"] = "Called the exporter about the voucher." });
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(_tax, $"/api/tasks/{taskId}/comments", new JsonObject { ["text"] = "  " })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(_tax, $"/api/tasks/{taskId}/follow-up", new JsonObject { ["followUp"] = "03/08/2026" })).Status);
        await _tax.PostJsonAsync($"/api/tasks/{taskId}/follow-up", new JsonObject { ["followUp"] = "2026-08-03" });

        var task = await _tax.GetJsonAsync($"/api/tasks/{taskId}");
        var comment = task["comments"]!.AsArray().Single()!;
        Assert.Equal("tax.officer", comment["author"]!.GetValue<string>());
        Assert.Equal("Called the exporter about the voucher.", comment["text"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 8, 3, 0, 0, 0, TimeSpan.FromHours(8)), task["task"]!["followUpAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["Created", "Claimed", "Commented", "FollowUpSet"], (await AuditAsync(_tax, taskId)).ToArray());
    }

    [Fact]
    public async Task ReminderBeforeDue_ThenEscalationToSupervisor_EachFiresOnce()
    {
        var (_, taskId) = await StartAsync(correlationId: "RC-LATE");
        var timers = _host.Services.GetRequiredService<TaskTimers>();

        _host.Clock.Advance(TimeSpan.FromHours(19));
        Assert.Equal(0, await timers.FireDueAsync(default));

        _host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await timers.FireDueAsync(default));
        Assert.Equal(0, await timers.FireDueAsync(default));
        var reminded = await _tax.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal(_host.Clock.GetUtcNow(), reminded["task"]!["remindedAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains((await _tax.GetJsonAsync("/api/notifications")).AsArray(),
            n => n!["kind"]!.GetValue<string>() == "Reminded" && n["text"]!.GetValue<string>().Contains("RC-LATE"));
        Assert.DoesNotContain(taskId, await IdsAsync(_tax, "view=overdue"));

        _host.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Contains(taskId, await IdsAsync(_tax, "view=overdue"));
        Assert.Equal(0, await timers.FireDueAsync(default));
        _host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await timers.FireDueAsync(default));
        Assert.Equal(0, await timers.FireDueAsync(default));

        var escalated = (await _supervisor.GetJsonAsync($"/api/tasks/{taskId}"))["task"]!;
        Assert.Equal("Supervisor", escalated["escalatedTo"]!.GetValue<string>());
        Assert.Equal(90, escalated["priority"]!.GetValue<int>());
        Assert.Contains(taskId, await IdsAsync(_supervisor, "view=overdue&escalated=true"));
        Assert.Contains((await _supervisor.GetJsonAsync("/api/notifications")).AsArray(), n => n!["kind"]!.GetValue<string>() == "Escalated");
        Assert.Equal(["Created", "Reminded", "Escalated"], (await AuditAsync(_supervisor, taskId)).ToArray());

        // The same notices go by e-mail to the officers they are for: the tax officers, then the supervisors.
        var mails = (await _tax.GetJsonAsync("/api/outbox?caseId=RC-LATE"))["items"]!.AsArray().OrderBy(m => m!["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Equal("tax.officer@officers.example.cn, tax.officer2@officers.example.cn", mails[0]!["to"]!.GetValue<string>());
        Assert.StartsWith("Reminder: \"Review RC-LATE\" for case RC-LATE is still open.", mails[0]!["subject"]!.GetValue<string>());
        Assert.Equal("supervisor@officers.example.cn", mails[1]!["to"]!.GetValue<string>());
        Assert.StartsWith("Overdue: \"Review RC-LATE\"", mails[1]!["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task InboxNotices_ReadInTheOfficersLanguage_NotTheMailsEnglish()
    {
        var (_, taskId) = await StartAsync(correlationId: "RC-NOTICE");
        _host.Clock.Advance(TimeSpan.FromHours(20));
        Assert.Equal(1, await _host.Services.GetRequiredService<TaskTimers>().FireDueAsync(default));
        var officer = await _host.SignedInBrowserAsync("tax.officer");

        var chinese = await Pages.PageHtml.GetAsync(officer, "/inbox");
        var english = await Pages.PageHtml.GetAsync(officer, "/inbox", "en");

        Assert.Contains($"<a href=\"/tasks/{taskId}\">提醒：“Review RC-NOTICE”仍未办结", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Reminder:", chinese, StringComparison.Ordinal);
        Assert.Contains("Reminder: &quot;Review RC-NOTICE&quot; is still open; due", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskNoticeAndMail_NameTheirCaseCaseId_AsTheyAlwaysDid()
    {
        var (_, taskId) = await StartAsync(correlationId: "RC-WIRE");
        _host.Clock.Advance(TimeSpan.FromHours(20));
        Assert.Equal(1, await _host.Services.GetRequiredService<TaskTimers>().FireDueAsync(default));

        var task = (await _tax.GetJsonAsync("/api/tasks?caseId=RC-WIRE"))["items"]!.AsArray().Single()!.AsObject();
        var notice = (await _tax.GetJsonAsync("/api/notifications")).AsArray().Single(n => n!["taskId"]!.GetValue<string>() == taskId)!.AsObject();
        var mail = (await _tax.GetJsonAsync("/api/outbox?caseId=RC-WIRE"))["items"]!.AsArray().Single()!.AsObject();

        foreach (var answer in new[] { task, notice, mail })
        {
            Assert.Equal("RC-WIRE", answer["caseId"]!.GetValue<string>());
            Assert.DoesNotContain(answer, p => p.Key is "correlationId" or "referenceType" or "referenceId");
        }
    }

    [Fact]
    public async Task CandidateUser_TakesATaskOfAnotherRole()
    {
        var (_, taskId) = await StartAsync("customs-review");

        Assert.Contains(taskId, await IdsAsync(_tax2, "view=available"));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(_tax, HttpMethod.Get, $"/api/tasks/{taskId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_tax2, $"/api/tasks/{taskId}/complete", Approve(), "cu-" + taskId)).Status);
        Assert.Equal("tax.officer2", (await _customs.GetJsonAsync($"/api/tasks/{taskId}"))["task"]!["assignee"]!.GetValue<string>());
    }

    [Fact]
    public async Task TaskOfACancelledInstance_IsCancelled_AndCannotBeClaimed()
    {
        var (instanceId, taskId) = await StartAsync();

        await _analyst.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/cancel", new JsonObject());

        var task = await _tax.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal("Cancelled", task["task"]!["status"]!.GetValue<string>());
        Assert.Equal("Cancelled", task["audit"]!.AsArray()[^1]!["action"]!.GetValue<string>());
        var claim = await PostAsync(_tax, $"/api/tasks/{taskId}/claim");
        Assert.Equal(HttpStatusCode.Conflict, claim.Status);
        Assert.Equal("TASK_CANCELLED", claim.Body["code"]!.GetValue<string>());
        Assert.DoesNotContain(taskId, await IdsAsync(_tax, "view=available"));
    }

    [Theory]
    [InlineData("/api/tasks?view=everything")]
    [InlineData("/api/tasks?sort=colour")]
    [InlineData("/api/tasks?page=abc")]
    public async Task BadQuery_Is400(string url) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(_tax, HttpMethod.Get, url)).Status);

    [Fact]
    public async Task UnknownTask_Is404_AndMalformedBody_Is400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(_tax, "/api/tasks/no-such-task/claim")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(_tax, "/api/tasks/no-such-task/complete", Approve(), "k-none")).Status);
        var (_, taskId) = await StartAsync();
        using var malformed = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/complete") { Content = HttpJson.Json("{\"outcome\": ") };
        Assert.Equal(HttpStatusCode.BadRequest, (await _tax.SendAsync(malformed)).StatusCode);
        var badOutcome = await PostAsync(_tax, $"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = "Maybe" }, "maybe-" + taskId);
        Assert.Equal(HttpStatusCode.BadRequest, badOutcome.Status);
        Assert.Equal("OUTCOME_INVALID", badOutcome.Body["code"]!.GetValue<string>());
    }
}
