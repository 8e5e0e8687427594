using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>The acceptance scenarios of DOMAIN.md §6.1, driven through the REST API and the export-return-case flow.</summary>
public sealed class ReturnCaseScenarioTests : IAsyncLifetime
{
    private const string Decl1 = "530020260001234567";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;

    public Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AS01_UnsoldNeverRefunded_RunsToClosedWithExemptionAndUsedCertificate()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl1, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var created = await _cases.CreateAsync(CaseDriver.Case(
            [CaseDriver.Line(Decl1, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl1, 500), CaseDriver.Document("ExportDeclaration", Decl1)]));
        var caseId = created["caseId"]!.GetValue<string>();

        Assert.Equal("EvidenceReview", CaseDriver.Status(created));
        Assert.Equal("CBEC-RET-2026-16", created["policyVersionId"]!.GetValue<string>());
        Assert.Equal("2026-09-12", created["lines"]![0]!["eligibility"]!["deadline"]!.GetValue<string>());

        var issued = await _cases.ThroughCertificateAsync(caseId);
        var certificate = issued["certificates"]![0]!;
        Assert.Equal("CertificateIssued", CaseDriver.Status(issued));
        Assert.Equal("NotRefunded", certificate["variant"]!.GetValue<string>());
        Assert.Equal("NotDeclared", certificate["refundStatusOnCert"]!.GetValue<string>());
        Assert.Equal("Transmitted", certificate["status"]!.GetValue<string>());
        Assert.Equal(0.00m, issued["amounts"]!["makeUpTotal"]!.GetValue<decimal>());
        Assert.Equal(500m, issued["refundLocks"]![0]!["lockedQty"]!.GetValue<decimal>());

        var certificateNo = CaseDriver.CertificateNo(issued);
        var checkedView = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.1200m, 0.08m, Decl1));
        Assert.Equal("Matched", CaseDriver.Status(checkedView));
        Assert.Equal("Matched", checkedView["crossChecks"]![0]!["result"]!.GetValue<string>());

        var cleared = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");
        var amounts = cleared["amounts"]!;
        Assert.Equal(5696.00m, amounts["importDutyExempted"]!.GetValue<decimal>());
        Assert.Equal(9996.48m, amounts["importVatExempted"]!.GetValue<decimal>());
        Assert.Equal(0.00m, amounts["importCtExempted"]!.GetValue<decimal>());
        Assert.Equal(15692.48m, amounts["totalExempted"]!.GetValue<decimal>());
        Assert.Equal("Closed", CaseDriver.Status(cleared));
        Assert.Equal("Used", cleared["certificates"]![0]!["status"]!.GetValue<string>());

        await _cases.DeliverFeedbackAsync();
        var closed = await _cases.GetAsync(caseId);
        var feedback = closed["usageFeedback"]![0]!;
        Assert.Equal("Delivered", feedback["status"]!.GetValue<string>());
        Assert.Equal("Electronic", feedback["feedback"]!["channel"]!.GetValue<string>());
        Assert.Equal(500m, feedback["feedback"]!["usedLines"]![0]!["qty"]!.GetValue<decimal>());
    }
}
