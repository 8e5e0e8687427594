using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Durability;

/// <summary>
/// A request never takes a second pooled connection while it holds one: when every connection of the pool is held by
/// requests that each wait for another, none ever gets one (under load, with a pool of 40, 200 starts at once did). A Host
/// whose PostgreSQL pool holds one connection therefore runs flows, definition changes, certificate commands and a whole
/// return case, only slower; a nested connection on any path these take fails its request after the pool's 20 s wait.
/// </summary>
public sealed class OneConnectionTests : IAsyncLifetime
{
    private const string Decl1 = "530020260001234567";
    private readonly HostFixture _host = new HostFixture(database: TestDatabase.PostgreSql, poolSize: 1).WithProductFlows();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartResumeAndRead_OnAPoolOfOneConnection_AllAnswer()
    {
        var client = _host.Analyst();
        await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("one-connection"), ["publish"] = true });

        // The first start compiles the version it runs; the second finds it compiled.
        var first = await client.PostJsonAsync("/elsa/api/workflow-definitions/one-connection/execute", new JsonObject());
        var second = await client.PostJsonAsync("/elsa/api/workflow-definitions/one-connection/execute", new JsonObject());

        foreach (var started in new[] { first, second })
        {
            var instanceId = started["workflowState"]!["id"]!.GetValue<string>();
            var taskId = started["workflowState"]!["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>();
            await client.PostJsonAsync($"/elsa/api/tasks/{taskId}/complete", new JsonObject { ["result"] = "ok" }, idempotencyKey: "one-" + taskId);
            var instance = await client.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}");
            Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        }

        var listed = await client.PostJsonAsync("/elsa/api/workflow-instances", new JsonObject { ["definitionId"] = "one-connection", ["pageSize"] = 10 });
        Assert.Equal(2, listed["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task DefinitionLifecycle_OnAPoolOfOneConnection_AllAnswer()
    {
        var client = _host.Analyst();
        await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("lifecycle") });
        await client.PostJsonAsync("/elsa/api/workflow-definitions/lifecycle/publish", new JsonObject());
        await client.PostJsonAsync("/elsa/api/workflow-definitions/lifecycle/retract", new JsonObject());
        using var deleted = await client.DeleteAsync("/elsa/api/workflow-definitions/lifecycle");
        Assert.True(deleted.IsSuccessStatusCode, $"Delete answered {(int)deleted.StatusCode}.");
        using var gone = await client.GetAsync("/elsa/api/workflow-definitions/by-definition-id/lifecycle");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task CertificateCancel_OnAPoolOfOneConnection_Answers()
    {
        var cases = new CaseDriver(_host);
        var caseId = await cases.OpenUnsoldCaseAsync(Decl1);
        var first = CaseDriver.CertificateNo(await cases.ThroughCertificateAsync(caseId));

        var cancelled = await cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/certificates/{first}/cancel", new JsonObject { ["reason"] = "wrong quantity" }, "one-cancel");
        Assert.Equal("Cancelled", cancelled["certificates"]!.AsArray().Single(c => c!["certificateNo"]!.GetValue<string>() == first)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReturnCase_OnAPoolOfOneConnection_RunsToClosed()
    {
        var cases = new CaseDriver(_host);
        await cases.LoadAsync(CaseData.ExportLine(Decl1, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var opened = CaseData.Case([CaseData.Line(Decl1, 500, "Unsold", "2026-08-20")], [CaseData.Document("SelfDeclaration", Decl1, 500), CaseData.Document("ExportDeclaration", Decl1)]);
        opened["contactEmail"] = "returns@lanbo-trading.example.cn";
        var caseId = (await cases.CreateAsync(opened))["caseId"]!.GetValue<string>();

        var issued = await cases.ThroughCertificateAsync(caseId);
        Assert.Equal("CertificateIssued", CaseDriver.Status(issued));
        var checkedView = await cases.FileDeclarationAsync(caseId, CaseData.Declaration(CaseDriver.CertificateNo(issued), 500, "2026-08-20", 10000m, 7.1200m, 0.08m, Decl1));
        Assert.Equal("Matched", CaseDriver.Status(checkedView));
        var cleared = await cases.CompleteAsync(cases.Customs, caseId, "DecideClearance", "Record");
        Assert.Equal("Closed", CaseDriver.Status(cleared));

        await cases.DeliverFeedbackAsync();
        var closed = await cases.GetAsync(caseId);
        Assert.Equal("Closed", CaseDriver.Status(closed));
        Assert.Equal("Used", closed["certificates"]![0]!["status"]!.GetValue<string>());

        // Every e-mail of the case is rendered from the case (a read of its own) and sent: the worker's sweep or this one.
        var mail = _host.Services.GetRequiredService<MailDispatcher>();
        await mail.DispatchDueAsync(CancellationToken.None);
        var messages = await mail.ListAsync(null, null, 1, 200, CancellationToken.None);
        Assert.Contains(messages.Items, m => m.Status == OutboxStatus.Sent);
        Assert.All(messages.Items, m => Assert.True(
            m.Status is OutboxStatus.Sent or OutboxStatus.Cancelled || (m.Status == OutboxStatus.Pending && m.Attempts == 0 && m.NextAttemptAt > _host.Clock.GetUtcNow()),
            $"{m.Template}: {m.Status} after {m.Attempts} attempt(s) {m.LastError}"));
    }
}
