using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// Through the REST API: E-11 is a screening result (§2.5, QTY_EXCEEDS_EXPORTED "until corrected"),
/// not a refusal of the request; the exporter corrects the line's quantity with an idempotency-keyed command and
/// screening runs again.
/// </summary>
public abstract class LineCorrectionTests(TestDatabase database) : IAsyncLifetime
{
    private const string Decl = "530020260001234567";
    private readonly HostFixture _host = new HostFixture(database: database).WithProductFlows();
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m),
            CaseDriver.ExportLine(Decl, 2, "9810", "2026-03-10", "2026-03-12", "8518300000", 100, fob: 2000m));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonNode> OpenAsync(decimal qty, JsonObject? extraLine = null)
    {
        JsonArray lines = [CaseDriver.Line(Decl, qty, "Unsold", "2026-08-20")];
        JsonArray documents = [CaseDriver.Document("SelfDeclaration", Decl, Math.Max(qty, 1)), CaseDriver.Document("ExportDeclaration", Decl)];
        if (extraLine is not null)
        {
            lines.Add(extraLine);
            documents.Add(CaseDriver.Document("SelfDeclaration", Decl, 100, line: 2));
            documents.Add(CaseDriver.Document("ExportDeclaration", Decl, line: 2));
        }
        var body = CaseDriver.Case(lines, documents);
        body["contactEmail"] = "returns@lanbo-trading.example.cn";
        return await _cases.CreateAsync(body);
    }

    private Task<JsonNode> CorrectAsync(string caseId, int lineNo, JsonObject correction, string? key = null) =>
        _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/lines/{lineNo}/correction", correction, key);

    private static IEnumerable<string> Reasons(JsonNode line) => line["eligibility"]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>());

    [Fact]
    public async Task OverQuantity_IsCreatedIneligibleUntilCorrected_AndTheKeyedCorrectionRescreensOnce()
    {
        var created = await OpenAsync(2500);
        var caseId = created["caseId"]!.GetValue<string>();

        Assert.Equal("CorrectionRequired", CaseDriver.Status(created));
        Assert.Equal("Ineligible", created["lines"]![0]!["eligibility"]!["outcome"]!.GetValue<string>());
        Assert.Equal(["QTY_EXCEEDS_EXPORTED"], Reasons(created["lines"]![0]!));
        Assert.Contains(created["timeline"]!.AsArray(), e => e!["notification"]?.GetValue<string>() == "correction-required");
        Assert.Empty(created["tasks"]!.AsArray());

        var corrected = await CorrectAsync(caseId, 1, new JsonObject { ["returnedQty"] = 500 }, "fix-1");
        var replayed = await CorrectAsync(caseId, 1, new JsonObject { ["returnedQty"] = 500 }, "fix-1");
        using var reused = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/lines/1/correction") { Content = HttpJson.Json(new JsonObject { ["returnedQty"] = 400 }) };
        reused.Headers.Add("Idempotency-Key", "fix-1");
        using var reusedAnswer = await _cases.Exporter.SendAsync(reused);

        Assert.Equal("EvidenceReview", CaseDriver.Status(corrected));
        Assert.Equal(500m, corrected["lines"]![0]!["returnedQty"]!.GetValue<decimal>());
        Assert.Equal("Eligible", corrected["lines"]![0]!["eligibility"]!["outcome"]!.GetValue<string>());
        Assert.Equal(1500m, corrected["lines"]![0]!["eligibility"]!["remainingReturnableQty"]!.GetValue<decimal>());
        Assert.Single(replayed["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "Correction");
        Assert.Single(replayed["timeline"]!.AsArray(), e => e!["message"]!.GetValue<string>().StartsWith("Every line falls under", StringComparison.Ordinal));
        Assert.Single(replayed["tasks"]!.AsArray());
        Assert.Equal(422, (int)reusedAnswer.StatusCode);
    }

    [Fact]
    public async Task CumulativeOverClaim_DoesNotBlockOtherCases_WhileItWaitsForTheCorrection()
    {
        Assert.Equal("EvidenceReview", CaseDriver.Status(await OpenAsync(1500)));
        var over = await OpenAsync(800);
        var third = await OpenAsync(400);

        Assert.Equal("CorrectionRequired", CaseDriver.Status(over));
        Assert.Equal(0m, over["lines"]![0]!["eligibility"]!["remainingReturnableQty"]!.GetValue<decimal>());
        Assert.Equal("EvidenceReview", CaseDriver.Status(third));

        var still = await CorrectAsync(over["caseId"]!.GetValue<string>(), 1, new JsonObject { ["returnedQty"] = 200 });
        var fixedView = await CorrectAsync(over["caseId"]!.GetValue<string>(), 1, new JsonObject { ["returnedQty"] = 100 });

        Assert.Equal("CorrectionRequired", CaseDriver.Status(still));
        Assert.Equal("EvidenceReview", CaseDriver.Status(fixedView));
        Assert.Equal(0m, fixedView["lines"]![0]!["eligibility"]!["remainingReturnableQty"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task PartlyOverCase_WaitsForTheCorrection_ThenGoesOnWithEveryLine()
    {
        var created = await OpenAsync(500, CaseDriver.Line(Decl, 150, "Unsold", "2026-08-20", itemNo: 2, lineNo: 2));

        Assert.Equal("CorrectionRequired", CaseDriver.Status(created));
        Assert.Equal("Eligible", created["lines"]![0]!["eligibility"]!["outcome"]!.GetValue<string>());
        var corrected = await CorrectAsync(created["caseId"]!.GetValue<string>(), 2, new JsonObject { ["returnedQty"] = 100 });

        Assert.Equal("EvidenceReview", CaseDriver.Status(corrected));
        Assert.All(corrected["lines"]!.AsArray(), l => Assert.Equal("Eligible", l!["eligibility"]!["outcome"]!.GetValue<string>()));
    }

    [Fact]
    public async Task BadCorrections_AreRefusedWithTheirCode_AndChangeNothing()
    {
        var open = (await OpenAsync(500))["caseId"]!.GetValue<string>();
        var waiting = (await OpenAsync(2500))["caseId"]!.GetValue<string>();

        using var outOfTurn = await _cases.Exporter.PostAsync($"/api/cases/{open}/lines/1/correction", HttpJson.Json(new JsonObject { ["returnedQty"] = 400 }));
        using var zero = await _cases.Exporter.PostAsync($"/api/cases/{waiting}/lines/1/correction", HttpJson.Json(new JsonObject { ["returnedQty"] = 0 }));
        using var empty = await _cases.Exporter.PostAsync($"/api/cases/{waiting}/lines/1/correction", HttpJson.Json("{}"));
        using var unknownLine = await _cases.Exporter.PostAsync($"/api/cases/{waiting}/lines/9/correction", HttpJson.Json(new JsonObject { ["returnedQty"] = 10 }));
        using var beforeClock = await _cases.Exporter.PostAsync($"/api/cases/{waiting}/lines/1/correction", HttpJson.Json(new JsonObject { ["plannedEntryDate"] = "2026-03-01" }));
        using var otherEnterprise = await _host.WithKey(HostFixture.OtherExporterKey).PostAsync($"/api/cases/{waiting}/lines/1/correction",
            HttpJson.Json(new JsonObject { ["returnedQty"] = 10 }));

        Assert.Equal((HttpStatusCode.Conflict, "WRONG_STATE"), (outOfTurn.StatusCode, (await outOfTurn.ReadJsonAsync())["code"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.BadRequest, "V-09"), (zero.StatusCode, (await zero.ReadJsonAsync())["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownLine.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "V-12"), (beforeClock.StatusCode, (await beforeClock.ReadJsonAsync())["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, otherEnterprise.StatusCode);
        Assert.Equal(2500m, (await _cases.GetAsync(waiting))["lines"]![0]!["returnedQty"]!.GetValue<decimal>());
    }
}
