using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ExportTaxCheck.Engine.Tests.Support.Nodes;

namespace ExportTaxCheck.Engine.Tests.Activities;

/// <summary>
/// Elsa.FlowSendHttpRequest and Elsa.SendHttpRequest against a scripted server (no network): ports by status code, the
/// parsed response, and the durable retry policy (a failed attempt waits on a timer, the spent policy takes the port).
/// </summary>
public class HttpRequestActivityTests : IAsyncLifetime
{
    private readonly ScriptedServer _server = new();
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync(services => services.AddSingleton<HttpMessageHandler>(_server));

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private static FlowBuilder Request(string id, string expected, JsonObject? retryPolicy = null) => new FlowBuilder(id).Variable("Body", "Object")
        .Add("call", "Elsa.FlowSendHttpRequest", n =>
        {
            n.SetInput("url", "String", "Literal", "http://customs.example/api/check");
            n.SetInput("method", "String", "Literal", "POST");
            n.SetInput("contentType", "String", "Literal", "application/json");
            n.SetInput("content", "Object", "JavaScript", "({ caseId: 'RC-1' })");
            n.SetInput("expectedStatusCodes", "String[]", "Object", expected);
            n.SetProperty("parsedContent", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "var-Body" } });
            if (retryPolicy is not null)
                n.CustomProperties = new JsonObject { ["retryPolicy"] = retryPolicy };
        })
        .WriteLine("ok", "'200 ' + getBody().result", "JavaScript")
        .WriteLine("unmatched", "unmatched").WriteLine("failed", "failed to connect").WriteLine("done", "done")
        .Connect("call", "ok", "200").Connect("call", "unmatched", "Unmatched status code").Connect("call", "failed", "Failed to connect")
        .Connect("call", "done", "Done");

    [Fact]
    public async Task ExpectedStatus_TakesItsPortAndDone_WithTheParsedBody()
    {
        _server.Respond(HttpStatusCode.OK, "{\"result\":\"matched\"}");
        await _engine.PublishAsync(Request("ok", "[200]").Build());

        var result = await _engine.StartAsync("ok");

        Assert.Equal(["200 matched", "done"], result.Lines);
        var sent = Assert.Single(_server.Requests);
        Assert.Equal("POST http://customs.example/api/check {\"caseId\":\"RC-1\"}", sent);
    }

    [Fact]
    public async Task OtherStatus_TakesUnmatched()
    {
        _server.Respond(HttpStatusCode.NotFound, "");
        await _engine.PublishAsync(Request("unmatched", "[200]").Build());

        var result = await _engine.StartAsync("unmatched");

        Assert.Equal(["unmatched", "done"], result.Lines);
    }

    [Fact]
    public async Task WithoutRetryPolicy_AFailureTakesFailedToConnect_AtOnce()
    {
        _server.Fail();
        await _engine.PublishAsync(Request("once", "[200]").Build());

        var result = await _engine.StartAsync("once");

        Assert.Equal(["failed to connect"], result.Lines);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task RetryPolicy_RetriesOnADurableTimer_UntilTheServerAnswers()
    {
        _server.Fail();
        _server.Respond(HttpStatusCode.ServiceUnavailable, "");
        _server.Respond(HttpStatusCode.OK, "{\"result\":\"third time\"}");
        await _engine.PublishAsync(Request("retried", "[200]", new JsonObject { ["maxAttempts"] = 3, ["initialInterval"] = "00:00:10" }).Build());

        var started = await _engine.StartAsync("retried");
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
        Assert.Single(started.Bookmarks, b => b.DueAt is not null);

        Assert.Equal(1, await _engine.AdvanceAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await _engine.AdvanceAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(["200 third time", "done"], await _engine.LinesAsync(started.InstanceId));
    }

    [Fact]
    public async Task RetryPolicySpentOnTransientStatus_HandlesTheLastResponse()
    {
        _server.Respond(HttpStatusCode.ServiceUnavailable, "");
        _server.Respond(HttpStatusCode.ServiceUnavailable, "");
        await _engine.PublishAsync(Request("spent", "[200]", new JsonObject { ["maxAttempts"] = 2, ["initialInterval"] = "00:00:05" }).Build());

        var started = await _engine.StartAsync("spent");
        await _engine.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["unmatched", "done"], await _engine.LinesAsync(started.InstanceId));
    }

    [Fact]
    public async Task SendHttpRequest_RunsTheActivityOfTheStatusCode()
    {
        _server.Respond(HttpStatusCode.Accepted, "");
        await _engine.PublishAsync(new FlowBuilder("structured")
            .Add("call", "Elsa.SendHttpRequest", n =>
            {
                n.SetInput("url", "String", "Literal", "http://customs.example/api/check");
                n.SetProperty("expectedStatusCodes", new JsonArray(
                    new JsonObject { ["statusCode"] = 200, ["activity"] = WriteLine("on200", "ok") },
                    new JsonObject { ["statusCode"] = 202, ["activity"] = WriteLine("on202", "accepted") }));
                n.SetProperty("unmatchedStatusCode", WriteLine("other", "other"));
            })
            .WriteLine("after", "after").Connect("call", "after").Build());

        var result = await _engine.StartAsync("structured");

        Assert.Equal(["accepted", "after"], result.Lines);
    }

    /// <summary>Answers each request with the next scripted response (or a connection failure), recording what was sent.</summary>
    private sealed class ScriptedServer : HttpMessageHandler
    {
        private readonly Queue<Func<HttpResponseMessage>> _answers = new();

        public List<string> Requests { get; } = [];

        public void Respond(HttpStatusCode status, string json) =>
            _answers.Enqueue(() => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

        public void Fail() => _answers.Enqueue(() => throw new HttpRequestException("Connection refused"));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : " " + await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add($"{request.Method} {request.RequestUri}{body}");
            return _answers.Count > 0 ? _answers.Dequeue()() : new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }
    }
}
