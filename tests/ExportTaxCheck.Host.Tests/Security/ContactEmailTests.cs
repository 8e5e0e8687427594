using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// A contact e-mail with a comma in its display name used to pass validation and then dead-letter every mail of the case
/// (the dispatcher split it at the comma). Validation and sending now read it with the same parser: it is one recipient,
/// and the case's mail reaches it.
/// </summary>
public sealed class ContactEmailTests : IAsyncLifetime
{
    private const string Decl = "530020260022345678";
    private readonly HostFixture _host = new HostFixture(new Dictionary<string, string?> { ["Workers:Enabled"] = "false" }).WithProductFlows();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ContactWithACommaInItsName_GetsTheCasesMail_NoDeadLetter()
    {
        var cases = new CaseDriver(_host);
        await cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000));
        var request = CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")], [CaseDriver.Document("SelfDeclaration", Decl, 500)]);
        request["contactEmail"] = "Doe, John <john@lanbo-trading.example.cn>";

        await cases.CreateAsync(request);
        var sent = await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default);

        Assert.True(sent > 0);
        var outbox = await cases.Customs.GetJsonAsync("/api/outbox?status=DeadLetter");
        Assert.Equal(0, outbox["totalCount"]!.GetValue<int>());
        var recipients = Directory.GetFiles(_host.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f).To.Mailboxes.Single()).ToList();
        Assert.NotEmpty(recipients);
        Assert.All(recipients, r => Assert.Equal(("Doe, John", "john@lanbo-trading.example.cn"), (r.Name, r.Address)));
    }
}
