using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// The built-in customs and tax ends are called in process by default; a configured <c>Customs:BaseUrl</c> and
/// <c>Customs:TaxBaseUrl</c> are called over HTTP (the outage tests cut that line).
/// </summary>
public sealed class BuiltInCustomsCallTests
{
    private const string Decl = "530020260031234567";

    [Fact]
    public async Task DefaultHost_RunsCaseToClosedAndDeliversFeedback_WithoutCallingItselfOverHttp()
    {
        await using var host = new HostFixture().WithProductFlows();
        var cases = new CaseDriver(host);

        var closed = await RunToClosedAsync(cases);

        Assert.Equal("Delivered", closed["usageFeedback"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(0, host.CustomsRequests.Count);
    }

    [Fact]
    public async Task ConfiguredCustomsAndTaxUrls_AreCalledOverHttp()
    {
        await using var network = new SwitchableServer();
        await using var host = HostFixture.BehindNetwork(network);
        var cases = new CaseDriver(host);

        var closed = await RunToClosedAsync(cases);

        Assert.Equal("Delivered", closed["usageFeedback"]![0]!["status"]!.GetValue<string>());
        // Transmission, cross-check, usage report to customs and usage feedback to tax, at least.
        Assert.True(host.CustomsRequests.Count >= 4, $"{host.CustomsRequests.Count} requests reached the customs and tax ends.");
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> RunToClosedAsync(CaseDriver cases)
    {
        await cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var caseId = (await cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        var certificateNo = CaseDriver.CertificateNo(await cases.ThroughCertificateAsync(caseId));
        var matched = await cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.1200m, 0.08m, Decl));
        Assert.Equal("Matched", CaseDriver.Status(matched));
        Assert.Equal("Closed", CaseDriver.Status(await cases.CompleteAsync(cases.Customs, caseId, "DecideClearance", "Record")));
        await cases.DeliverFeedbackAsync();
        return await cases.GetAsync(caseId);
    }
}
