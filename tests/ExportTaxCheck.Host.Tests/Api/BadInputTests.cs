using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>Malformed, unknown and out-of-order requests get a ProblemDetails with the right status, never a 500, and change nothing.</summary>
public class BadInputTests(BadInputTests.SeededHost seeded) : IClassFixture<BadInputTests.SeededHost>
{
    private readonly HttpClient _client = seeded.Client;
    private readonly HostFixture _host = seeded.Host;
    private string FinishedInstance => seeded.FinishedInstance;
    private string SpentTask => seeded.SpentTask;

    /// <summary>One Host for the whole suite: a published and a draft definition, and one instance whose task is spent.</summary>
    public sealed class SeededHost : IAsyncLifetime
    {
        public HostFixture Host { get; } = new();
        public HttpClient Client { get; private set; } = null!;
        public string FinishedInstance { get; private set; } = "";
        public string SpentTask { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Client = Host.Analyst();
            await Client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("known"), ["publish"] = true });
            await Client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("draft-only"), ["publish"] = false });
            var started = await Client.PostJsonAsync("/elsa/api/workflow-definitions/known/execute", new JsonObject());
            FinishedInstance = started["workflowState"]!["id"]!.GetValue<string>();
            SpentTask = started["workflowState"]!["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>();
            await Client.PostJsonAsync($"/elsa/api/tasks/{SpentTask}/complete", new JsonObject(), "first-completion");
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private static string Definition(string root) => $$"""{ "definitionId": "bad", "root": {{root}} }""";

    // Import keeps the file's isPublished (a draft stays a draft, and drafts may be incomplete), so the files that must be
    // refused say they are published.
    private static string PublishedDefinition(string root) => $$"""{ "definitionId": "bad", "isPublished": true, "root": {{root}} }""";

    public static TheoryData<string, string, string?, int> Cases() => new()
    {
        // Definitions: malformed bodies and definitions.
        { "POST", "/elsa/api/workflow-definitions", "{not json", 400 },
        { "POST", "/elsa/api/workflow-definitions", "[1,2,3]", 400 },
        { "POST", "/elsa/api/workflow-definitions", "", 400 },
        { "POST", "/elsa/api/workflow-definitions", "{\"model\": 42}", 400 },
        { "POST", "/elsa/api/workflow-definitions", "{\"model\": {\"definitionId\": \"x\"}}", 400 },
        { "POST", "/elsa/api/workflow-definitions", "{\"model\": " + Definition("\"flowchart\"") + "}", 400 },
        { "POST", "/elsa/api/workflow-definitions", "{\"model\": " + Definition("{\"id\":\"r\",\"type\":\"Elsa.Flowchart\",\"activities\":\"nope\"}") + "}", 400 },
        { "POST", "/elsa/api/workflow-definitions", "{\"model\": " + Definition("{\"id\":\"r\",\"type\":\"Elsa.Flowchart\",\"activities\":[],\"connections\":[{\"source\":7}]}") + "}", 400 },
        { "POST", "/elsa/api/workflow-definitions", "{\"model\": " + Definition("{\"id\":\"r\",\"type\":\"Elsa.Flowchart\",\"activities\":[{\"id\":\"a\",\"type\":\"Elsa.Nope\"}],\"connections\":[]}") + ", \"publish\": true}", 400 },
        { "POST", "/elsa/api/workflow-definitions", "{\"model\": " + Definition("{\"id\":\"r\",\"type\":\"Elsa.Flowchart\",\"activities\":[],\"connections\":[]}") + ", \"publish\": \"yes\"}", 400 },
        { "POST", "/elsa/api/workflow-definitions", "{\"model\": " + Definition("{\"id\":\"r\",\"type\":\"Elsa.Flowchart\",\"activities\":[{\"id\":\"d\",\"type\":\"Elsa.FlowSwitch\",\"cases\":\"x\"}],\"connections\":[]}") + ", \"publish\": true}", 400 },
        { "POST", "/elsa/api/workflow-definitions/import", "{\"definitionId\": \"x\", \"root\": null}", 400 },
        { "POST", "/elsa/api/workflow-definitions/import", "{\"definitionId\": \"x\", \"version\": \"one\", \"root\": {}}", 400 },
        { "POST", "/elsa/api/workflow-definitions/import", new string('[', 5000) + new string(']', 5000), 400 },
        { "POST", "/elsa/api/workflow-definitions/import", PublishedDefinition("{\"id\":\"r\",\"type\":\"Elsa.Flowchart\",\"activities\":[{\"id\":\"a\",\"type\":\"Elsa.WriteLine\"},{\"id\":\"a\",\"type\":\"Elsa.WriteLine\"}],\"connections\":[]}"), 400 },
        { "POST", "/elsa/api/workflow-definitions/import", PublishedDefinition("{\"id\":\"r\",\"type\":\"Elsa.Flowchart\",\"activities\":[{\"id\":\"a\",\"type\":\"Elsa.WriteLine\",\"text\":{\"typeName\":\"String\",\"expression\":{\"type\":\"JavaScript\",\"value\":\"(((\"}}}],\"connections\":[]}"), 400 },
        { "GET", "/elsa/api/workflow-definitions/by-definition-id/unknown", null, 404 },
        { "GET", "/elsa/api/workflow-definitions/by-definition-id/known?versionOptions=Sometimes", null, 400 },
        { "GET", "/elsa/api/workflow-definitions/by-id/unknown", null, 404 },
        { "GET", "/elsa/api/workflow-definitions?pageSize=0", null, 400 },
        { "GET", "/elsa/api/workflow-definitions?page=-1", null, 400 },
        { "GET", "/elsa/api/workflow-definitions?page=abc", null, 400 },
        { "GET", "/elsa/api/workflow-definitions/validation/is-name-unique", null, 400 },
        { "GET", "/elsa/api/workflow-definitions/unknown/versions", null, 404 },
        { "POST", "/elsa/api/workflow-definitions/unknown/publish", null, 404 },
        { "POST", "/elsa/api/workflow-definitions/unknown/retract", null, 404 },
        { "POST", "/elsa/api/workflow-definitions/draft-only/retract", null, 409 },
        { "DELETE", "/elsa/api/workflow-definitions/unknown", null, 404 },
        { "POST", "/elsa/api/workflow-definitions/unknown/execute", "{}", 404 },
        { "POST", "/elsa/api/workflow-definitions/draft-only/execute", "{}", 404 },
        { "POST", "/elsa/api/workflow-definitions/known/execute", "{\"input\": [1]}", 400 },
        { "POST", "/elsa/api/workflow-definitions/known/execute", "{\"versionOptions\": 7}", 400 },
        { "POST", "/elsa/api/workflow-definitions/known/execute", "{\"triggerActivityId\": \"ghost\"}", 400 },
        { "POST", "/elsa/api/workflow-definitions/known/execute", "{oops", 400 },
        { "POST", "/elsa/api/workflow-definitions/unknown/dispatch", "{}", 404 },
        { "GET", "/elsa/api/workflow-definitions/unknown/export", null, 404 },
        // Instances.
        { "GET", "/elsa/api/workflow-instances/unknown", null, 404 },
        { "POST", "/elsa/api/workflow-instances/unknown/cancel", null, 404 },
        { "POST", "/elsa/api/workflow-instances/unknown/journal", "{}", 404 },
        { "GET", "/elsa/api/workflow-instances/unknown/variables", null, 404 },
        { "POST", "/elsa/api/workflow-instances", "{\"statuses\": [\"Sleeping\"]}", 400 },
        { "POST", "/elsa/api/workflow-instances", "{\"pageSize\": -5}", 400 },
        { "POST", "/elsa/api/workflow-instances", "{\"definitionIds\": \"known\"}", 400 },
        { "GET", "/elsa/api/activity-executions/list", null, 400 },
        { "GET", "/elsa/api/activity-executions/list?workflowInstanceId=unknown", null, 404 },
        { "POST", "/elsa/api/activity-executions/report", "{}", 400 },
        // Runtime commands.
        { "POST", "/elsa/api/tasks/unknown/complete", "{}", 404 },
        { "POST", "/elsa/api/tasks/unknown/complete", "[]", 400 },
        { "POST", "/elsa/api/bookmarks/unknown/resume", "{}", 404 },
        { "POST", "/elsa/api/bookmarks/unknown/resume", "{\"input\": 3}", 400 },
        { "POST", "/elsa/api/events/paid/trigger", "\"text\"", 400 },
        { "POST", "/elsa/api/events/paid/trigger", "{\"input\": \"x\"}", 400 },
        { "GET", "/elsa/api/descriptors/activities/Elsa.Nope", null, 404 },
        { "GET", "/elsa/api/no-such-endpoint", null, 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_Bad_IsProblemDetailsWithStatus(string method, string url, string? body, int expected)
    {
        var before = await CountsAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
            request.Content = HttpJson.Json(body);

        using var response = await _client.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task CompleteTask_AlreadyCompleted_Is409()
    {
        var response = await _client.PostAsync($"/elsa/api/tasks/{SpentTask}/complete", HttpJson.Json("{}"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("BOOKMARK_SPENT", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task CancelInstance_AlreadyFinished_Is409()
    {
        var response = await _client.PostAsync($"/elsa/api/workflow-instances/{FinishedInstance}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task IdempotencyKey_ReusedWithAnotherBody_Is422()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/elsa/api/tasks/{SpentTask}/complete") { Content = HttpJson.Json("{\"result\": \"different\"}") };
        request.Headers.Add("Idempotency-Key", "first-completion");

        var response = await _client.SendAsync(request);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task IdempotencyKey_TooLong_Is400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/elsa/api/tasks/{SpentTask}/complete") { Content = HttpJson.Json("{}") };
        request.Headers.Add("Idempotency-Key", new string('k', 201));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Body_OverFourMiB_Is413()
    {
        var response = await _client.PostAsync("/elsa/api/workflow-definitions/import", HttpJson.Json("{\"pad\":\"" + new string('x', 5 * 1024 * 1024) + "\"}"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ApiKey wrong-key-wrong-key-wrong")]
    [InlineData("Bearer something")]
    public async Task ElsaApi_WithoutValidKey_Is401(string? authorization)
    {
        using var client = _host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/elsa/api/workflow-definitions");
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> CountsAsync()
    {
        var definitions = await _client.GetJsonAsync("/elsa/api/workflow-definitions?versionOptions=All");
        var instances = await _client.PostJsonAsync("/elsa/api/workflow-instances", new JsonObject { ["pageSize"] = 1 });
        return $"{definitions["totalCount"]}/{instances["totalCount"]}";
    }
}
