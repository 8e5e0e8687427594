using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// Studio's instance list and viewer on our instances, in Chromium: the list shows a return case's instance, opening it
/// draws the flow with the path taken marked, the journal pages through the events as the viewer scrolls, and an
/// activity's details open.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioInstancesBrowserTests : IAsyncLifetime
{
    private const string Decl = "530020260001234567";
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;
    private Chromium _chromium = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _host = new HostFixture().WithProductFlows();
        _cases = new CaseDriver(_host);
        _base = _host.Anonymous().BaseAddress!;
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task InstanceList_OpensAReturnCase_PathMarked_JournalScrolls_ActivityDetailsOpen()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 1000));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 100, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 100), CaseDriver.Document("ExportDeclaration", Decl)]));
        var instanceId = created["workflowInstanceId"]!.GetValue<string>();
        // Through the certificate: a journal longer than the pane, and the case waiting on the return declaration.
        await _cases.ThroughCertificateAsync(created["caseId"]!.GetValue<string>());
        var journal = (await _cases.Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal?skip=0&take=500"))["items"]!.AsArray();
        var last = journal[^1]!;

        var page = await _chromium.NewPageAsync(_base, 1600, 1000);
        var errors = StudioErrors.Watch(page);
        await page.GotoAsync("/studio?view=instances");
        await Chromium.SubmitSignInAsync(page, "analyst");
        await page.WaitForPageAsync("**/studio?view=instances");

        // Studio's list shows the instance; a click opens it in Studio's viewer.
        var row = page.Locator("elsa-workflow-instance-list tr", new PageLocatorOptions { HasText = instanceId });
        await row.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
        await Assertions.Expect(row.First).ToContainTextAsync("Export return case");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-instances") });
        await row.First.ClickAsync();
        await page.WaitForPageAsync($"**/studio?instanceId={instanceId}");

        // The path taken is marked: completed activities green, the wait the case is in amber, the rest unmarked.
        var viewer = page.Locator("elsa-workflow-instance-viewer");
        Func<string, ILocator> node = id => viewer.Locator($"g[data-cell-id='{id}']");
        await node("start").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        // The marks come from the execution report, a second request after the canvas is drawn: wait for it as for the canvas.
        await node("start").Locator(".mud-badge").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        foreach (var done in new[] { "start", "screen", "checkEvidence", "reviewEvidence", "applyCertificate", "reviewCertificate", "transmit" })
            await Assertions.Expect(node(done).Locator(".mud-badge.mud-theme-success")).ToHaveTextAsync("1");
        await Assertions.Expect(node("awaitDeclaration").Locator(".mud-badge.mud-theme-warning")).ToBeAttachedAsync();
        await Assertions.Expect(node("endClosed").Locator(".mud-badge")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-instance") });

        // The journal lists the events in order; scrolled to its end it shows the last one (the wait suspended).
        var entries = viewer.Locator(".mud-timeline-item");
        await Assertions.Expect(entries.First).ToContainTextAsync("Started");
        var pane = viewer.Locator("div:has(> .mud-timeline)").First;
        await pane.EvaluateAsync("e => { e.scrollTop = e.scrollHeight; }");
        var lastEntry = entries.Filter(new LocatorFilterOptions { HasText = $"- {last["eventName"]}" }).Last;
        await Assertions.Expect(lastEntry).ToBeInViewportAsync();
        Assert.Equal("Suspended", last["eventName"]!.GetValue<string>());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-instance-journal") });

        // An activity's details: picking its event in the journal selects it on the diagram and shows it, and its
        // executions with their status.
        await entries.Filter(new LocatorFilterOptions { HasText = "Check Evidence - Completed" }).First.ClickAsync();
        var details = viewer.Locator("tr", new LocatorLocatorOptions { HasText = "Node ID" });
        await Assertions.Expect(details.First).ToContainTextAsync("checkEvidence");
        await viewer.Locator(".mud-tab", new LocatorLocatorOptions { HasText = "Executions" }).First.ClickAsync();
        await Assertions.Expect(viewer.Locator("tr", new LocatorLocatorOptions { HasText = "Completed" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-instance-activity") });

        errors.AssertNone();
    }

    [Fact]
    public async Task Toolbox_ForEachAndHttpEndpoint_DroppedIntoAFlow_Saved_Published_AndRun()
    {
        await _cases.Analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["definitionId"] = "loop-over-request", ["name"] = "Loop over request",
                ["root"] = new JsonObject { ["id"] = "flowchart", ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray(), ["connections"] = new JsonArray() },
            },
            ["publish"] = false,
        });

        var page = await _chromium.NewPageAsync(_base, 1600, 1000);
        var errors = StudioErrors.Watch(page);
        await page.GotoAsync("/studio?definitionId=loop-over-request");
        await Chromium.SubmitSignInAsync(page, "analyst");
        await page.WaitForPageAsync("**/studio?definitionId=loop-over-request");
        var svg = page.Locator(".x6-graph-svg").First;
        await svg.WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
        var nodes = page.Locator("g[data-shape='elsa-activity']");
        var svgBox = (await svg.BoundingBoxAsync())!;

        // Drop an HTTP Endpoint and a For Each from the toolbox, side by side.
        await DropAsync(page, "HTTP", "HTTP Endpoint", svg, svgBox.Width * 0.25, svgBox.Height * 0.4);
        await Assertions.Expect(nodes).ToHaveCountAsync(1);
        await DropAsync(page, "Looping", "For Each", svg, svgBox.Width * 0.6, svgBox.Height * 0.4);
        await Assertions.Expect(nodes).ToHaveCountAsync(2);
        var endpoint = nodes.Filter(new LocatorFilterOptions { HasText = "HTTP Endpoint" });
        var loop = nodes.Filter(new LocatorFilterOptions { HasText = "For Each" });

        // The endpoint's path and the loop's items, in their input editors.
        await endpoint.ClickAsync();
        await Field(page, "Path").FillAsync("loop-over-request");
        await loop.ClickAsync();
        var items = Field(page, "Items");
        foreach (var item in new[] { "a", "b" })
        {
            await items.FillAsync(item);
            await items.PressAsync("Enter");
            // Studio takes the item and clears the box; typing the next one before that re-render would lose it.
            await Assertions.Expect(items).ToHaveValueAsync("");
        }

        // Connect the endpoint's Done to the loop.
        var from = (await endpoint.Locator("g.x6-port-body[port='Done']").BoundingBoxAsync())!;
        var to = (await loop.Locator("g.x6-port-body[port-group='in']").First.BoundingBoxAsync())!;
        var (startX, startY) = (from.X + from.Width - 3, from.Y + from.Height / 2);
        var (endX, endY) = (to.X + to.Width / 2, to.Y + to.Height / 2);
        await page.Mouse.MoveAsync(startX, startY);
        await page.Mouse.DownAsync();
        for (var step = 1; step <= 20; step++)
            await page.Mouse.MoveAsync(startX + (endX - startX) * step / 20, startY + (endY - startY) * step / 20);
        await page.Mouse.UpAsync();

        // Studio saves the draft: both activities, the path, the items and the connection.
        var draft = await Eventually.GetAsync(
            () => _cases.Analyst.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/loop-over-request?versionOptions=Latest"),
            d => d["root"]!["connections"]!.AsArray().Count == 1 && InputOf(d, "Elsa.HttpEndpoint", "path") == "loop-over-request"
                 && InputOf(d, "Elsa.ForEach", "items")?.Contains("\"b\"", StringComparison.Ordinal) == true);
        var activities = draft["root"]!["activities"]!.AsArray();
        Assert.Equal(["Elsa.ForEach", "Elsa.HttpEndpoint"], activities.Select(a => a!["type"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.True(activities.Single(a => a!["type"]!.GetValue<string>() == "Elsa.HttpEndpoint")!["customProperties"]!["canStartWorkflow"]!.GetValue<bool>());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-toolbox-flow") });

        // Publish with Studio's button; a request on the path runs the flow through the loop.
        var published = page.WaitForResponseAsync(r => r.Url.Contains("/elsa/api/workflow-definitions") && r.Request.Method == "POST");
        await page.Locator("button.mud-icon-button:has(path[d^='M19.35 10.04'])").First.ClickAsync();
        Assert.Equal(200, (await published).Status);
        await Assertions.Expect(page.GetByText("Workflow published")).ToBeVisibleAsync();

        using var anonymous = _host.Anonymous();
        var answer = await anonymous.GetJsonAsync("/workflows/loop-over-request");
        var instanceId = Assert.Single(answer["workflowInstanceIds"]!.AsArray())!.GetValue<string>();
        var instance = await _cases.Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        var completed = (await _cases.Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal?skip=0&take=100"))["items"]!.AsArray()
            .Where(r => r!["eventName"]!.GetValue<string>() == "Completed").Select(r => r!["activityType"]!.GetValue<string>()).ToList();
        Assert.Equal(["Elsa.HttpEndpoint", "Elsa.ForEach", "Elsa.Flowchart"], completed);

        errors.AssertNone();
    }

    /// <summary>
    /// The text box of the input editor labelled <paramref name="label"/> (MudBlazor's labels do not point at their
    /// inputs, so the label's own control is looked up).
    /// </summary>
    private static ILocator Field(IPage page, string label) =>
        page.Locator(".mud-input-control", new PageLocatorOptions { Has = page.Locator("label", new PageLocatorOptions { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }) })
            .Locator("input").First;

    /// <summary>The expression Studio saved for an input of the first activity of a type, as text.</summary>
    private static string? InputOf(JsonNode definition, string type, string input) =>
        definition["root"]!["activities"]!.AsArray().FirstOrDefault(a => a!["type"]!.GetValue<string>() == type)?[input]?["expression"]?["value"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            { } node => node.ToJsonString(),
            null => null,
        };

    /// <summary>Opens <paramref name="category"/> in Studio's toolbox and drags <paramref name="activity"/> onto the canvas at (x, y).</summary>
    private static async Task DropAsync(IPage page, string category, string activity, ILocator canvas, double x, double y)
    {
        var item = page.Locator("div[draggable='true']", new PageLocatorOptions { HasText = activity }).First;
        if (!await item.IsVisibleAsync())
            await page.GetByText(category, new PageGetByTextOptions { Exact = true }).First.ClickAsync();
        await item.DragToAsync(canvas, new LocatorDragToOptions { TargetPosition = new TargetPosition { X = (float)x, Y = (float)y } });
    }
}
