namespace ExportTaxCheck.Host.Tests.Telemetry;

/// <summary>
/// ASP.NET Core's request metrics at /metrics, from a Host process as it runs in production (one Host per process).
/// In the shared test process several in-process Hosts publish instruments of the same name, and OpenTelemetry keeps
/// only the first of each name it meets, so these figures are checked where they are meant to be read.
/// </summary>
public sealed class MetricsProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-metrics-").FullName;

    [Fact]
    public async Task Scrape_OfAHostProcess_ShowsRequestDurationsByRoute()
    {
        await using var host = await HostProcess.StartAsync(Path.Combine(_directory, "host.db"), new Dictionary<string, string> { ["Workers__Enabled"] = "false" });
        using var analyst = host.Client();
        using (var cases = await analyst.GetAsync("/api/cases"))
            Assert.True(cases.IsSuccessStatusCode, $"/api/cases answered {(int)cases.StatusCode}");

        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var text = await anonymous.GetStringAsync("/metrics");

        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/api/cases/?\"", text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The process may still hold the SQLite file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
