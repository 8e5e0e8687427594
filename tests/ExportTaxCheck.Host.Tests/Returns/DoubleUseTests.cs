using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// Paper and electronic use reconciled (stage 12, DOUBLE_USE_DETECTED), with a real loopback line to customs that the test cuts: a paper
/// use during the outage reaches the customs and tax registries only with its queued usage report, so meanwhile the
/// registry reserves the same certificate for another declaration; reconciliation then holds the later case, opens a
/// supervisor's referral, grants it no exemption and flags one it already got for recovery.
/// </summary>
public abstract class DoubleUseTests(TestDatabase database) : IAsyncLifetime
{
    private const string Decl = "530020260016789012";
    private const string PaperDeclaration = "530020261000700001";
    private const string ElectronicDeclaration = "530020261000700002";
    private readonly SwitchableServer _network = new();
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _host = HostFixture.BehindNetwork(_network, database);
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 2000));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _network.DisposeAsync();
    }

    private async Task<(string CaseId, string CertificateNo)> IssuedAsync()
    {
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 300), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        return (caseId, CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(caseId)));
    }

    private static JsonObject DeclarationOf(string certificateNo, string declarationNo) =>
        CaseDriver.Declaration(certificateNo, 300, "2026-08-20", 6000m, 7.12m, 0.08m, Decl, declarationNo: declarationNo);

    /// <summary>With the line cut: the cross-check gives up (Unavailable), the paper certificate is verified by hand and the goods released.</summary>
    private async Task<JsonNode> ClearOnPaperAsync(string caseId, string certificateNo, string declarationNo)
    {
        _network.Up = false;
        await _cases.FileDeclarationAsync(caseId, DeclarationOf(certificateNo, declarationNo));
        await Eventually.GetAsync(async () =>
        {
            var view = await _cases.GetAsync(caseId);
            if (CaseDriver.Status(view) == "ReturnDeclared")
            {
                _host.Clock.Advance(TimeSpan.FromMinutes(20));
                await _cases.FireTimersAsync();
            }
            return view;
        }, v => CaseDriver.Status(v) != "ReturnDeclared");
        await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/paper-certificates", new JsonObject { ["certificateNo"] = certificateNo });
        await _cases.CompleteAsync(_cases.Customs, caseId, "VerifyPaperCertificate", "Verified");
        var cleared = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");
        Assert.Equal("Closed", CaseDriver.Status(cleared));
        // The report waits for the network: it has been tried and failed at least once.
        await Eventually.GetAsync(async () =>
        {
            await _cases.DeliverFeedbackAsync();
            return await _cases.GetAsync(caseId);
        }, v => v["usageFeedback"]![0]!["attempts"]!.GetValue<int>() > 0);
        return cleared;
    }

    private async Task<JsonNode> DeliverPaperReportAsync(string paperCase)
    {
        _network.Up = true;
        _host.Clock.Advance(TimeSpan.FromMinutes(15));
        return await Eventually.GetAsync(async () =>
        {
            await _cases.DeliverFeedbackAsync();
            return await _cases.GetAsync(paperCase);
        }, v => v["usageFeedback"]![0]!["status"]!.GetValue<string>() == "Delivered");
    }

    [Fact]
    public async Task PaperUseFirst_ElectronicUseLater_TheLaterCaseIsHeld_ItsExemptionFlaggedForRecovery_AndAReferralOpens()
    {
        var (paperCase, certificateNo) = await IssuedAsync();
        var (laterCase, _) = await IssuedAsync();
        await ClearOnPaperAsync(paperCase, certificateNo, PaperDeclaration);
        _network.Up = true;
        _host.Clock.Advance(TimeSpan.FromSeconds(1));

        // The customs registry does not know of the paper use yet: the same certificate matches another declaration.
        var matched = await _cases.FileDeclarationAsync(laterCase, DeclarationOf(certificateNo, ElectronicDeclaration));
        Assert.Equal("Matched", CaseDriver.Status(matched));
        var cleared = await _cases.CompleteAsync(_cases.Customs, laterCase, "DecideClearance", "Record");
        Assert.Equal("Closed", CaseDriver.Status(cleared));
        var granted = cleared["amounts"]!["totalExempted"]!.GetValue<decimal>();
        Assert.True(granted > 0);

        var paper = await DeliverPaperReportAsync(paperCase);

        Assert.Equal("DOUBLE_USE_DETECTED", paper["usageFeedback"]![0]!["lastError"]!.GetValue<string>());
        var held = await Eventually.GetAsync(() => _cases.GetAsync(laterCase), v => CaseDriver.Status(v) == "OnHold");
        Assert.Equal("DOUBLE_USE_DETECTED", held["hold"]!["code"]!.GetValue<string>());
        Assert.Equal(certificateNo, held["hold"]!["certificateNo"]!.GetValue<string>());
        Assert.Equal("Closed", held["hold"]!["previousStatus"]!.GetValue<string>());
        Assert.Equal(granted, held["recovery"]!["amount"]!.GetValue<decimal>());
        Assert.Contains(held["timeline"]!.AsArray(), e => e!["codes"]!.AsArray().Any(c => c!.GetValue<string>() == "RECOVERY_DUE"));
        var referral = held["tasks"]!.AsArray().Single(t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.ReviewReferral")!;
        Assert.Equal("Supervisor", referral["candidateRole"]!.GetValue<string>());
        Assert.Equal("Open", referral["status"]!.GetValue<string>());
        // The earlier (paper) case stands; both uses are in the customs registry.
        Assert.Equal("Closed", CaseDriver.Status(paper));
        Assert.Null(paper["hold"]);
        var registry = paper["customsRegistry"]![0]!;
        Assert.Equal("Used", registry["status"]!.GetValue<string>());
        Assert.Equal([PaperDeclaration, ElectronicDeclaration], registry["uses"]!.AsArray().Select(u => u!["returnDeclarationNo"]!.GetValue<string>()).Order());

        // Reported again (a retry of the delivery): nothing is held or flagged twice.
        await _cases.DeliverFeedbackAsync();
        Assert.Single((await _cases.GetAsync(laterCase))["holds"]!.AsArray());
    }

    [Fact]
    public async Task PaperUseReportedWhileTheOtherDeclarationIsOnlyReserved_ThatCaseIsHeldAndGetsNoExemptionAfterRelease()
    {
        var (paperCase, certificateNo) = await IssuedAsync();
        var (laterCase, _) = await IssuedAsync();
        await ClearOnPaperAsync(paperCase, certificateNo, PaperDeclaration);
        _network.Up = true;
        Assert.Equal("Matched", CaseDriver.Status(await _cases.FileDeclarationAsync(laterCase, DeclarationOf(certificateNo, ElectronicDeclaration))));

        await DeliverPaperReportAsync(paperCase);

        var held = await Eventually.GetAsync(() => _cases.GetAsync(laterCase), v => CaseDriver.Status(v) == "OnHold");
        Assert.Null(held["recovery"]);
        var check = held["crossChecks"]!.AsArray()[^1]!;
        Assert.Equal("Mismatched", check["result"]!.GetValue<string>());
        Assert.Contains("DOUBLE_USE_DETECTED", check["reasons"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()));
        Assert.True(held["tasks"]!.AsArray().Single(t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.DecideClearance")!["held"]!.GetValue<bool>());

        var taskId = await _cases.OpenTaskAsync(laterCase, "ReviewReferral");
        await _cases.Supervisor.PostJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = "Release" });
        var decided = await _cases.CompleteAsync(_cases.Customs, laterCase, "DecideClearance", "Record");

        Assert.Equal("Mismatched", CaseDriver.Status(decided));
        Assert.Equal(0m, decided["amounts"]!["totalExempted"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ElectronicUseFirst_PaperUseLater_ThePaperCaseIsTheLaterOne()
    {
        var (electronicCase, certificateNo) = await IssuedAsync();
        var (paperCase, _) = await IssuedAsync();
        Assert.Equal("Matched", CaseDriver.Status(await _cases.FileDeclarationAsync(electronicCase, DeclarationOf(certificateNo, ElectronicDeclaration))));
        Assert.Equal("Closed", CaseDriver.Status(await _cases.CompleteAsync(_cases.Customs, electronicCase, "DecideClearance", "Record")));
        await Eventually.GetAsync(async () =>
        {
            await _cases.DeliverFeedbackAsync();
            return await _cases.GetAsync(electronicCase);
        }, v => v["usageFeedback"]![0]!["status"]!.GetValue<string>() == "Delivered");
        _host.Clock.Advance(TimeSpan.FromSeconds(1));

        // Offline, the port cannot see that the certificate is used: it verifies the paper copy presented with another case.
        var cleared = await ClearOnPaperAsync(paperCase, certificateNo, PaperDeclaration);
        await DeliverPaperReportAsync(paperCase);

        var held = await Eventually.GetAsync(() => _cases.GetAsync(paperCase), v => CaseDriver.Status(v) == "OnHold");
        Assert.Equal(cleared["amounts"]!["totalExempted"]!.GetValue<decimal>(), held["recovery"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("Closed", CaseDriver.Status(await _cases.GetAsync(electronicCase)));
    }
}
