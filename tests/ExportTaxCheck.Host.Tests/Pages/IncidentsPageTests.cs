using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Pages;

/// <summary>
/// The incidents page lists faulted workflow instances and failed messages to customs, each with a Retry that runs it
/// again; a second click on the same Retry does not act twice. Only supervisors and analysts see it.
/// </summary>
public sealed class IncidentsPageTests : IAsyncLifetime
{
    private const string Decl = "530020260007654321";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.Analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = Flows.Flowchart("needs-ready",
                [
                    new JsonObject
                    {
                        ["id"] = "check", ["type"] = "Elsa.WriteLine",
                        ["text"] = Flows.Input("String", "JavaScript", "if (!getReady()) throw new Error('not ready'); 'ready'"),
                    },
                ],
                [],
                [new JsonObject { ["id"] = "ready", ["name"] = "Ready", ["typeName"] = "Boolean", ["value"] = "false" }]),
            ["publish"] = true,
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> StatusAsync(string instanceId) => (await _cases.Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}"))["status"]!.GetValue<string>();

    /// <summary>Submits the Retry form of <paramref name="testId"/> as the page drew it (its hidden fields and antiforgery token); returns the flash shown next.</summary>
    private static async Task<string> ClickRetryAsync(HttpClient browser, string page, string handler, string testId)
    {
        var form = System.Text.RegularExpressions.Regex.Match(page, $"<form[^>]*handler={handler}[^>]*>((?:(?!</form>).)*data-testid=\"{testId}\"(?:(?!</form>).)*)</form>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success, $"No Retry form for {testId}.");
        var fields = System.Text.RegularExpressions.Regex.Matches(form.Groups[1].Value, "<input[^>]*>").Select(m => m.Value)
            .ToDictionary(
                input => System.Text.RegularExpressions.Regex.Match(input, "name=\"([^\"]+)\"").Groups[1].Value,
                input => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]*)\"").Groups[1].Value));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/incidents?handler={handler}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var posted = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return PageHtml.Text(await PageHtml.GetAsync(browser, "/incidents", "en"), "flash");
    }

    [Fact]
    public async Task FaultedInstance_IsListed_RetryRunsItAgain_AndASecondClickDoesNotActTwice()
    {
        var id = (await _cases.Analyst.PostJsonAsync("/elsa/api/workflow-definitions/needs-ready/execute", new JsonObject(), Guid.NewGuid().ToString()))["workflowState"]!["id"]!.GetValue<string>();
        Assert.Equal("Faulted", (await _cases.Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}"))["subStatus"]!.GetValue<string>());
        var supervisor = await _host.SignedInBrowserAsync("supervisor");
        var page = await PageHtml.GetAsync(supervisor, "/incidents", "en");
        Assert.Contains("not ready", PageHtml.Text(page, "faulted-" + id));
        Assert.Contains("needs-ready · v1", PageHtml.Text(page, "faulted-" + id));
        // The cause is fixed; the instance still waits on its incident.
        await _cases.Supervisor.PostJsonAsync("/elsa/api/alterations/run", new JsonObject
        {
            ["workflowInstanceIds"] = new JsonArray(id),
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "ready", ["value"] = true }),
        }, Guid.NewGuid().ToString());

        var first = await ClickRetryAsync(supervisor, page, "RetryInstance", "retry-instance-" + id);
        var second = await ClickRetryAsync(supervisor, page, "RetryInstance", "retry-instance-" + id);

        Assert.Contains("runs again", first);
        Assert.Contains("Nothing to retry", second);
        Assert.Equal("Finished", await StatusAsync(id));
        var retries = (await _cases.Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=100"))["items"]!.AsArray()
            .Count(i => i!["eventName"]!.GetValue<string>() == "Altered" && i["payload"]!["alteration"]!.GetValue<string>() == "ScheduleActivity");
        Assert.Equal(1, retries);
        Assert.DoesNotContain("faulted-" + id, await PageHtml.GetAsync(supervisor, "/incidents"));
    }

    [Fact]
    public async Task FailedStatusUpdate_IsListed_RetrySendsItAgain_AndASecondClickDoesNotSendTwice()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        await _cases.ThroughCertificateAsync(caseId);
        // a refund on the rest of the line is pushed to customs for the unused NotRefunded certificate; customs refused it once.
        await _cases.DeclareRefundAsync(Decl, 700, vat: 9100m);
        var factory = _host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        // The Host's own worker may be delivering it at the same time: wait until the delivery is recorded, so that the
        // failure written below is not overwritten by a delivery still in flight.
        var delivered = false;
        for (var attempt = 0; attempt < 1200 && !delivered; attempt++)
        {
            await _cases.DeliverStatusUpdatesAsync();
            await using var progress = await factory.CreateDbContextAsync();
            delivered = await progress.Set<CertificateStatusUpdateRecord>().AnyAsync(u => u.CaseId == caseId && u.Status == StatusUpdateDelivery.Delivered);
            if (!delivered)
                await Task.Delay(50);
        }
        Assert.True(delivered, "the status update was never delivered");
        string messageId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var row = await db.Set<CertificateStatusUpdateRecord>().SingleAsync(u => u.CaseId == caseId);
            row.Status = StatusUpdateDelivery.Failed;
            row.Attempts = 1;
            row.LastError = "NACK: refused by customs";
            await db.SaveChangesAsync();
            messageId = row.Id;
        }
        var supervisor = await _host.SignedInBrowserAsync("analyst");
        var page = await PageHtml.GetAsync(supervisor, "/incidents", "en");
        Assert.Contains("NACK", PageHtml.Text(page, "transmission-" + messageId));

        var first = await ClickRetryAsync(supervisor, page, "RetryTransmission", "retry-transmission-" + messageId);
        var second = await ClickRetryAsync(supervisor, page, "RetryTransmission", "retry-transmission-" + messageId);

        Assert.Contains("customs acknowledged", first);
        Assert.Contains("Nothing to retry", second);
        await using var check = await factory.CreateDbContextAsync();
        var sent = await check.Set<CertificateStatusUpdateRecord>().AsNoTracking().SingleAsync(u => u.Id == messageId);
        Assert.Equal(StatusUpdateDelivery.Delivered, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.DoesNotContain("transmission-" + messageId, await PageHtml.GetAsync(supervisor, "/incidents"));
    }

    [Fact]
    public async Task IncidentsPage_IsLinkedAndOpen_ForSupervisorsAndAnalysts_NotForCaseOfficers()
    {
        var supervisor = await _host.SignedInBrowserAsync("supervisor");
        var officer = await _host.SignedInBrowserAsync("tax.officer");

        var inbox = await PageHtml.GetAsync(supervisor, "/inbox");
        using var refused = await officer.GetAsync("/incidents");
        var officerInbox = await PageHtml.GetAsync(officer, "/inbox");

        Assert.Single(PageHtml.Tags(inbox, "nav-incidents"));
        Assert.Empty(PageHtml.Tags(officerInbox, "nav-incidents"));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("/denied", refused.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
