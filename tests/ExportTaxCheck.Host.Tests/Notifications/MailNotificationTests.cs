using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Shared;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Notifications;

/// <summary>Exporters' e-mail through the outbox to a real SMTP server on 127.0.0.1 (aiosmtpd).</summary>
public abstract class MailNotificationTests(TestDatabase database) : IAsyncLifetime
{
    private const string Contact = "returns@lanbo-trading.example.cn";
    private readonly SmtpServer _smtp = new();
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _host = new HostFixture(new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:Timeout"] = "00:00:05",
            ["Mail:MaxAttempts"] = "3",
            // Leases are measured on the test's clock, which these tests move by hours: a lease no move outlasts keeps the
            // background dispatcher's claim its own while it sends, as a real two-minute lease does in real time.
            ["Mail:Lease"] = "30.00:00:00",
            ["Mail:From"] = "ExportTaxCheck <noreply@etc.example.cn>",
        }, database).WithProductFlows();
        _cases = new CaseDriver(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private MailDispatcher Dispatcher => _host.Services.GetRequiredService<MailDispatcher>();

    private static JsonObject WithContact(JsonObject body)
    {
        body["contactEmail"] = Contact;
        return body;
    }

    private static string Template(MimeMessage message) => message.Headers["X-ExportTaxCheck-Notification"] ?? "";

    private async Task<IReadOnlyList<MimeMessage>> ReceivedAsync(int count) =>
        await Eventually.GetAsync(async () =>
        {
            await Dispatcher.DispatchDueAsync(default);
            return _smtp.Messages();
        }, m => m.Count >= count);

    private async Task<JsonNode> OutboxAsync(string query) => await _cases.Tax.GetJsonAsync("/api/outbox?" + query);

    /// <summary>AS-02 with a contact address: one bilingual mail per step, amounts as the case shows them.</summary>
    [Fact]
    public async Task CaseThroughClearance_SendsEveryStepsMail_WithBothPartsAndTheAmounts()
    {
        const string decl = "530020260002345678";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8517629900", 1200, fob: 24000m, refundStatus: "Refunded", vatRefunded: 23400m, goodsName: "无线路由器"));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 1200, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", decl), CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        var certificateNo = CaseDriver.CertificateNo(issued);
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 1200, "2026-07-01", 24000m, 7.1500m, 0.06m, decl, hs: "8517629900", goodsName: "无线路由器", declarationDate: "2026-08-02"));
        var closed = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");
        Assert.Equal("Closed", CaseDriver.Status(closed));

        var expected = closed["timeline"]!.AsArray().Select(e => e!["notification"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal([CaseNotifications.CaseReceived, CaseNotifications.MakeUpDue, CaseNotifications.CertificateIssued, CaseNotifications.CrossCheckMatched,
            CaseNotifications.ExemptionGranted, CaseNotifications.CaseClosed], expected.ToArray());
        var messages = await ReceivedAsync(expected.Count);

        Assert.Equal(expected.Order(), messages.Select(Template).Order());
        Assert.All(messages, m =>
        {
            Assert.Equal(Contact, m.To.Mailboxes.Single().Address);
            Assert.Equal("noreply@etc.example.cn", m.From.Mailboxes.Single().Address);
            Assert.Equal(caseId, m.Headers["X-ExportTaxCheck-Case"]);
            Assert.EndsWith("@exporttaxcheck.local", m.MessageId);
            Assert.Contains(caseId, m.Subject);
            Assert.Contains("【中文】", m.TextBody);
            Assert.Contains("[English]", m.TextBody);
            Assert.Contains("<section lang=\"zh-CN\">", m.HtmlBody);
            Assert.Contains("<section lang=\"en\">", m.HtmlBody);
            MailTexts.AssertEveryCodeHasItsText(m);
            MailTexts.AssertBothPartsSayTheSame(m);
        });
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());

        var makeUp = messages.Single(m => Template(m) == CaseNotifications.MakeUpDue);
        Assert.Equal($"请补缴已退税款：{caseId}（23,400.00 元） / Refunded export tax to repay for {caseId}: CNY 23,400.00", makeUp.Subject);
        Assert.Contains("合计 23,400.00 元", makeUp.TextBody);
        Assert.Contains("total CNY 23,400.00", makeUp.HtmlBody);
        var certificate = messages.Single(m => Template(m) == CaseNotifications.CertificateIssued);
        Assert.Contains($"证明编号 {certificateNo}（已补税）", certificate.TextBody);
        Assert.Contains($"Certificate {certificateNo} (Tax paid)", certificate.TextBody);
        var exemption = messages.Single(m => Template(m) == CaseNotifications.ExemptionGranted);
        foreach (var amount in new[] { "10,296.00", "23,646.48", "33,942.48" })
        {
            Assert.Contains(amount, exemption.TextBody);
            Assert.Contains(amount, exemption.HtmlBody);
        }

        // The server has the last message a moment before the dispatcher records it as sent.
        var sent = await Eventually.GetAsync(() => OutboxAsync($"caseId={caseId}&status=Sent"), q => q["totalCount"]!.GetValue<int>() >= expected.Count);
        Assert.Equal(expected.Count, sent["totalCount"]!.GetValue<int>());
    }

    /// <summary>Issue 18: a refusal says why in words, in both languages, with the code the exporter can quote.</summary>
    [Fact]
    public async Task RejectedEvidence_MailGivesEveryReasonAsASentence_InBothLanguages()
    {
        const string decl = "530020260003456789";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 100));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 100, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", decl), CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        var reasons = new[] { ReasonCodes.OriginalStateFailedAccessoriesAdded, ReasonCodes.EvidenceIncompleteMissingReturnEvidence };
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Reject", new JsonObject { ["reasons"] = new JsonArray(reasons.Select(r => (JsonNode?)r).ToArray()) });

        var rejected = (await ReceivedAsync(2)).Single(m => Template(m) == CaseNotifications.CaseRejected);

        MailTexts.AssertEveryCodeHasItsText(rejected);
        foreach (var code in reasons)
        {
            Assert.Contains($"{DisplayTexts.Reason(code, DisplayTexts.Chinese)}（{code}）", rejected.TextBody, StringComparison.Ordinal);
            Assert.Contains($"{DisplayTexts.Reason(code, DisplayTexts.English)} ({code})", rejected.TextBody, StringComparison.Ordinal);
            Assert.Contains(DisplayTexts.Reason(code, DisplayTexts.Chinese), WebUtility.HtmlDecode(rejected.HtmlBody), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SmtpDown_StepsStillCommit_MailsQueue_AndAllArriveOnceWhenItReturns()
    {
        await _smtp.StopAsync();
        const string decl = "530020260004567890";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 200, fob: 120000m, currency: "CNY", exportDutyPaid: 10909.09m));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 100, "Unsold", "2026-07-01", cif: 60000m)],
            [CaseDriver.Document("SelfDeclaration", decl, 100), CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 100, "2026-07-01", 60000m, 0m, 0.05m, decl, currency: "CNY", declarationDate: "2026-08-02"));
        var closed = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");
        Assert.Equal("Closed", CaseDriver.Status(closed));
        var expected = closed["timeline"]!.AsArray().Count(e => e!["notification"] is not null);
        Assert.Contains(closed["timeline"]!.AsArray(), e => e!["notification"]?.GetValue<string>() == CaseNotifications.ExportDutyRefunded);

        // The background dispatcher and this one both try; each message is tried once before its backoff.
        await Dispatcher.DispatchDueAsync(default);
        var queued = await Eventually.GetAsync(() => OutboxAsync($"caseId={caseId}&status=Pending"),
            q => q["totalCount"]!.GetValue<int>() == expected && q["items"]!.AsArray().All(m => m!["lastError"] is not null));
        Assert.All(queued["items"]!.AsArray(), m =>
        {
            Assert.Equal(1, m!["attempts"]!.GetValue<int>());
            Assert.Contains("Connect", m["lastError"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        });
        Assert.Empty(_smtp.Messages());

        await _smtp.StartAsync();
        // Before the backoff has passed nothing is retried; after it, everything goes.
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(default));
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var messages = await ReceivedAsync(expected);
        // Once every row is marked sent, another dispatch must find nothing to send again.
        await Eventually.GetAsync(() => OutboxAsync($"caseId={caseId}&status=Sent"), q => q["totalCount"]!.GetValue<int>() == expected);
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(default));

        messages = _smtp.Messages();
        Assert.Equal(expected, messages.Count);
        Assert.Equal(expected, messages.Select(m => m.MessageId).Distinct().Count());
        var refund = messages.Single(m => Template(m) == CaseNotifications.ExportDutyRefunded);
        Assert.Contains("5,454.55", refund.Subject);
        Assert.Contains("5,454.55", refund.HtmlBody);
        Assert.Equal(expected, (await OutboxAsync($"caseId={caseId}&status=Sent"))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeadLetter_AfterTheAttempts_IsVisibleToOfficers_AndSentAgainByHand()
    {
        await _smtp.StopAsync();
        const string decl = "530020260001234567";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 1000));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", decl, 500), CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();

        // Each pass tries what is due and moves past the backoff (the background dispatcher may take some tries).
        var dead = await Eventually.GetAsync(async () =>
        {
            await Dispatcher.DispatchDueAsync(default);
            _host.Clock.Advance(TimeSpan.FromHours(1));
            return await OutboxAsync($"caseId={caseId}&status=DeadLetter");
        }, d => d["totalCount"]!.GetValue<int>() == 1);
        var letter = dead["items"]!.AsArray().Single()!;
        Assert.Equal(CaseNotifications.CaseReceived, letter["template"]!.GetValue<string>());
        Assert.Equal(3, letter["attempts"]!.GetValue<int>());
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(default));

        var exporterTry = await _cases.Exporter.PostAsync($"/api/outbox/{letter["id"]}/retry", null);
        Assert.Equal(HttpStatusCode.Forbidden, exporterTry.StatusCode);
        await _smtp.StartAsync();
        await _cases.Customs.PostJsonAsync($"/api/outbox/{letter["id"]}/retry", new JsonObject());
        var message = Assert.Single(await ReceivedAsync(1));
        Assert.Equal(letter["messageId"]!.GetValue<string>(), message.MessageId);
        var again = await _cases.Customs.PostAsync($"/api/outbox/{letter["id"]}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task RefusedStep_WritesNoMail()
    {
        const string decl = "530020260001234567";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 1000));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", decl, 500), CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");

        // Reject needs reason codes: the step that would write the case-rejected mail is refused and rolls back.
        using var response = await _cases.Customs.PostAsync($"/api/tasks/{taskId}/complete", HttpJson.Json(new JsonObject { ["outcome"] = "Reject" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var all = await OutboxAsync($"caseId={caseId}");
        Assert.Equal([CaseNotifications.CaseReceived], all["items"]!.AsArray().Select(m => m!["template"]!.GetValue<string>()).ToArray());
        Assert.Equal("EvidenceReview", CaseDriver.Status(await _cases.GetAsync(caseId)));
    }

    [Fact]
    public async Task SupplementReminder_GoesThreeDaysBeforeTheDueDate_UnlessTheEvidenceArrived()
    {
        const string decl = "530020260010123457";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 100));
        var late = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 10, "Unsold", "2026-08-20")],
            [CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        var prompt = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 10, "Unsold", "2026-08-20", lineNo: 1)],
            [CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        var due = (await _cases.GetAsync(late))["supplement"]!["dueDate"]!.GetValue<string>();
        await _cases.Exporter.PostJsonAsync($"/api/cases/{prompt}/documents", CaseDriver.Document("SelfDeclaration", decl, 10));

        var requested = (await ReceivedAsync(4)).Where(m => Template(m) == CaseNotifications.SupplementRequested).ToList();
        Assert.Equal(2, requested.Count);
        Assert.Contains($"by {due} 24:00", requested[0].TextBody);
        Assert.Contains("企业自主声明（滞销退货）", requested[0].TextBody);
        Assert.Contains("the enterprise's self-declaration (unsold goods)", requested[0].HtmlBody);

        var remindAt = new DateTimeOffset(DateOnly.Parse(due, CultureInfo.InvariantCulture).AddDays(-3).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        _host.Clock.SetUtcNow(remindAt.AddMinutes(-1));
        await Dispatcher.DispatchDueAsync(default);
        Assert.DoesNotContain(_smtp.Messages(), m => Template(m) == CaseSessionReminder);
        _host.Clock.SetUtcNow(remindAt);
        // Wait for the reminder itself: another mail of the two cases may still arrive first.
        var reminders = (await Eventually.GetAsync(async () =>
            {
                await Dispatcher.DispatchDueAsync(default);
                return _smtp.Messages();
            }, m => m.Any(x => Template(x) == CaseSessionReminder))).Where(m => Template(m) == CaseSessionReminder).ToList();

        var reminder = Assert.Single(reminders);
        Assert.Equal(late, reminder.Headers["X-ExportTaxCheck-Case"]);
        Assert.Contains(due, reminder.Subject);
        // The host's own mail worker may still hold the prompt case's reminder (leased, Pending) when the late one has
        // arrived: wait until it is decided, then it must have been cancelled.
        await Eventually.GetAsync(async () =>
            {
                await Dispatcher.DispatchDueAsync(default);
                return await OutboxAsync($"caseId={prompt}&status=Pending");
            },
            pending => pending["items"]!.AsArray().All(i => i!["template"]?.GetValue<string>() != CaseSessionReminder));
        var cancelled = await OutboxAsync($"caseId={prompt}&status=Cancelled");
        Assert.Equal(CaseSessionReminder, cancelled["items"]![0]!["template"]!.GetValue<string>());
    }

    private const string CaseSessionReminder = CaseSession.SupplementReminder;

    [Fact]
    public void ProductTemplates_AreAllThere_AndParse()
    {
        var templates = _host.Services.GetRequiredService<NotificationTemplates>();
        Assert.Empty(templates.Check(CaseNotifications.All));
    }

    [Fact]
    public async Task InvalidContactEmail_Is400()
    {
        var body = CaseDriver.Case([CaseDriver.Line("530020260001234567", 500, "Unsold", "2026-08-20")], []);
        body["contactEmail"] = "not an address";
        using var response = await _cases.Exporter.PostAsync("/api/cases", HttpJson.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("contactEmail", await response.Content.ReadAsStringAsync());
    }
}
