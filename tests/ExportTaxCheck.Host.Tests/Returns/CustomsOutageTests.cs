using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>AS-16 and E-18 with a real loopback server that drops connections: the paper branch, and usage feedback that waits for the network.</summary>
public abstract class CustomsOutageTests(TestDatabase database) : IAsyncLifetime
{
    private const string Decl = "530020260016789012";
    private readonly SwitchableServer _network = new();
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;

    public Task InitializeAsync()
    {
        _host = HostFixture.BehindNetwork(_network, database);
        _cases = new CaseDriver(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _network.DisposeAsync();
    }

    private async Task<(string CaseId, string CertificateNo)> IssuedTaxPaidCaseAsync()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000, refundStatus: "Refunded", vatRefunded: 13000m));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        return (caseId, CaseDriver.CertificateNo(issued));
    }

    /// <summary>Moves the clock past each retry backoff and fires the due timers until the case leaves <paramref name="status"/>.</summary>
    private async Task<JsonNode> RetryUntilLeavesAsync(string caseId, string status) =>
        await Eventually.GetAsync(async () =>
        {
            var view = await _cases.GetAsync(caseId);
            if (CaseDriver.Status(view) == status)
            {
                _host.Clock.Advance(TimeSpan.FromMinutes(20));
                await _cases.FireTimersAsync();
            }
            return view;
        }, v => CaseDriver.Status(v) != status);

    [Fact]
    public async Task CancelWhileCustomsIsUnreachable_Is503CustomsUnavailable_NotADatabaseBusyAnswer_AndChangesNothing()
    {
        var (caseId, c4) = await IssuedTaxPaidCaseAsync();
        _network.Up = false;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/certificates/{c4}/cancel") { Content = HttpJson.Json("{}") };
        using var refused = await _cases.Exporter.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("CUSTOMS_UNAVAILABLE", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        Assert.Null(refused.Headers.RetryAfter);
        var view = await _cases.GetAsync(caseId);
        Assert.Equal("CertificateIssued", CaseDriver.Status(view));
        Assert.Equal("Transmitted", view["certificates"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AS16_NetworkFailureAtCrossCheck_PaperVerification_FeedbackDeliveredWhenNetworkReturns()
    {
        var (caseId, c4) = await IssuedTaxPaidCaseAsync();
        Assert.Equal("Transmitted", (await _cases.GetAsync(caseId))["certificates"]![0]!["status"]!.GetValue<string>());
        _network.Up = false;

        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(c4, 300, "2026-08-20", 3000m, 7.12m, 0.08m, Decl));
        var unavailable = await RetryUntilLeavesAsync(caseId, "ReturnDeclared");

        Assert.Equal("CheckUnavailable", CaseDriver.Status(unavailable));
        var check = unavailable["crossChecks"]!.AsArray()[^1]!;
        Assert.Equal("Unavailable", check["result"]!.GetValue<string>());
        Assert.Equal("NetworkFailure", check["unavailableCause"]!.GetValue<string>());
        Assert.True(_network.Dropped >= 4, $"the cross-check was tried {_network.Dropped} times");

        await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/paper-certificates", new JsonObject { ["certificateNo"] = c4 });
        await _cases.CompleteAsync(_cases.Customs, caseId, "VerifyPaperCertificate", "Verified");
        var cleared = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");

        Assert.Equal("Closed", CaseDriver.Status(cleared));
        Assert.Contains(cleared["timeline"]!.AsArray(), e => e!["status"]?.GetValue<string>() == "ClearedExempt");
        // Item 6: checked on paper, offline: neither registry knows of the use until the queued report arrives.
        Assert.Equal("Transmitted", cleared["certificates"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("Transmitted", cleared["customsRegistry"]![0]!["status"]!.GetValue<string>());
        await _cases.DeliverFeedbackAsync();
        var queued = (await _cases.GetAsync(caseId))["usageFeedback"]![0]!;
        Assert.Equal("Pending", queued["status"]!.GetValue<string>());
        Assert.Equal("Paper", queued["feedback"]!["channel"]!.GetValue<string>());
        Assert.Equal(300m, queued["feedback"]!["usedLines"]![0]!["qty"]!.GetValue<decimal>());
        Assert.Equal(c4, queued["feedback"]!["certificateNo"]!.GetValue<string>());

        _network.Up = true;
        _host.Clock.Advance(TimeSpan.FromMinutes(15));
        await _cases.DeliverFeedbackAsync();
        var after = await _cases.GetAsync(caseId);
        var delivered = after["usageFeedback"]![0]!;
        Assert.Equal("Delivered", delivered["status"]!.GetValue<string>());
        Assert.Equal("Used", after["certificates"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("Paper", after["certificates"]![0]!["usedChannel"]!.GetValue<string>());
        Assert.Equal("Used", after["customsRegistry"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AS16_PaperAfterMismatch_IsRefusedWithPaperNotPermitted()
    {
        var (caseId, c4) = await IssuedTaxPaidCaseAsync();
        var mismatched = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(c4, 299, "2026-08-20", 3000m, 7.12m, 0.08m, Decl));
        Assert.Equal("Mismatched", CaseDriver.Status(mismatched));

        var paper = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/paper-certificates", HttpJson.Json(new JsonObject { ["certificateNo"] = c4 }));

        Assert.Equal(HttpStatusCode.Conflict, paper.StatusCode);
        Assert.Equal("PAPER_NOT_PERMITTED", (await paper.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TransmissionOutage_AfterRetryBudget_IsFailedInfrastructureAndOpensPaperBranch()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 300), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        _network.Up = false;
        var issued = await _cases.ThroughCertificateAsync(caseId);
        for (var i = 0; i < 8; i++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(17));
            await _cases.FireTimersAsync();
        }

        // The Host's timer worker may be firing the same retries; wait for whichever finished the last one.
        var view = await Eventually.GetAsync(() => _cases.GetAsync(caseId), v => v["transmissions"]!.AsArray().Count > 0);
        var transmission = view["transmissions"]!.AsArray()[^1]!;
        Assert.Equal("FailedInfrastructure", transmission["status"]!.GetValue<string>());
        Assert.Equal(5, transmission["retryCount"]!.GetValue<int>());
        Assert.Equal("Issued", view["certificates"]![0]!["status"]!.GetValue<string>());

        var declared = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 300, "2026-08-20", 3000m, 7.12m, 0.08m, Decl));
        Assert.Equal("CheckUnavailable", CaseDriver.Status(declared));
        var paper = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/paper-certificates", HttpJson.Json(new JsonObject { ["certificateNo"] = CaseDriver.CertificateNo(issued) }));
        Assert.Equal(HttpStatusCode.OK, paper.StatusCode);
    }
}
