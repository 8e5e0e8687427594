using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Notifications;

/// <summary>
/// The whole case view (<c>details</c>) is built for a message only when its templates name it (the shipped ones do
/// not): an analyst's template that starts reading it gets it with the next message.
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
        var cases = new CaseDriver(_host);
        await cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000));
        var request = CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")], [CaseDriver.Document("SelfDeclaration", Decl, 500)]);
        request["contactEmail"] = "returns@lanbo-trading.example.cn";

        await cases.CreateAsync(request);
        await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default);

        var received = Directory.GetFiles(_host.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.Headers["X-ExportTaxCheck-Notification"] == "case-received");
        Assert.Contains("HS 8518300000, 1 documents", received.TextBody, StringComparison.Ordinal);
    }
}
