using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// The real Elsa Studio (npm bundle) served at /studio, in Chromium: open the return-case flow, add an activity from the
/// toolbox and connect it, let Studio save the draft, publish with Studio's button, and check over the API that new cases run the new
/// version while a case started before keeps its own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioBrowserTests : IAsyncLifetime
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

    private async Task<string> StartCaseAsync()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 1000));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 100, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 100), CaseDriver.Document("ExportDeclaration", Decl)]));
        return created["workflowInstanceId"]!.GetValue<string>();
    }

    private async Task<int> VersionOfAsync(string instanceId) =>
        (await _cases.Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}"))["version"]!.GetValue<int>();

    private const string Editor = "elsa-workflow-definition-editor";

    /// <summary>The ids of the activities drawn in <paramref name="editor"/> now, sorted (read once, not waited for).</summary>
    private static Task<string[]> DrawnNowAsync(ILocator editor) =>
        editor.Locator("g[data-shape='elsa-activity']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-cell-id')).sort()");

    /// <summary>Tags the editor element, so that <see cref="IsTaggedAsync"/> tells whether a later editor is the same one.</summary>
    private static Task TagAsync(IPage page) => page.Locator(Editor).EvaluateAsync("e => { e.preparedByTheTest = true; }");

    private static Task<bool> IsTaggedAsync(IPage page) => page.Locator(Editor).EvaluateAsync<bool>("e => e.preparedByTheTest === true");

    [Fact]
    public async Task Studio_OpensTheFlow_AddsAndConnectsAnActivity_Publishes_AndRunningCasesKeepTheirVersion()
    {
        var before = await StartCaseAsync();
        Assert.Equal(1, await VersionOfAsync(before));
        // A second definition, first in the list by name: the editor is prepared for it, so opening the return case
        // loads that flow into the editor already built.
        var notice = Flows.TaskFlow("clearance-notice");
        notice["name"] = "Clearance notice";
        await _cases.Analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = notice, ["publish"] = true });

        var page = await _chromium.NewPageAsync(_base, 1600, 1000);
        var apiErrors = new List<string>();
        var consoleErrors = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && new Uri(response.Url).AbsolutePath.StartsWith("/elsa/api", StringComparison.Ordinal))
                apiErrors.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                consoleErrors.Add(message.Text + " @ " + message.Location);
        };

        // Studio opens for a signed-in analyst only (the page carries the analyst key). The definitions list comes
        // with the page, before the WebAssembly runtime has loaded.
        await page.GotoAsync("/studio");
        Assert.Contains("/signin", page.Url);
        await Chromium.SubmitSignInAsync(page, "analyst");
        await page.WaitForPageAsync("**/studio");
        var rows = page.Locator("#studio-list tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.First).ToContainTextAsync("Clearance notice");
        var row = page.Locator("#studio-list tr", new PageLocatorOptions { HasText = "Export return case" });
        await Assertions.Expect(row).ToContainTextAsync("v1");
        // The browser reaches nothing but this Host.
        Assert.False(await page.EvaluateAsync<bool>("fetch('http://192.0.2.1/').then(() => true, () => false)"));
        Assert.False(await page.EvaluateAsync<bool>("fetch('https://registry.npmjs.org/').then(() => true, () => false)"));

        // Once the runtime is loaded the editor is built behind the list, for the first row; the bar says when it is
        // ready, and ready means that flow's activities are on the hidden canvas already, not merely the canvas.
        await page.Locator("body[data-studio='ready']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#studio-state")).ToHaveTextAsync("Studio ready");
        var preparedEditor = page.Locator($"{Editor}.studio-prepared");
        Assert.Equal(["done", "task"], await DrawnNowAsync(preparedEditor));
        await Assertions.Expect(preparedEditor).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-list") });

        // Open the return case from the list: the editor already built loads it, and shows once its activities are drawn.
        await TagAsync(page);
        await row.ClickAsync();
        var nodes = page.Locator("g[data-shape='elsa-activity']");
        var certificateReview = page.Locator("g[data-cell-id='reviewCertificate']");
        await certificateReview.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("html > body")).ToHaveAttributeAsync("data-studio", "open");
        Assert.True(await IsTaggedAsync(page), "the return case opened in a new editor, not in the one prepared");
        Assert.EndsWith("/studio?definitionId=export-return-case", page.Url);
        await Assertions.Expect(page.Locator("#studio-title")).ToHaveTextAsync("Export return case");
        var flow = await _cases.Analyst.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/export-return-case?versionOptions=Latest");
        var activityIds = flow["root"]!["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        await Assertions.Expect(nodes).ToHaveCountAsync(activityIds.Count);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-opened") });
        // The definition the editor was prepared for was only shown, never saved.
        var noticeVersions = await _cases.Analyst.GetJsonAsync("/elsa/api/workflow-definitions/clearance-notice/versions");
        Assert.Single(noticeVersions["items"]!.AsArray());

        // Add a Write Line from the toolbox.
        await page.GetByText("Primitives", new PageGetByTextOptions { Exact = true }).ClickAsync();
        var saved = page.WaitForResponseAsync(r => r.Url.EndsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal) && r.Request.Method == "POST");
        // Dropped on the empty canvas above and right of a node in view.
        var anchor = page.Locator("g[data-cell-id='reviewCertificate']");
        var anchorBox = (await anchor.BoundingBoxAsync())!;
        var svg = page.Locator(".x6-graph-svg").First;
        var svgBox = (await svg.BoundingBoxAsync())!;
        // Kept well inside the canvas: the new node's Done port must be on the canvas to drag a connection from it.
        var dropX = Math.Min(anchorBox.X + anchorBox.Width + 120, svgBox.X + svgBox.Width - 320);
        await page.Locator("div[draggable='true']", new PageLocatorOptions { HasText = "Write Line" }).First.DragToAsync(svg, new LocatorDragToOptions
        {
            TargetPosition = new TargetPosition { X = dropX - svgBox.X, Y = anchorBox.Y - 100 - svgBox.Y },
        });
        await Assertions.Expect(nodes).ToHaveCountAsync(activityIds.Count + 1);
        Assert.Equal(200, (await saved).Status);
        var added = (await nodes.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-cell-id'))")).Single(id => !activityIds.Contains(id));

        // Connect it: drag from its Done port (the port's outer half, off the node's body) to the certificate review's In port.
        var from = (await page.Locator($"g[data-cell-id='{added}'] g.x6-port-body[port='Done']").BoundingBoxAsync())!;
        var to = (await page.Locator("g[data-cell-id='reviewCertificate'] g.x6-port-body[port-group='in']").First.BoundingBoxAsync())!;
        var (startX, startY) = (from.X + from.Width - 3, from.Y + from.Height / 2);
        var (endX, endY) = (to.X + to.Width / 2, to.Y + to.Height / 2);
        saved = page.WaitForResponseAsync(r => r.Url.EndsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.Mouse.MoveAsync(startX, startY);
        await page.Mouse.DownAsync();
        for (var step = 1; step <= 20; step++)
            await page.Mouse.MoveAsync(startX + (endX - startX) * step / 20, startY + (endY - startY) * step / 20);
        await page.Mouse.UpAsync();
        Assert.Equal(200, (await saved).Status);

        // Studio saved the draft as version 2 with the new activity and its connection; version 1 stays published.
        var draft = await Eventually.GetAsync(
            () => _cases.Analyst.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/export-return-case?versionOptions=Latest"),
            d => d["root"]!["connections"]!.AsArray().Any(c => c!["source"]!["activity"]!.GetValue<string>() == added));
        Assert.Equal(2, draft["version"]!.GetValue<int>());
        Assert.False(draft["isPublished"]!.GetValue<bool>());
        Assert.Equal("Elsa.WriteLine", draft["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == added)!["type"]!.GetValue<string>());
        var connection = draft["root"]!["connections"]!.AsArray().Single(c => c!["source"]!["activity"]!.GetValue<string>() == added)!;
        Assert.Equal("Done", connection["source"]!["port"]!.GetValue<string>());
        Assert.Equal("reviewCertificate", connection["target"]!["activity"]!.GetValue<string>());
        Assert.Equal(flow["root"]!["connections"]!.AsArray().Count + 1, draft["root"]!["connections"]!.AsArray().Count);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-edited") });

        // Publish with Studio's button.
        var published = page.WaitForResponseAsync(r => r.Url.Contains("/elsa/api/workflow-definitions") && r.Request.Method == "POST");
        await page.Locator("button.mud-icon-button:has(path[d^='M19.35 10.04'])").First.ClickAsync();
        Assert.Equal(200, (await published).Status);
        await Assertions.Expect(page.GetByText("Workflow published")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("studio-published") });

        var versions = await _cases.Analyst.GetJsonAsync("/elsa/api/workflow-definitions/export-return-case/versions");
        var v2 = versions["items"]!.AsArray().Single(v => v!["version"]!.GetValue<int>() == 2)!;
        Assert.True(v2["isPublished"]!.GetValue<bool>());
        Assert.False(versions["items"]!.AsArray().Single(v => v!["version"]!.GetValue<int>() == 1)!["isPublished"]!.GetValue<bool>());

        // A new case runs version 2; the case started before stays on version 1 and still moves.
        var after = await StartCaseAsync();
        Assert.Equal(2, await VersionOfAsync(after));
        Assert.Equal(1, await VersionOfAsync(before));
        var caseBefore = (await _cases.Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{before}"))["correlationId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, caseBefore, "ReviewEvidence", "Accept");
        Assert.Equal(1, await VersionOfAsync(before));
        Assert.Equal("CertificateApplication", CaseDriver.Status(await _cases.GetAsync(caseBefore)));

        // Back returns to the definitions list, where the editor is now prepared for the flow opened last, version 2
        // drawn when the page says ready: opening it shows that editor.
        await page.GoBackAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        Assert.DoesNotContain("definitionId", page.Url);
        await Assertions.Expect(row).ToContainTextAsync("v2");
        await page.Locator("body[data-studio='ready']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 90_000 });
        Assert.Equal(activityIds.Append(added).Order(StringComparer.Ordinal), await DrawnNowAsync(preparedEditor));
        await TagAsync(page);
        await row.ClickAsync();
        await certificateReview.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("html > body")).ToHaveAttributeAsync("data-studio", "open");
        Assert.True(await IsTaggedAsync(page), "the prepared editor was not the one shown");
        await Assertions.Expect(nodes).ToHaveCountAsync(activityIds.Count + 1);

        // The address of a flow opens its editor directly: the editor is built once the runtime is loaded.
        await page.GotoAsync("/studio?definitionId=export-return-case");
        await certificateReview.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await Assertions.Expect(nodes).ToHaveCountAsync(activityIds.Count + 1);

        // Studio's own definitions list (create, import, delete) opens a definition in the editor as well.
        await page.GotoAsync("/studio?view=definitions");
        var studioRow = page.Locator("elsa-workflow-definition-list tr", new PageLocatorOptions { HasText = "Clearance notice" });
        await studioRow.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await studioRow.First.ClickAsync();
        await page.Locator("g[data-cell-id='task']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.EndsWith("/studio?definitionId=clearance-notice", page.Url);

        Assert.Empty(apiErrors);
        var fromOurApi = consoleErrors.Where(e => e.Contains("/elsa/api", StringComparison.Ordinal) || e.Contains("status of 4", StringComparison.Ordinal) || e.Contains("status of 5", StringComparison.Ordinal)).ToList();
        Assert.True(fromOurApi.Count == 0, string.Join("\n", fromOurApi));
    }
}
