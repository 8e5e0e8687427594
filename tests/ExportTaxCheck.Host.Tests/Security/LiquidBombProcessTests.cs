using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;
using Xunit.Abstractions;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// The Liquid bomb against a Host process: one Liquid expression took the Host from 316 MB to 2.5 GB. Now each bomb
/// faults its activity, and the process's peak memory stays far under that (a generous 1 GiB ceiling; the figure is printed).
/// </summary>
public sealed class LiquidBombProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Ceiling = 1024L * 1024 * 1024;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "etc-liquid-bomb", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The process may still hold the SQLite file for a moment; the temp folder is cleaned by the OS.
        }
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}", "output size")]
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..16) %}{% assign s = s | append: s %}{% endfor %}{% assign a = '' | split: ',' %}{% for i in (1..3000) %}{% assign t = s | append: i | split: '§' %}{% assign a = a | concat: t %}{% endfor %}{{ a | size }}",
        "allocated more than 32 MiB")]
    public async Task LiquidBomb_InAHostProcess_FaultsTheActivity_AndMemoryStaysBounded(string bomb, string bound)
    {
        await using var host = await HostProcess.StartAsync(Path.Combine(_directory, "host.db"), new Dictionary<string, string> { ["Workers__Enabled"] = "false" });
        using var analyst = host.Client();
        var flow = Flows.Flowchart("bomb", [new JsonObject { ["id"] = "boom", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "Liquid", bomb) }], []);
        await analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = flow, ["publish"] = true });
        var before = host.PeakResidentBytes();

        var state = (await analyst.PostJsonAsync("/elsa/api/workflow-definitions/bomb/execute", new JsonObject()))["workflowState"]!;

        var peak = host.PeakResidentBytes();
        output.WriteLine($"Liquid bomb ({bound}): peak resident memory {before / 1048576.0:0} MiB before, {peak / 1048576.0:0} MiB after");
        Console.WriteLine($"Liquid bomb ({bound}): peak resident memory {before / 1048576.0:0} MiB before, {peak / 1048576.0:0} MiB after");
        Assert.Equal("Faulted", state["subStatus"]!.GetValue<string>());
        var incident = state["incidents"]!.AsArray().Single()!;
        Assert.Equal("boom", incident["activityId"]!.GetValue<string>());
        Assert.Contains(bound, incident["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(peak < Ceiling, $"The Host peaked at {peak / 1048576.0:0} MiB.");
    }
}
