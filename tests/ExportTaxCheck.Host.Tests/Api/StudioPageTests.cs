using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>The page at /studio: our definitions list around Elsa Studio, the editor of one definition, Studio's own list.</summary>
public class StudioPageTests(StudioPageTests.Shared shared) : IClassFixture<StudioPageTests.Shared>
{
    private readonly HttpClient _analyst = shared.Analyst;

    public sealed class Shared : IAsyncLifetime
    {
        public HostFixture Host { get; } = new();
        public HttpClient Analyst { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var api = Host.Analyst();
            var draft = Flows.TaskFlow("zz-draft");
            draft["name"] = "Zeta <draft> & co";
            draft["description"] = "Waits on a task <b>first</b>";
            await api.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("approval"), ["publish"] = true });
            await api.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = draft, ["publish"] = false });
            // A published definition edited since: latest is a draft v2, new instances still use v1.
            var edited = Flows.TaskFlow("edited");
            edited["name"] = "Edited flow";
            await api.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = edited, ["publish"] = true });
            await api.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = edited.DeepClone(), ["publish"] = false });
            Analyst = await Host.SignedInBrowserAsync("analyst");
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private static string[] Rows(string html) =>
        Regex.Matches(html, "<tr data-definition-id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();

    private static string Row(string html, string definitionId) =>
        Regex.Match(html, $"<tr data-definition-id=\"{Regex.Escape(definitionId)}\".*?</tr>", RegexOptions.Singleline).Value;

    private static JsonNode Config(string html) =>
        JsonNode.Parse(Regex.Match(html, "<script type=\"application/json\" id=\"studio-config\">(?<config>.*?)</script>", RegexOptions.Singleline).Groups["config"].Value)!;

    [Fact]
    public async Task List_ShowsEachDefinitionByName_WithItsLatestAndPublishedVersion()
    {
        var html = await _analyst.GetStringAsync("/studio");

        Assert.Equal(["approval", "edited", "zz-draft"], Rows(html));
        Assert.Contains("<a href=\"/studio?definitionId=approval\">approval</a>", Row(html, "approval"));
        Assert.Matches(@"data-label=""Latest"">v2 <span class=""draft"">draft</span></td><td data-label=""Published"">v1</td>", Row(html, "edited"));
        Assert.Matches(@"data-label=""Latest"">v1 <span class=""draft"">draft</span></td><td data-label=""Published"">—</td>", Row(html, "zz-draft"));
        Assert.Contains("data-label=\"Saved\">2026-08-01 ", Row(html, "approval"));
        Assert.Equal("list", Config(html)["view"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_EncodesNamesAndDescriptions()
    {
        var row = Row(await _analyst.GetStringAsync("/studio"), "zz-draft");

        Assert.Contains(">Zeta &lt;draft&gt; &amp; co</a>", row);
        Assert.Contains("data-name=\"Zeta &lt;draft&gt; &amp; co\"", row);
        Assert.Contains("Waits on a task &lt;b&gt;first&lt;/b&gt;", row);
        Assert.DoesNotContain("<b>", row);
    }

    [Fact]
    public async Task Page_PointsStudioAtThisHost_AndLinksNothingOutside()
    {
        var html = await _analyst.GetStringAsync("/studio");

        var config = Config(html);
        Assert.Equal(new Uri(_analyst.BaseAddress!, "/elsa/api").ToString(), config["remoteEndpoint"]!.GetValue<string>());
        // The signed-in analyst's own token (StudioCredentialTests), never the shared analyst key.
        Assert.StartsWith("studio.", config["apiKey"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("<base href=\"/studio/\"/>", html);
        var addresses = Regex.Matches(html, "(?:href|src)=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.DoesNotMatch("^(https?:)?//", a));
        foreach (var local in addresses.Where(a => a.StartsWith('/') && a.Contains('.')))
            Assert.Equal(HttpStatusCode.OK, (await _analyst.GetAsync(local)).StatusCode);
    }

    [Fact]
    public async Task Editor_OfAKnownDefinition_CarriesItsIdAndName()
    {
        using var response = await _analyst.GetAsync("/studio?definitionId=edited");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var config = Config(html);
        Assert.Equal("editor", config["view"]!.GetValue<string>());
        Assert.Equal("edited", config["definitionId"]!.GetValue<string>());
        Assert.Equal("Edited flow", config["name"]!.GetValue<string>());
        Assert.Contains("<title>Edited flow · ExportTaxCheck Studio</title>", html);
        Assert.Empty(Rows(html));
    }

    [Fact]
    public async Task Editor_OfAnUnknownDefinition_Is404_WithTheListAndANotice()
    {
        using var response = await _analyst.GetAsync("/studio?definitionId=" + Uri.EscapeDataString("no-such <flow>"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is no workflow definition &#x27;no-such &lt;flow&gt;&#x27;.", html);
        Assert.Equal(["approval", "edited", "zz-draft"], Rows(html));
    }

    [Fact]
    public async Task StudioListView_LeavesTheListToStudio()
    {
        var html = await _analyst.GetStringAsync("/studio?view=definitions");

        Assert.Equal("definitions", Config(html)["view"]!.GetValue<string>());
        Assert.Empty(Rows(html));
    }

    [Fact]
    public async Task InstancesView_LeavesTheListToStudio_AndAnInstanceOpensInStudiosViewer()
    {
        var instances = Config(await _analyst.GetStringAsync("/studio?view=instances"));
        var api = shared.Host.Analyst();
        var started = await api.PostJsonAsync("/elsa/api/workflow-definitions/approval/execute", new JsonObject(), Guid.NewGuid().ToString());
        var instanceId = started["workflowState"]!["id"]!.GetValue<string>();

        var viewer = Config(await _analyst.GetStringAsync($"/studio?instanceId={instanceId}"));
        using var unknown = await _analyst.GetAsync("/studio?instanceId=" + Uri.EscapeDataString("no <such>"));

        Assert.Equal("instances", instances["view"]!.GetValue<string>());
        Assert.Equal("instance", viewer["view"]!.GetValue<string>());
        Assert.Equal(instanceId, viewer["instanceId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no workflow instance &#x27;no &lt;such&gt;&#x27;.", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_IsForAnalystsOnly()
    {
        using var anonymous = await shared.Host.Browser().GetAsync("/studio");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/signin", anonymous.Headers.Location!.ToString());

        var officer = await shared.Host.SignedInBrowserAsync("customs.officer");
        using var denied = await officer.GetAsync("/studio");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.DoesNotContain(TestKeys.Analyst, await denied.Content.ReadAsStringAsync());
    }
}
