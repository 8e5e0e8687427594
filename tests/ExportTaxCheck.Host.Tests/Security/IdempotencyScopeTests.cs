using System.Net;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// Idempotency keys belong to their caller's enterprise: another exporter with the same key neither learns that it was
/// used (no 422) nor can take it first so that the owner's command fails.
/// </summary>
public sealed class IdempotencyScopeTests : IAsyncLifetime
{
    private const string Decl = "530020260018901234";
    private const string OtherDecl = "530020260019012345";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(
            CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000),
            CaseDriver.ExportLine(OtherDecl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, exporter: HostFixture.OtherExporterUscc));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static HttpRequestMessage Open(string declarationNo, string uscc, string key)
    {
        var body = CaseDriver.Case([CaseDriver.Line(declarationNo, 100, "Unsold", "2026-08-20")], [CaseDriver.Document("SelfDeclaration", declarationNo, 100)]);
        body["exporterUscc"] = uscc;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = HttpJson.Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task SameKey_FromAnotherEnterpriseFirst_NeitherLeaksNorBlocksTheOwner()
    {
        using var other = _host.WithKey(HostFixture.OtherExporterKey);

        using var squatted = await other.SendAsync(Open(OtherDecl, HostFixture.OtherExporterUscc, "order-42"));
        using var owner = await _cases.Exporter.SendAsync(Open(Decl, HostFixture.ExporterUscc, "order-42"));
        using var ownerAgain = await _cases.Exporter.SendAsync(Open(Decl, HostFixture.ExporterUscc, "order-42"));
        using var probe = await other.SendAsync(Open(OtherDecl, HostFixture.OtherExporterUscc, "order-42"));

        Assert.Equal(HttpStatusCode.Created, squatted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, owner.StatusCode);
        var ownerCase = (await owner.ReadJsonAsync())["caseId"]!.GetValue<string>();
        Assert.Equal(ownerCase, (await ownerAgain.ReadJsonAsync())["caseId"]!.GetValue<string>());
        Assert.NotEqual(ownerCase, (await squatted.ReadJsonAsync())["caseId"]!.GetValue<string>());
        // The other enterprise's repeat replays its own case: nothing tells it the owner used the key too.
        Assert.Equal((await squatted.ReadJsonAsync())["caseId"]!.GetValue<string>(), (await probe.ReadJsonAsync())["caseId"]!.GetValue<string>());
    }
}
