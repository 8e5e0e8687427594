using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Durability;

/// <summary>Suspended and running instances survive the Host process being killed and started again.</summary>
public class RestartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-restart-").FullName;

    private string DatabasePath => Path.Combine(_directory, "restart.db");

    [Fact]
    public async Task SuspendedInstance_HostKilledAndRestarted_ResumesInTheNewProcess()
    {
        string instanceId, taskId;
        int firstPid;
        await using (var first = await HostProcess.StartAsync(DatabasePath))
        {
            firstPid = first.ProcessId;
            using var client = first.Client();
            await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("survivor"), ["publish"] = true });
            var started = await client.PostJsonAsync("/elsa/api/workflow-definitions/survivor/execute", new JsonObject());
            instanceId = started["workflowState"]!["id"]!.GetValue<string>();
            taskId = started["workflowState"]!["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>();
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(DatabasePath);
        Assert.NotEqual(firstPid, second.ProcessId);
        using var again = second.Client();

        var before = await again.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}");
        var completed = await again.PostJsonAsync($"/elsa/api/tasks/{taskId}/complete", new JsonObject { ["result"] = "approved" }, "restart-1");

        Assert.Equal("Suspended", before["subStatus"]!.GetValue<string>());
        Assert.Equal("Finished", completed["subStatus"]!.GetValue<string>());
        var journal = await again.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal", new JsonObject());
        var line = journal["items"]!.AsArray().Single(r => r!["eventName"]!.GetValue<string>() == "Completed" && r["activityId"]!.GetValue<string>() == "done");
        Assert.Equal($"completed {instanceId}", line!["payload"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task DispatchedInstance_LeftRunningByCrash_IsRecoveredAtStart()
    {
        string instanceId;
        await using (var first = await HostProcess.StartAsync(DatabasePath, new Dictionary<string, string> { ["Workers__Enabled"] = "false" }))
        {
            using var client = first.Client();
            await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = WriteLineFlow("dispatched"), ["publish"] = true });
            var dispatched = await client.PostJsonAsync("/elsa/api/workflow-definitions/dispatched/dispatch", new JsonObject());
            instanceId = dispatched["workflowInstanceId"]!.GetValue<string>();
            Assert.Equal("Executing", (await client.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}"))["subStatus"]!.GetValue<string>());
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(DatabasePath);
        using var again = second.Client();

        var instance = await Eventually.GetAsync(() => again.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}"),
            i => i["subStatus"]!.GetValue<string>() == "Finished");
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());
        Assert.Contains("Recovering 1 instance(s) left running", second.Output);
    }

    private static JsonObject WriteLineFlow(string definitionId) => new()
    {
        ["definitionId"] = definitionId,
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray(new JsonObject { ["id"] = "w", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "Literal", "ran after restart") }),
            ["connections"] = new JsonArray(),
        },
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
