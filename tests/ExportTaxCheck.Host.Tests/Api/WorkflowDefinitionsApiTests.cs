using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

public abstract class WorkflowDefinitionsApiTests(TestDatabase database) : IAsyncLifetime
{
    private readonly HostFixture _host = new(database: database);
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _host.Analyst();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string[]> RunnableSamples() => new()
    {
        { "ImportAndExecute-writeline.json", ["Dummy Text"] },
        { "ImportAndExecute-implicit-loop.json", ["Do something", "Retry", "Do something", "Done"] },
        { "ExplicitJoins-join-all-1.json", ["Start", "Line 1", "Line 2", "End"] },
        { "Scenarios-hello-world.json", ["Hello World!"] },
        { "FlowchartCompletion-workflow1.json", ["WriteLine1", "WriteLine2", "WriteLine3"] },
        // WaitAny: the first branch's arrival runs the join and cancels the second, still queued branch.
        { "JoinBehaviors-join.json", [""] },
    };

    [Theory]
    [MemberData(nameof(RunnableSamples))]
    public async Task ImportThenExecute_Sample_FinishesWithExpectedJournal(string file, string[] expected)
    {
        var imported = await ImportAsync(file);

        var executed = await _client.PostJsonAsync($"/elsa/api/workflow-definitions/{imported["definitionId"]}/execute", new JsonObject());

        var state = executed["workflowState"]!;
        Assert.Equal("Finished", state["status"]!.GetValue<string>());
        Assert.Equal("Finished", state["subStatus"]!.GetValue<string>());
        Assert.Equal(expected, await JournalLinesAsync(state["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_SearchTerm_MatchesNamesWhateverTheirCase_AndTakesPercentLiterally()
    {
        var review = Flows.TaskFlow("refund-review");
        review["name"] = "Refund Review";
        var other = Flows.TaskFlow("paper-100pct");
        other["name"] = "Paper 100% check";
        await _client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = review, ["publish"] = true });
        await _client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = other, ["publish"] = true });

        var byName = await _client.GetJsonAsync("/elsa/api/workflow-definitions?searchTerm=REFUND%20review");
        var byPercent = await _client.GetJsonAsync("/elsa/api/workflow-definitions?searchTerm=%25");

        Assert.Equal(["refund-review"], byName["items"]!.AsArray().Select(d => d!["definitionId"]!.GetValue<string>()));
        Assert.Equal(["paper-100pct"], byPercent["items"]!.AsArray().Select(d => d!["definitionId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ImportThenExecute_TimerSample_FinishesWhenClockPassesInterval()
    {
        var imported = await ImportAsync("ImportAndPublish-timer-workflow.json");
        var executed = await _client.PostJsonAsync($"/elsa/api/workflow-definitions/{imported["definitionId"]}/execute", new JsonObject());
        var id = executed["workflowState"]!["id"]!.GetValue<string>();
        Assert.Equal("Suspended", executed["workflowState"]!["subStatus"]!.GetValue<string>());

        _host.Clock.Advance(TimeSpan.FromMinutes(1));

        var instance = await Eventually.GetAsync(() => _client.GetJsonAsync($"/elsa/api/workflow-instances/{id}"),
            i => i["subStatus"]!.GetValue<string>() == "Finished");
        Assert.Equal(["Hello from timer"], await JournalLinesAsync(id));
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportThenExecute_ForkDecisionJoin_FaultsWithIncident()
    {
        var imported = await ImportAsync("JoinBehaviors-fork-decision-join-waitall.json");

        var executed = await _client.PostJsonAsync($"/elsa/api/workflow-definitions/{imported["definitionId"]}/execute", new JsonObject());

        var state = executed["workflowState"]!;
        Assert.Equal("Faulted", state["subStatus"]!.GetValue<string>());
        Assert.Equal("that went south", state["incidents"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(["A", "C", "B", "D"], await JournalLinesAsync(state["id"]!.GetValue<string>()));
    }

    // The file is a draft (isPublished: false): Elsa's import keeps it a draft, and publishing it is what fails
    // (elsa-core ImportAndPublishCronTests.ImportAndPublish_ShouldFailed_WithBadCronExpression).
    [Fact]
    public async Task Import_BadCronDraft_StaysADraft_AndPublishingItIs400WithValidationErrors()
    {
        using var imported = await _client.PostAsync("/elsa/api/workflow-definitions/import",
            HttpJson.Json(await File.ReadAllTextAsync(Path.Combine(SamplesDirectory, "ImportAndPublish-bad-cron-expression.json"))));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var draft = await imported.ReadJsonAsync();
        Assert.False(draft["isPublished"]!.GetValue<bool>());

        using var response = await _client.PostAsync($"/elsa/api/workflow-definitions/{draft["definitionId"]}/publish", HttpJson.Json(new JsonObject()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("DEFINITION_INVALID", problem["code"]!.GetValue<string>());
        Assert.Contains("Error when parsing cron expression", problem["errors"]![0]!["message"]!.GetValue<string>());
        var published = await _client.GetJsonAsync("/elsa/api/workflow-definitions?versionOptions=Published");
        Assert.Equal(0, published["totalCount"]!.GetValue<int>());
    }

    /// <summary>
    /// Every sample imports, each published one after the workflows it uses as activities (files are retried while any
    /// succeeds), except those written in C#, which this engine does not run, and the HTTP endpoint whose path is a
    /// JavaScript expression (triggers are indexed from literal inputs).
    /// </summary>
    [Fact]
    public async Task Import_EverySample_IsAcceptedExceptTheCSharpOnes()
    {
        var pending = Directory.EnumerateFiles(SamplesDirectory, "*.json").Order(StringComparer.Ordinal).ToList();
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var progress = true; progress && pending.Count > 0;)
        {
            progress = false;
            refused.Clear();
            foreach (var file in pending.ToList())
            {
                using var response = await _client.PostAsync("/elsa/api/workflow-definitions/import", HttpJson.Json(await File.ReadAllTextAsync(file)));
                if (response.IsSuccessStatusCode)
                {
                    pending.Remove(file);
                    progress = true;
                }
                else
                {
                    Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                    refused[Path.GetFileName(file)] = await response.Content.ReadAsStringAsync();
                }
            }
        }

        Assert.Equal(["ParentChildOutputMapping-b.json", "ParentChildOutputMapping-c.json", "ParentChildOutputMapping-consumer.json", "ParentChildOutputMapping-d.json",
                "WorkflowDefinitionRefresh-dynamic-endpoint-http-workflow.json"],
            refused.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("TriggerInputNotLiteral", refused["WorkflowDefinitionRefresh-dynamic-endpoint-http-workflow.json"], StringComparison.Ordinal);
        Assert.Contains("Elsa.RunCSharp", refused["ParentChildOutputMapping-b.json"], StringComparison.Ordinal);
        Assert.Contains("CSharp", refused["ParentChildOutputMapping-consumer.json"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveDraft_Publish_NewVersion_RunningInstanceKeepsItsVersion()
    {
        var flow = Flows.TaskFlow("versioned");
        var saved = await _client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = flow.DeepClone(), ["publish"] = true });
        Assert.Equal(1, saved["workflowDefinition"]!["version"]!.GetValue<int>());
        var first = await _client.PostJsonAsync("/elsa/api/workflow-definitions/versioned/execute", new JsonObject());
        var firstId = first["workflowState"]!["id"]!.GetValue<string>();

        flow["root"]!["activities"]![1]!["text"] = Flows.Input("String", "Literal", "version two");
        var draft = await _client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = flow.DeepClone(), ["publish"] = false });
        Assert.Equal(2, draft["workflowDefinition"]!["version"]!.GetValue<int>());
        Assert.False(draft["workflowDefinition"]!["isPublished"]!.GetValue<bool>());
        await _client.PostJsonAsync("/elsa/api/workflow-definitions/versioned/publish", new JsonObject());
        var second = await _client.PostJsonAsync("/elsa/api/workflow-definitions/versioned/execute", new JsonObject());
        var secondId = second["workflowState"]!["id"]!.GetValue<string>();

        Assert.Equal(1, first["workflowState"]!["definitionVersion"]!.GetValue<int>());
        Assert.Equal(2, second["workflowState"]!["definitionVersion"]!.GetValue<int>());
        foreach (var id in new[] { firstId, secondId })
        {
            var taskId = (await _client.GetJsonAsync($"/elsa/api/workflow-instances/{id}"))["workflowState"]!["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>();
            await _client.PostJsonAsync($"/elsa/api/tasks/{taskId}/complete", new JsonObject());
        }
        Assert.Equal([$"completed {firstId}"], await JournalLinesAsync(firstId));
        Assert.Equal(["version two"], await JournalLinesAsync(secondId));
        var versions = await _client.GetJsonAsync("/elsa/api/workflow-definitions/versioned/versions");
        Assert.Equal(2, versions["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task SaveDraft_InvalidFlow_IsSavedWithErrors_ButPublishIs400()
    {
        var flow = Flows.TaskFlow("draft-invalid");
        flow["root"]!["connections"]!.AsArray().Add(Flows.Connection("done", "Done", "ghost"));

        var saved = await _client.PostAsync("/elsa/api/workflow-definitions", HttpJson.Json(new JsonObject { ["model"] = flow, ["publish"] = false }));
        var publish = await _client.PostAsync("/elsa/api/workflow-definitions/draft-invalid/publish", HttpJson.Json("{}"));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("ghost", (await saved.ReadJsonAsync())["validationErrors"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
    }

    [Fact]
    public async Task Retract_ThenExecute_Is404_AndDeleteRemovesDefinition()
    {
        await _client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("retract-me"), ["publish"] = true });

        await _client.PostJsonAsync("/elsa/api/workflow-definitions/retract-me/retract", new JsonObject());
        var execute = await _client.PostAsync("/elsa/api/workflow-definitions/retract-me/execute", HttpJson.Json("{}"));
        var delete = await _client.DeleteAsync("/elsa/api/workflow-definitions/retract-me");
        var get = await _client.GetAsync("/elsa/api/workflow-definitions/by-definition-id/retract-me");

        Assert.Equal(HttpStatusCode.NotFound, execute.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Delete_WithRunningInstance_Is409AndKeepsDefinition()
    {
        await _client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("in-use"), ["publish"] = true });
        await _client.PostJsonAsync("/elsa/api/workflow-definitions/in-use/execute", new JsonObject());

        var delete = await _client.DeleteAsync("/elsa/api/workflow-definitions/in-use");

        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("DEFINITION_IN_USE", (await delete.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/elsa/api/workflow-definitions/by-definition-id/in-use")).StatusCode);
    }

    [Fact]
    public async Task Export_ReturnsTheDefinitionAsJsonFile_ThatImportsAgain()
    {
        var imported = await ImportAsync("ImportAndExecute-implicit-loop.json");
        var export = await _client.GetAsync($"/elsa/api/workflow-definitions/{imported["definitionId"]}/export");
        var json = await export.Content.ReadAsStringAsync();

        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        var again = await _client.PostAsync("/elsa/api/workflow-definitions/import", HttpJson.Json(json));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(imported["version"]!.GetValue<int>(), (await again.ReadJsonAsync())["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Dispatch_ReturnsInstanceId_AndWorkerRunsIt()
    {
        var imported = await ImportAsync("ImportAndExecute-writeline.json");

        var dispatched = await _client.PostJsonAsync($"/elsa/api/workflow-definitions/{imported["definitionId"]}/dispatch", new JsonObject());

        var id = dispatched["workflowInstanceId"]!.GetValue<string>();
        await Eventually.GetAsync(() => _client.GetJsonAsync($"/elsa/api/workflow-instances/{id}"), i => i["subStatus"]!.GetValue<string>() == "Finished");
        Assert.Equal(["Dummy Text"], await JournalLinesAsync(id));
    }

    [Fact]
    public async Task Host_ImportsWorkflowFolderAtStart()
    {
        await using var host = new HostFixture(database: database);
        Directory.CreateDirectory(host.WorkflowsDirectory);
        File.Copy(Path.Combine(SamplesDirectory, "Scenarios-hello-world.json"), Path.Combine(host.WorkflowsDirectory, "hello.json"));
        File.Copy(Path.Combine(SamplesDirectory, "ImportAndPublish-bad-cron-expression.json"), Path.Combine(host.WorkflowsDirectory, "bad.json"));
        var client = host.Analyst();

        var hello = await client.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/1590068018aa4f0a?versionOptions=Published");

        Assert.Equal("Hello World", hello["name"]!.GetValue<string>());
        Assert.Equal(1, (await client.GetJsonAsync("/elsa/api/workflow-definitions"))["totalCount"]!.GetValue<int>());
    }

    /// <summary>Imports a sample and publishes it when the file is a draft (as elsa-core's test helper imports with Publish = true).</summary>
    private async Task<JsonNode> ImportAsync(string file)
    {
        var response = await _client.PostAsync("/elsa/api/workflow-definitions/import", HttpJson.Json(await File.ReadAllTextAsync(Path.Combine(SamplesDirectory, file))));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var imported = await response.ReadJsonAsync();
        if (imported["isPublished"]?.GetValue<bool>() != true)
            await _client.PostJsonAsync($"/elsa/api/workflow-definitions/{imported["definitionId"]}/publish", new JsonObject());
        return imported;
    }

    private async Task<IReadOnlyList<string>> JournalLinesAsync(string instanceId)
    {
        var journal = await _client.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal", new JsonObject { ["pageSize"] = 500 });
        return journal["items"]!.AsArray()
            .Where(r => r!["eventName"]!.GetValue<string>() == "Completed" && r["activityType"]!.GetValue<string>() == "Elsa.WriteLine")
            .Select(r => r!["payload"]?["text"]?.GetValue<string>() ?? "")
            .ToList();
    }

    internal static string SamplesDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "elsa-samples");
                if (Directory.Exists(candidate))
                    return candidate;
            }
            throw new DirectoryNotFoundException("tests/elsa-samples");
        }
    }
}
