using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Notifications;

/// <summary>Elsa's Send Email in a flow, with no SMTP server configured: the mail lands in the pickup folder.</summary>
public abstract class SendEmailTests(TestDatabase database) : IAsyncLifetime
{
    private readonly HostFixture _host = new(new Dictionary<string, string?> { ["Workers:Enabled"] = "false" }, database);
    private HttpClient _analyst = null!;

    public Task InitializeAsync()
    {
        _analyst = _host.Analyst();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject MailFlow(string to, string? from = null, string? replyTo = null)
    {
        var flow = MailFlow(to);
        var send = flow["root"]!["activities"]![0]!;
        if (from is not null)
            send["from"] = Flows.Input("String", "Literal", from);
        if (replyTo is not null)
            send["replyTo"] = Flows.Input("List<String>", "Object", $"[\"{replyTo}\"]");
        return flow;
    }

    private static JsonObject MailFlow(string to) => new()
    {
        ["definitionId"] = "mail",
        ["name"] = "mail",
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "send",
                ["type"] = "Elsa.SendEmail",
                ["to"] = Flows.Input("List<String>", "Object", $"[\"{to}\"]"),
                ["cc"] = Flows.Input("List<String>", "Object", "[\"desk@etc.example.cn\"]"),
                ["subject"] = Flows.Input("String", "Liquid", "Return case {{ CorrelationId }}"),
                ["body"] = Flows.Input("String", "Liquid", "<p>Dear exporter,</p><p>case <b>{{ CorrelationId }}</b> &amp; its papers.</p>"),
                ["attachments"] = Flows.Input("Object", "Object", "{\"fileName\":\"note.txt\",\"contentType\":\"text/plain\",\"contentBase64\":\"aGVsbG8=\"}"),
            }),
            ["connections"] = new JsonArray(),
        },
    };

    [Fact]
    public async Task SendEmail_WritesAnEmlWithBothPartsAndTheAttachment()
    {
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = MailFlow("exporter@example.cn"), ["publish"] = true });
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/mail/execute", new JsonObject { ["correlationId"] = "RC-2026-000777" });

        Assert.Equal(1, await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        var file = Assert.Single(Directory.GetFiles(_host.PickupDirectory, "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Return case RC-2026-000777", message.Subject);
        Assert.Equal("exporter@example.cn", message.To.Mailboxes.Single().Address);
        Assert.Equal("desk@etc.example.cn", message.Cc.Mailboxes.Single().Address);
        Assert.Contains("<b>RC-2026-000777</b>", message.HtmlBody);
        Assert.Equal("Dear exporter,\ncase RC-2026-000777 & its papers.\n", message.TextBody!.Replace("\r\n", "\n"));
        Assert.Equal("note.txt", message.Attachments.Single().ContentDisposition!.FileName);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), message.MessageId);
    }

    [Fact]
    public async Task SendEmail_WithABadAddress_FaultsTheInstance_AndQueuesNothing()
    {
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = MailFlow("not-an-address"), ["publish"] = true });
        var run = await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/mail/execute", new JsonObject());

        Assert.Equal("Faulted", run["workflowState"]!["subStatus"]!.GetValue<string>());
        Assert.Contains("EMAIL_ADDRESS_INVALID", run["workflowState"]!.ToJsonString());
        Assert.Equal(0, await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));
    }

    [Fact]
    public async Task SendEmail_FromAnotherAuthoritysAddress_FaultsAndSendsNothing()
    {
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = MailFlow("exporter@example.cn", from: "STA Refund Desk <refunds@chinatax.gov.cn>"), ["publish"] = true,
        });
        var run = await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/mail/execute", new JsonObject());

        Assert.Equal("Faulted", run["workflowState"]!["subStatus"]!.GetValue<string>());
        Assert.Contains("EMAIL_FROM_NOT_ALLOWED", run["workflowState"]!.ToJsonString());
        Assert.Equal(0, await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));
    }

    [Fact]
    public async Task SendEmail_DisplayNameAndReplyTo_GoOutFromMailFromsAddress()
    {
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = MailFlow("exporter@example.cn", from: "Refund desk", replyTo: "desk@etc.example.cn"), ["publish"] = true,
        });
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/mail/execute", new JsonObject());

        Assert.Equal(1, await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_host.PickupDirectory, "*.eml")));
        var sender = message.From.Mailboxes.Single();
        Assert.Equal("Refund desk", sender.Name);
        Assert.Equal(MailboxAddress.Parse(new MailOptions().From).Address, sender.Address);
        Assert.Equal("desk@etc.example.cn", message.ReplyTo.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task MessageLeasedByACrashedDispatcher_IsSentAfterTheLease_WithItsMessageId()
    {
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = MailFlow("exporter@example.cn"), ["publish"] = true });
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions/mail/execute", new JsonObject());
        var dbFactory = _host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowDbContext>>();
        string messageId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            // Another dispatcher took the message and died before it recorded the send.
            var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Outbox);
            row.LeaseUntil = _host.Clock.GetUtcNow().AddMinutes(2);
            row.Attempts = 1;
            messageId = row.MessageId;
            await db.SaveChangesAsync();
        }
        var dispatcher = _host.Services.GetRequiredService<MailDispatcher>();

        Assert.Equal(0, await dispatcher.DispatchDueAsync(default));
        _host.Clock.Advance(TimeSpan.FromMinutes(2).Add(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_host.PickupDirectory, "*.eml")));
        Assert.Equal(messageId, message.MessageId);
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default));
    }
}
