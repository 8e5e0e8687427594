using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// Through the REST API: deadlines hold in time (E-05/E-06, A-05). A planned entry past the deadline is
/// ineligible at screening; a near deadline is flagged on the case and task pages; a deadline that passes with the goods
/// not entered re-screens the line by a durable timer; a refusal at clearance says why; a 1210 line's date into
/// 境内区外 can come after opening and the window follows it.
/// </summary>
public abstract class DeadlineTests(TestDatabase database) : IAsyncLifetime
{
    // Exported 2026-02-05: the deadline is 2026-08-05, four days after the test clock's 2026-08-01.
    private const string Near = "530020260001234567";
    private const string Bonded = "530020260001210001";
    private readonly HostFixture _host = new HostFixture(database: database).WithProductFlows();
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(
            CaseDriver.ExportLine(Near, 1, "9810", "2026-02-04", "2026-02-05", "8518300000", 2000, fob: 40000m),
            CaseDriver.ExportLine(Bonded, 1, "1210", "2026-02-20", "2026-03-05", "8518300000", 2000, fob: 40000m, areaExit: "2026-03-05"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonNode> OpenAsync(string planned, string decl = Near, Action<JsonObject>? line = null)
    {
        var returned = CaseDriver.Line(decl, 500, "Unsold", planned);
        line?.Invoke(returned);
        var body = CaseDriver.Case([returned], [CaseDriver.Document("SelfDeclaration", decl, 500), CaseDriver.Document("ExportDeclaration", decl)]);
        body["contactEmail"] = "returns@lanbo-trading.example.cn";
        return await _cases.CreateAsync(body);
    }

    private void At(int day, int hour = 10, int minute = 0) => _host.Clock.SetUtcNow(new DateTimeOffset(2026, 8, day, hour, minute, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task PlannedEntryAlreadyPastTheDeadline_IsIneligibleAtScreening()
    {
        var created = await OpenAsync("2026-08-06");

        Assert.Equal("Ineligible", CaseDriver.Status(created));
        Assert.Equal("2026-08-05", created["lines"]![0]!["eligibility"]!["deadline"]!.GetValue<string>());
        Assert.Contains("RETURN_WINDOW_EXCEEDED", created["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task NearDeadline_IsFlaggedOnTheCaseAndTaskPages()
    {
        var created = await OpenAsync("2026-08-04");
        var caseId = created["caseId"]!.GetValue<string>();

        var warning = created["deadlineWarnings"]![0]!;
        Assert.Equal((1, "2026-08-05", 4), (warning["lineNo"]!.GetValue<int>(), warning["deadline"]!.GetValue<string>(), warning["daysLeft"]!.GetValue<int>()));
        var browser = await _host.SignedInBrowserAsync("customs.officer");
        var casePage = await browser.GetStringAsync($"/cases/{caseId}");
        var taskPage = await browser.GetStringAsync($"/tasks/{await _cases.OpenTaskAsync(caseId, "ReviewEvidence")}");
        Assert.Contains("截止 2026-08-05，剩余 4 天", casePage, StringComparison.Ordinal);
        Assert.Contains("截止 2026-08-05，剩余 4 天", taskPage, StringComparison.Ordinal);

        // Goods reported entered: no longer flagged.
        At(3);
        var entered = await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/lines/1/correction", new JsonObject { ["returnEntryDate"] = "2026-08-03" });
        Assert.Empty(entered["deadlineWarnings"]!.AsArray());
    }

    [Fact]
    public async Task DeadlinePassesWithTheGoodsNotEntered_TheDurableTimerRescreens_AndTheCaseEndsIneligible()
    {
        var caseId = (await OpenAsync("2026-08-04"))["caseId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        await _cases.ApplyAsync(caseId);
        var certificateNo = CaseDriver.CertificateNo(await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve"));

        // The deadline day lasts until 24:00 UTC+8.
        At(5, 23, 59);
        await _cases.FireTimersAsync();
        Assert.Equal("CertificateIssued", CaseDriver.Status(await _cases.GetAsync(caseId)));

        At(6, 0, 1);
        await _cases.FireTimersAsync();
        var ended = await _cases.GetAsync(caseId);

        Assert.Equal("Ineligible", CaseDriver.Status(ended));
        Assert.Equal(["RETURN_WINDOW_EXCEEDED"], ended["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("Ineligible", ended["lines"]![0]!["eligibility"]!["outcome"]!.GetValue<string>());
        Assert.Contains(ended["timeline"]!.AsArray(), e => e!["notification"]?.GetValue<string>() == "ineligible");
        // The unused certificate is cancelled, and customs is told.
        Assert.Equal("Cancelled", ended["certificates"]![0]!["status"]!.GetValue<string>());
        Assert.Contains(ended["statusUpdates"]!.AsArray(), u => u!["certificateNo"]!.GetValue<string>() == certificateNo && u["kind"]!.GetValue<string>() == "Cancellation");
        Assert.DoesNotContain(ended["tasks"]!.AsArray(), t => t!["status"]!.GetValue<string>() == "Open");
    }

    [Fact]
    public async Task DeadlinePassesAfterTheGoodsEntered_ChangesNothing()
    {
        var caseId = (await OpenAsync("2026-08-04"))["caseId"]!.GetValue<string>();
        At(4);
        await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/lines/1/correction", new JsonObject { ["returnEntryDate"] = "2026-08-04" });

        At(7);
        await _cases.FireTimersAsync();

        Assert.Equal("EvidenceReview", CaseDriver.Status(await _cases.GetAsync(caseId)));
    }

    [Fact]
    public async Task ClearanceRefusal_LateActualEntry_IsIneligibleReturnWindowExceeded_NotAnOriginalStateFailure()
    {
        var caseId = (await OpenAsync("2026-08-04"))["caseId"]!.GetValue<string>();
        var certificateNo = CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(caseId));
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-06", 10000m, 7.12m, 0.08m, Near));

        var refused = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");

        Assert.Equal("Ineligible", CaseDriver.Status(refused));
        Assert.Equal(["RETURN_WINDOW_EXCEEDED"], refused["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("Original", refused["lines"]![0]!["originalStateDecision"]!.GetValue<string>());
        Assert.Equal(0m, refused["amounts"]!["totalExempted"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Bonded1210_NotDeclaredOutIntoTheNonZoneArea_IsRefusedNotReturnedToNonZone()
    {
        var caseId = (await OpenAsync("2026-08-20", Bonded, l => l["destination"] = "SpecialAreaThenDomesticNonZone"))["caseId"]!.GetValue<string>();
        var certificateNo = CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(caseId));
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.12m, 0.08m, Bonded));

        var refused = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");

        Assert.Equal("Ineligible", CaseDriver.Status(refused));
        Assert.Equal(["NOT_RETURNED_TO_NON_ZONE"], refused["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2026-09-07", "Ineligible")]
    [InlineData("2026-09-04", "EvidenceReview")]
    public async Task Bonded1210_TheNonZoneDateSuppliedAfterOpening_MovesTheWindowCheck(string nonZone, string expected)
    {
        // Left the area for abroad 2026-03-05: deadline 2026-09-05 (E-06, W-04).
        var caseId = (await OpenAsync("2026-08-20", Bonded, l => l["destination"] = "SpecialAreaThenDomesticNonZone"))["caseId"]!.GetValue<string>();
        Assert.Equal("2026-09-05", (await _cases.GetAsync(caseId))["lines"]![0]!["eligibility"]!["deadline"]!.GetValue<string>());

        var corrected = await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/lines/1/correction", new JsonObject { ["returnIntoNonZoneDate"] = nonZone }, "non-zone");

        Assert.Equal(expected, CaseDriver.Status(corrected));
        if (expected == "Ineligible")
            Assert.Contains("RETURN_WINDOW_EXCEEDED", corrected["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }
}
