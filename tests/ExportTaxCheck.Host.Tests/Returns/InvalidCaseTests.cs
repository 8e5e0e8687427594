using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>Invalid return requests get 400 naming the V-/E- code, and leave nothing in the database.</summary>
public abstract class InvalidCaseTests(TestDatabase database) : IAsyncLifetime
{
    private const string Decl = "530020260001234567";
    private readonly HostFixture _host = new HostFixture(database: database).WithProductFlows();
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject Valid() => CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")], [CaseDriver.Document("SelfDeclaration", Decl, 500)]);

    public static TheoryData<string, string> Cases => new()
    {
        { "exporterUscc=91440300MA5G7K2L3X", "V-01" },
        { "exporterName=", "FIELD_INVALID" },
        { "attestationAccepted=false", "EVIDENCE_INCOMPLETE:MISSING_ATTESTATION" },
        { "line.exportDeclarationNo=530020261001234567", "V-02" },
        { "line.exportDeclarationNo=530020260009999999", "EXPORT_LINE_NOT_FOUND" },
        { "line.returnedQty=0", "V-09" },
        { "line.returnUnitCode=035", "UNIT_MISMATCH" },
        { "line.returnUnitCode=999", "V-05" },
        { "line.plannedEntryDate=2026-03-01", "V-12" },
        { "line.reason=", "FIELD_INVALID" },
        { "line.declaredCifForeign=-1", "V-07" },
        { "lines=", "FIELD_INVALID" },
        { "document.signedBy=", "FIELD_INVALID" },
        { "document.contentBase64=not base64!", "FIELD_INVALID" },
        // Read as the dispatcher reads a recipient field: two addresses are not one contact.
        { "contactEmail=returns@lanbo-trading.example.cn, boss@lanbo-trading.example.cn", "FIELD_INVALID" },
        { "document.contentBase64=PGh0bWw+PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0PjwvaHRtbD4=", "DOCUMENT_TYPE_NOT_ALLOWED" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_InvalidRequest_Is400WithCodeAndWritesNothing(string change, string code)
    {
        var body = Valid();
        var (path, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
        var target = path.StartsWith("line.", StringComparison.Ordinal) ? body["lines"]![0]!.AsObject()
            : path.StartsWith("document.", StringComparison.Ordinal) ? body["documents"]![0]!.AsObject() : body;
        var name = path[(path.IndexOf('.') + 1)..];
        target[name] = value switch
        {
            "" => null,
            "true" or "false" => bool.Parse(value),
            _ when decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number) && !name.EndsWith("No", StringComparison.Ordinal) && name != "returnUnitCode" => number,
            _ => value,
        };
        if (path == "lines")
            body["lines"] = new JsonArray();

        var response = await _cases.Exporter.PostAsync("/api/cases", HttpJson.Json(body));
        var problem = await response.ReadJsonAsync();
        var list = await _cases.Analyst.GetJsonAsync("/api/cases");
        var instances = await _cases.Analyst.GetJsonAsync("/elsa/api/workflow-instances");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(code, problem["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(0, list["totalCount"]!.GetValue<int>());
        Assert.Equal(0, instances["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_MalformedJson_Is400()
    {
        var response = await _cases.Exporter.PostAsync("/api/cases", HttpJson.Json("{\"lines\": [ {\"reason\": \"Repairing\"} ]}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Create_SameIdempotencyKey_ReturnsTheFirstCase()
    {
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = HttpJson.Json(Valid()) };
        first.Headers.Add("Idempotency-Key", "case-1");
        using var second = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = HttpJson.Json(Valid()) };
        second.Headers.Add("Idempotency-Key", "case-1");

        var a = await (await _cases.Exporter.SendAsync(first)).ReadJsonAsync();
        var b = await (await _cases.Exporter.SendAsync(second)).ReadJsonAsync();

        Assert.Equal(a["caseId"]!.GetValue<string>(), b["caseId"]!.GetValue<string>());
        Assert.Equal(1, (await _cases.Analyst.GetJsonAsync("/api/cases"))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task OtherEnterprise_CannotReadOrCreateForE1()
    {
        var created = await _cases.CreateAsync(Valid());
        var other = _host.WithKey(HostFixture.OtherExporterKey);

        var read = await other.GetAsync($"/api/cases/{created["caseId"]!.GetValue<string>()}");
        var create = await other.PostAsync("/api/cases", HttpJson.Json(Valid()));
        var list = await other.GetJsonAsync("/api/cases");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(0, list["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownCase_Is404AndWrongStateDeclarationIs409()
    {
        var missing = await _cases.Exporter.GetAsync("/api/cases/RC-2026-999999");
        var created = await _cases.CreateAsync(Valid());
        var declaration = await _cases.Exporter.PostAsync($"/api/cases/{created["caseId"]!.GetValue<string>()}/return-declarations",
            HttpJson.Json(CaseDriver.Declaration("BTZM-14403000000-2026-000001", 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl)));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, declaration.StatusCode);
    }
}
