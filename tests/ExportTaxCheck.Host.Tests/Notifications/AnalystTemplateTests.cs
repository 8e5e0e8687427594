using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Telemetry;
using Microsoft.EntityFrameworkCore;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Notifications;

/// <summary>
/// The whole case view (<c>details</c>) is built for a message only when its templates name it (the shipped ones do
/// not): an analyst's template that starts reading it gets it with the next message, and a message whose templates do
/// not is modelled from the case and its certificates alone (two reads, not the view's six or more).
/// </summary>
public sealed class AnalystTemplateTests : IAsyncLifetime
{
    private const string Decl = "530020260032345678";
    private readonly string _templates = Directory.CreateTempSubdirectory("etc-analyst-templates-").FullName;
    private HostFixture _host = null!;

    public Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(HostFixture.RepositoryRoot, "notification-templates")))
            File.Copy(file, Path.Combine(_templates, Path.GetFileName(file)));
        File.AppendAllText(Path.Combine(_templates, "case-received.text.liquid"),
            "\nHS {{ details.lines[0].hsCode }}, {{ details.documents.size }} documents\n");
        _host = new HostFixture(new Dictionary<string, string?> { ["Workers:Enabled"] = "false", ["Mail:TemplateDirectory"] = _templates }).WithProductFlows();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_templates, recursive: true);
    }

    [Fact]
    public async Task ATemplateThatReadsTheCaseView_GetsIt()
    {
        await CreateCaseAsync();
        await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default);

        var received = Directory.GetFiles(_host.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.Headers["X-ExportTaxCheck-Notification"] == "case-received");
        Assert.Contains("HS 8518300000, 1 documents", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageWhoseTemplatesDoNotReadTheView_IsModelledFromTheCaseAndItsCertificatesAlone()
    {
        var caseId = await CreateCaseAsync();
        OutboxMessageRecord message;
        await using (var db = await _host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Template == "case-received");
        var source = _host.Services.GetServices<INotificationModelSource>().Single(s => s.Name == "Case");

        var (light, lightReads) = await CountingStatementsAsync(() => source.BuildAsync(message, _ => false, default));
        var (whole, wholeReads) = await CountingStatementsAsync(() => source.BuildAsync(message, name => name == "details", default));

        // BEGIN, the case, its certificates, COMMIT: no tasks, feedback, status updates or customs copies.
        Assert.Equal(4, lightReads);
        Assert.True(wholeReads > lightReads, $"{wholeReads} statements for the whole view");
        Assert.Equal(caseId, light["caseId"]!.GetValue<string>());
        Assert.Null(light["details"]);
        Assert.NotNull(whole["details"]);
        whole.Remove("details");
        Assert.True(JsonNode.DeepEquals(whole, light), "the model differs when the view is read whole");
    }

    private async Task<string> CreateCaseAsync()
    {
        var cases = new CaseDriver(_host);
        await cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000));
        var request = CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")], [CaseDriver.Document("SelfDeclaration", Decl, 500)]);
        request["contactEmail"] = "returns@lanbo-trading.example.cn";
        return (await cases.CreateAsync(request))["caseId"]!.GetValue<string>();
    }

    // Statements counted in workflow.db.commands by this test's own calls (other tests' statements run in other flows).
    private static async Task<(T Result, long Statements)> CountingStatementsAsync<T>(Func<Task<T>> run)
    {
        var mine = new AsyncLocal<bool>();
        long statements = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngineTelemetry.Name && instrument.Name == "workflow.db.commands")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (mine.Value)
                Interlocked.Add(ref statements, value);
        });
        listener.Start();
        mine.Value = true;
        var result = await run();
        mine.Value = false;
        return (result, Interlocked.Read(ref statements));
    }
}
