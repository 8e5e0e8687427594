using System.Globalization;
using System.Text.RegularExpressions;
using ExportTaxCheck.Engine.Telemetry;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Telemetry;

/// <summary>/metrics answers in Prometheus text with the engine's, the runtime's and ASP.NET Core's metrics once a case has run.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const string Decl = "530020260019876543";
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;

    public Task InitializeAsync()
    {
        _host = new HostFixture().WithProductFlows();
        _cases = new CaseDriver(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Scrape_AfterACaseReachesItsCertificate_ShowsStepsActivitiesTasksAndOutbox()
    {
        var caseId = await _cases.OpenUnsoldCaseAsync(Decl);
        // The gauges are sampled on a schedule; sample now rather than wait for it. The evidence review waits for customs.
        await _host.Services.GetRequiredService<EngineGauges>().SampleAsync(default);
        var waiting = await ScrapeAsync();
        await _cases.ThroughCertificateAsync(caseId);
        var text = await ScrapeAsync();

        // The meter is one per process and other Hosts of the test run count into it too: so at least ours.
        Assert.True(Value(waiting, "workflow_tasks_open", "task_role=\"CustomsOfficer\"") >= 1, "the open evidence review is counted");
        Assert.True(Value(waiting, "workflow_steps_total") >= 1, "the opening step is counted");
        // After it, the evidence review and the certificate review: two more steps, each its own commit.
        Assert.True(Value(text, "workflow_steps_total") - Value(waiting, "workflow_steps_total") >= 2, $"the review steps are counted ({Value(waiting, "workflow_steps_total")} before, {Value(text, "workflow_steps_total")} after)");
        Assert.True(Value(text, "workflow_step_duration_milliseconds_count") - Value(waiting, "workflow_step_duration_milliseconds_count") >= 2, "their durations are recorded");
        Assert.True(Value(text, "workflow_commit_batch_size_count") - Value(waiting, "workflow_commit_batch_size_count") >= 2, "their commits are recorded");
        Assert.True(Value(text, "workflow_activities_total", "activity_type=\"ExportTaxCheck.ScreenEligibility\"") >= 1, "screening ran");
        Assert.True(Value(text, "workflow_activities_total", "activity_type=\"ExportTaxCheck.TransmitCertificate\"") >= 1, "the transmission ran");
        Assert.True(Value(text, "workflow_db_commands_total") > Value(waiting, "workflow_db_commands_total"), "SQL statements were counted");
        Assert.True(Value(text, "workflow_db_commits_total") - Value(waiting, "workflow_db_commits_total") >= 2, "the review steps' write transactions were counted");
        Assert.True(Value(text, "workflow_db_log_flushes_total") > Value(waiting, "workflow_db_log_flushes_total"), "the writes of the log before the answers were counted");
        Assert.Contains("workflow_outbox_backlog", text, StringComparison.Ordinal);
        Assert.Contains("workflow_outbox_oldest_age_seconds", text, StringComparison.Ordinal);
        Assert.Contains("workflow_instances_with_incidents", text, StringComparison.Ordinal);
        // The runtime's own meter: the JIT has compiled the code that ran, the collector has counted its collections.
        Assert.True(Value(text, "dotnet_jit_compiled_methods_total") > 0, "JIT-compiled methods are counted");
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync()
    {
        using var anonymous = _host.CreateClient();
        using var response = await anonymous.GetAsync("/metrics");
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum over the series of a metric whose labels contain <paramref name="label"/> (all series when none is given).</summary>
    private static double Value(string text, string metric, string label = "") =>
        Regex.Matches(text, "^" + Regex.Escape(metric) + @"(?:\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)
            .Where(m => m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
}
