using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// Through the API an analyst uses: a flow with a 1 ms Delay or Timer is not published (400 naming the activity), and a
/// flow whose Liquid would take the Host's memory ends faulted with an incident naming the activity and the bound.
/// </summary>
public sealed class FlowLimitsApiTests : IAsyncLifetime
{
    private readonly HostFixture _host = new();
    private HttpClient _analyst = null!;

    public Task InitializeAsync()
    {
        _analyst = _host.Analyst();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("Elsa.Delay", "timeSpan")]
    [InlineData("Elsa.Timer", "interval")]
    public async Task Publish_OneMillisecondWait_Is400NamingTheActivity(string type, string input)
    {
        var flow = Flows.Flowchart("fast", [new JsonObject { ["id"] = "nap", ["type"] = type, [input] = Flows.Input("TimeSpan", "Literal", "00:00:00.001") }], []);
        // A file imported as published is validated as a publish is (a draft stays a draft, as Elsa's import keeps it).
        flow["isPublished"] = true;

        using var response = await _analyst.PostAsync("/elsa/api/workflow-definitions/import", HttpJson.Json(flow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync())["errors"]!.AsArray().Single()!;
        Assert.Equal("IntervalTooShort", error["code"]!.GetValue<string>());
        Assert.Equal("nap", error["activityId"]!.GetValue<string>());
    }

    [Fact]
    public async Task LiquidMemoryBomb_EndsFaulted_WithAnIncidentNamingTheActivityAndTheBound()
    {
        const string bomb = "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..16) %}{% assign s = s | append: s %}{% endfor %}{% assign a = '' | split: ',' %}"
                            + "{% for i in (1..3000) %}{% assign t = s | append: i | split: '§' %}{% assign a = a | concat: t %}{% endfor %}{{ a | size }}";
        var flow = Flows.Flowchart("bomb", [new JsonObject { ["id"] = "boom", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "Liquid", bomb) }], []);
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = flow, ["publish"] = true });

        var state = (await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/bomb/execute", new JsonObject()))["workflowState"]!;

        Assert.Equal("Faulted", state["subStatus"]!.GetValue<string>());
        var incident = state["incidents"]!.AsArray().Single()!;
        Assert.Equal("boom", incident["activityId"]!.GetValue<string>());
        Assert.Equal("Input 'text' of activity 'boom': Liquid template allocated more than 32 MiB.", incident["message"]!.GetValue<string>());
    }
}
