using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Testing;
using Microsoft.Playwright;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// Studio's open times in Debian's Chromium against a Host process holding the product's return-case flow and a
/// two-activity flow that sorts first in the list. Each round is a fresh browser context (nothing cached, nothing
/// remembered), so it goes as a new analyst's visit does: the list prepares the editor for the first row and the
/// return case is opened from it, then the list again (now prepared for the return case, opened last) and the return
/// case opened from it, then the return case loaded by its address. The times come from the marks the page sets on
/// its performance timeline, each taken once the activities are on the canvas; a warm-up round is not counted.
/// </summary>
public static class StudioBenchmark
{
    private const string ReturnCase = "export-return-case";
    private const string DefinitionsPath = "/elsa/api/workflow-definitions";

    private sealed class Figure(string name)
    {
        private readonly List<double> _ms = [];

        public void Add(double ms) => _ms.Add(ms);

        public string Row()
        {
            var sorted = _ms.Order().ToList();
            var p50 = sorted[(int)Math.Ceiling(sorted.Count / 2.0) - 1];
            return $"{name,-78} {sorted.Count,3} {p50,8:0} {sorted[^1],8:0}";
        }
    }

    public static async Task RunAsync(int rounds)
    {
        var directory = Directory.CreateTempSubdirectory("etc-bench-studio-").FullName;
        Console.WriteLine($"ExportTaxCheck Studio benchmark — {rounds} rounds after a warm-up, Chromium {Chromium.ExecutablePath}");
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores");

        await using var host = await StartHostAsync(directory);
        using var api = host.Client();
        var returnCase = JsonNode.Parse(await api.GetStringAsync($"{DefinitionsPath}/by-definition-id/{ReturnCase}?versionOptions=Latest"))!;
        var returnCaseActivities = returnCase["root"]!["activities"]!.AsArray().Count;
        using (var created = await api.PostAsync(DefinitionsPath, new StringContent(
                   new JsonObject { ["model"] = TwoActivityFlow("clearance-notice", "Clearance notice"), ["publish"] = true }.ToJsonString(),
                   System.Text.Encoding.UTF8, "application/json")))
            created.EnsureSuccessStatusCode();

        var runtime = new Figure("page start → runtime loaded (/studio?definitionId=…)");
        var preparedSmall = new Figure("runtime loaded → prepared editor drawn, 2-activity flow (list)");
        var preparedLarge = new Figure($"runtime loaded → prepared editor drawn, return case, {returnCaseActivities} activities (list)");
        var openPrepared = new Figure("open from the list, editor prepared for that flow: click → activities drawn");
        var openOther = new Figure("open from the list, editor prepared for another flow: click → activities drawn");
        var direct = new Figure("loaded by its address: runtime loaded → activities drawn");

        await using var chromium = await Chromium.LaunchAsync();
        for (var round = 0; round <= rounds; round++)
        {
            var counted = round > 0;
            var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = host.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(120_000);
            page.SetDefaultNavigationTimeout(120_000);

            await page.GotoAsync("/studio");
            await Chromium.SubmitSignInAsync(page, "analyst");
            await page.WaitForPageAsync("**/studio");

            // Nothing remembered yet: the editor is prepared for the first row, and the return case is opened into it.
            await ReadyAsync(page);
            var small = await BetweenAsync(page, "studio-runtime-ready", "studio-editor-drawn");
            var other = await OpenFromListAsync(page, returnCaseActivities);

            // The list again, prepared for the return case now that it was opened last.
            await page.GotoAsync("/studio");
            await ReadyAsync(page);
            var large = await BetweenAsync(page, "studio-runtime-ready", "studio-editor-drawn");
            var prepared = await OpenFromListAsync(page, returnCaseActivities);

            await page.GotoAsync($"/studio?definitionId={ReturnCase}");
            await ShownAsync(page, returnCaseActivities);
            var loaded = await BetweenAsync(page, "studio-runtime-ready", "studio-editor-drawn");
            var started = await page.EvaluateAsync<double>("() => performance.getEntriesByName('studio-runtime-ready')[0].startTime");

            Console.WriteLine($"{(counted ? $"round {round}" : "warm-up"),-8} prepared {small,6:0} / {large,6:0} ms, open prepared {prepared,5:0} ms, " +
                              $"open other {other,6:0} ms, by address {loaded,6:0} ms (runtime loaded at {started:0} ms)");
            if (counted)
            {
                runtime.Add(started);
                preparedSmall.Add(small);
                preparedLarge.Add(large);
                openPrepared.Add(prepared);
                openOther.Add(other);
                direct.Add(loaded);
            }
            await context.CloseAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"{"measurement",-78} {"n",3} {"p50 ms",8} {"max ms",8}");
        foreach (var figure in new[] { preparedLarge, preparedSmall, openPrepared, openOther, direct, runtime })
            Console.WriteLine(figure.Row());
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// A Host process on a SQLite file with the product's flows and one analyst who signs in with the test password; its
    /// web root and the Studio bundle are the repository's, since it runs in a scratch folder.
    /// </summary>
    private static Task<HostProcess> StartHostAsync(string directory)
    {
        var flows = Path.Combine(directory, "workflows-json");
        Directory.CreateDirectory(flows);
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "workflows-json"), "*.json"))
            File.Copy(file, Path.Combine(flows, Path.GetFileName(file)));

        var settings = TestKeys.Settings("__");
        settings["ASPNETCORE_WEBROOT"] = Path.Combine(Repository.Root, "src", "Host", "wwwroot");
        settings["Studio__BundleDirectory"] = Path.Combine(Repository.Root, "src", "Designer", "node_modules", "@elsa-workflows", "elsa-studio-wasm");
        settings["Database__Provider"] = "Sqlite";
        settings["Database__ConnectionString"] = $"Data Source={Path.Combine(directory, "host.db")}";
        settings["Returns__ReferenceDataFile"] = "";
        settings["Mail__TemplateDirectory"] = Path.Combine(Repository.Root, "notification-templates");
        settings["Mail__PickupDirectory"] = Path.Combine(directory, "mail");
        settings["Logging__LogLevel__Default"] = "Warning";
        settings["Auth__Users__0__UserName"] = "analyst";
        settings["Auth__Users__0__DisplayName"] = "analyst";
        settings["Auth__Users__0__Email"] = "analyst@etc.example.cn";
        settings["Auth__Users__0__Roles__0"] = "Analyst";
        settings["Auth__Users__0__PasswordHash"] = PasswordHashing.Hash(TestKeys.Password);
        return HostProcess.StartInAsync(directory, settings);
    }

    private static JsonObject TwoActivityFlow(string definitionId, string name) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = name,
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "task", ["type"] = "Elsa.RunTask", ["taskName"] = Literal("Approve") },
                new JsonObject { ["id"] = "done", ["type"] = "Elsa.WriteLine", ["text"] = Literal("completed") }),
            ["connections"] = new JsonArray(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "task", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = "done", ["port"] = "In" },
            }),
        },
    };

    private static JsonObject Literal(string value) => new()
    {
        ["typeName"] = "String",
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    /// <summary>The list's editor is prepared: its flow's activities are on the hidden canvas.</summary>
    private static Task ReadyAsync(IPage page) =>
        page.Locator("body[data-studio='ready']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Clicks the return case's row; milliseconds from the click to its activities drawn in the editor shown.</summary>
    private static async Task<double> OpenFromListAsync(IPage page, int activities)
    {
        await page.Locator("#studio-list tr", new PageLocatorOptions { HasText = "Export return case" }).ClickAsync();
        await ShownAsync(page, activities);
        return await BetweenAsync(page, "studio-open", "studio-editor-shown");
    }

    /// <summary>
    /// Waits for the page's mark that the opened flow is on screen, and checks the editor shown holds that many
    /// activities, so a figure never stands for an empty canvas.
    /// </summary>
    private static async Task ShownAsync(IPage page, int activities)
    {
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('studio-editor-shown').length > 0");
        var drawn = await page.Locator("elsa-workflow-definition-editor:not(.studio-prepared) g[data-shape='elsa-activity']").CountAsync();
        if (drawn != activities)
            throw new InvalidOperationException($"The editor shows {drawn} activities, not {activities}.");
    }

    private static Task<double> BetweenAsync(IPage page, string from, string to) =>
        page.EvaluateAsync<double>("([a, b]) => performance.getEntriesByName(b)[0].startTime - performance.getEntriesByName(a)[0].startTime", new[] { from, to });
}
