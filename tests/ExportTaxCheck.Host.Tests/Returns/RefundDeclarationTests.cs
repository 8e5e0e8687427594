using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// Through the REST API: refund declarations against the refund lock of a NotRefunded
/// certificate (E-15, REFUND_LOCKED_BY_CERTIFICATE per line with the quantities), the CertificateStatusUpdate push to
/// customs and the cross-check and clearance that then grant no exemption, also when the refund races them.
/// </summary>
public abstract class RefundDeclarationTests(TestDatabase database) : IAsyncLifetime
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

    /// <summary>AS-01's case up to a NotRefunded certificate locking 500 of the line's 2,000 PCS.</summary>
    private async Task<(string CaseId, string CertificateNo)> LockedAsync(string? decl = null)
    {
        decl ??= Decl;
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", decl, 500), CaseDriver.Document("ExportDeclaration", decl)])))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        Assert.Equal(500m, issued["refundLocks"]![0]!["lockedQty"]!.GetValue<decimal>());
        return (caseId, CaseDriver.CertificateNo(issued));
    }

    private static JsonNode Line(JsonNode result) => result["lines"]![0]!;

    [Fact]
    public async Task RefundOnLockedLine_AcceptsTheUnlockedPart_RefusesTheLockedPartWithQuantities_AndPushesTheStatusToCustoms()
    {
        var (caseId, certificateNo) = await LockedAsync();

        var result = await _cases.DeclareRefundAsync(Decl, 1800, vat: 23400.00m);

        Assert.Equal("PartiallyAccepted", result["outcome"]!.GetValue<string>());
        var line = Line(result);
        Assert.Equal((1800m, 1500m, 300m, 2000m, 500m, 1500m), (line["claimedQty"]!.GetValue<decimal>(), line["acceptedQty"]!.GetValue<decimal>(),
            line["refusedQty"]!.GetValue<decimal>(), line["exportedQty"]!.GetValue<decimal>(), line["lockedQty"]!.GetValue<decimal>(), line["maxRefundableQty"]!.GetValue<decimal>()));
        Assert.Equal(["REFUND_LOCKED_BY_CERTIFICATE"], line["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        // C-01: the accepted share of the amount, 23,400.00 × 1,500 / 1,800.
        Assert.Equal(19500.00m, line["vatRefundedAccepted"]!.GetValue<decimal>());
        Assert.Equal("Refunded", line["refundStatus"]!.GetValue<string>());
        Assert.Equal([certificateNo], line["statusUpdatesSent"]!.AsArray().Select(c => c!.GetValue<string>()));
        var stored = await _cases.Analyst.GetJsonAsync($"/api/reference-data/export-lines/{Decl}/1");
        Assert.Equal("Refunded", stored["refund"]!["status"]!.GetValue<string>());
        Assert.Equal(1500m, stored["refund"]!["refundedQty"]!.GetValue<decimal>());

        await _cases.DeliverStatusUpdatesAsync();
        var view = await Eventually.GetAsync(() => _cases.GetAsync(caseId), v => v["statusUpdates"]![0]!["status"]!.GetValue<string>() == "Delivered");
        var update = view["statusUpdates"]![0]!;
        Assert.Equal(certificateNo, update["certificateNo"]!.GetValue<string>());
        Assert.Equal("RefundStatus", update["kind"]!.GetValue<string>());
        Assert.Equal("Refunded", view["customsRegistry"]![0]!["refundStatus"]!["1"]!.GetValue<string>());
        Assert.Equal("Refunded", view["lines"]![0]!["refundStatus"]!.GetValue<string>());
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["codes"]!.AsArray().Any(c => c!.GetValue<string>() == "VARIANT_STATUS_INCONSISTENT"));

        // The lock stands: what is left of the line is locked, a further claim is refused whole.
        var more = Line(await _cases.DeclareRefundAsync(Decl, 1));
        Assert.Equal((0m, 1m), (more["acceptedQty"]!.GetValue<decimal>(), more["refusedQty"]!.GetValue<decimal>()));
        Assert.Equal(["REFUND_LOCKED_BY_CERTIFICATE"], more["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task HwcPreRefund_IsBoundByTheSameLock()
    {
        await LockedAsync();

        var line = Line(await _cases.DeclareRefundAsync(Decl, 2000, kind: "PreRefundHwc"));

        Assert.Equal((1500m, 500m), (line["acceptedQty"]!.GetValue<decimal>(), line["refusedQty"]!.GetValue<decimal>()));
        Assert.Equal("PreRefundedHwc", line["refundStatus"]!.GetValue<string>());
        Assert.Contains("REFUND_LOCKED_BY_CERTIFICATE", line["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task X09_RefundPushedBeforeTheDeclaration_CrossCheckIsMismatchedVariantStatusInconsistent_NoExemption()
    {
        var (caseId, certificateNo) = await LockedAsync();
        await _cases.DeclareRefundAsync(Decl, 1000);
        await _cases.DeliverStatusUpdatesAsync();

        var checkedView = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl));

        Assert.Equal("Mismatched", CaseDriver.Status(checkedView));
        var reason = checkedView["crossChecks"]![0]!["reasons"]!.AsArray().Single(r => r!["code"]!.GetValue<string>() == "VARIANT_STATUS_INCONSISTENT")!;
        Assert.Equal("NotRefunded", reason["expected"]!.GetValue<string>());
        Assert.Equal("Refunded", reason["actual"]!.GetValue<string>());
        Assert.Equal(0m, checkedView["amounts"]!["totalExempted"]!.GetValue<decimal>());
        Assert.Equal("Transmitted", checkedView["customsRegistry"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task X09_RefundAfterTheMatch_ClearanceGrantsNoExemption_AndCustomsVoidsTheReservation()
    {
        var (caseId, certificateNo) = await LockedAsync();
        var matched = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl));
        Assert.Equal("Matched", CaseDriver.Status(matched));

        await _cases.DeclareRefundAsync(Decl, 1500);
        var decided = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");

        Assert.Equal("Mismatched", CaseDriver.Status(decided));
        Assert.Contains("VARIANT_STATUS_INCONSISTENT", decided["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(0m, decided["amounts"]!["totalExempted"]!.GetValue<decimal>());
        Assert.Null(decided["clearance"]);
        Assert.Equal("Transmitted", decided["certificates"]![0]!["status"]!.GetValue<string>());
        await _cases.DeliverStatusUpdatesAsync();
        await _cases.DeliverFeedbackAsync();
        var customs = (await Eventually.GetAsync(() => _cases.GetAsync(caseId), v => v["customsRegistry"]![0]!["status"]!.GetValue<string>() == "Transmitted"))["customsRegistry"]![0]!;
        Assert.Equal("Refunded", customs["refundStatus"]!["1"]!.GetValue<string>());
    }

    [Fact]
    public async Task Race_RefundDeclarationAgainstCrossCheckAndClearance_NeverGrantsAnExemption()
    {
        for (var round = 0; round < 3; round++)
        {
            var decl = $"53002026000{round}234568";
            await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
            var (caseId, certificateNo) = await LockedAsync(decl);

            var refund = _cases.DeclareRefundAsync(decl, 1500, idempotencyKey: $"race-{round}");
            var declaration = _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.12m, 0.08m, decl), $"declare-{round}");
            await Task.WhenAll(refund, declaration);
            var view = await _cases.GetAsync(caseId);
            if (CaseDriver.Status(view) == "Matched")
                view = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");

            Assert.Equal(1500m, Line(await refund)["acceptedQty"]!.GetValue<decimal>());
            Assert.Equal("Mismatched", CaseDriver.Status(view));
            Assert.Equal(0m, view["amounts"]!["totalExempted"]!.GetValue<decimal>());
            Assert.DoesNotContain(view["timeline"]!.AsArray(), e => e!["status"]?.GetValue<string>() == "ClearedExempt");
        }
    }

    [Fact]
    public async Task Race_ConcurrentRefundDeclarationsOnOneLine_NeverClaimMoreThanTheLockLeaves()
    {
        await LockedAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _cases.DeclareRefundAsync(Decl, 700, idempotencyKey: $"parallel-{i}")));

        Assert.Equal(1500m, results.Sum(r => Line(r)["acceptedQty"]!.GetValue<decimal>()));
        Assert.Equal(1300m, results.Sum(r => Line(r)["refusedQty"]!.GetValue<decimal>()));
        Assert.Equal(1500m, (await _cases.Analyst.GetJsonAsync($"/api/reference-data/export-lines/{Decl}/1"))["refund"]!["refundedQty"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Race_RefundAgainstTheCertificateApproval_LockAndRefundNeverOverlap()
    {
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        await _cases.ApplyAsync(caseId);
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewCertificateApplication");

        var approve = _cases.Tax.PostJsonAsync($"/elsa/api/tasks/{taskId}/complete", new JsonObject { ["result"] = new JsonObject { ["outcome"] = "Approve" } }, "approve-race");
        var refund = _cases.DeclareRefundAsync(Decl, 2000, idempotencyKey: "refund-race");
        await Task.WhenAll(approve, refund);

        var view = await _cases.GetAsync(caseId);
        var refunded = Line(await refund)["acceptedQty"]!.GetValue<decimal>();
        var locked = view["refundLocks"]!.AsArray().Sum(l => l!["lockedQty"]!.GetValue<decimal>());
        // Either the lock came first (the refund got the rest) or the refund did (the approval looked again: RefundChanged).
        Assert.True(refunded + locked <= 2000m, $"refunded {refunded} + locked {locked} exceed the line");
        Assert.True(locked == 0m ? CaseDriver.Status(view) == "MakeUpRequired" : refunded == 1500m, view.ToJsonString());
    }

    [Fact]
    public async Task SameIdempotencyKey_ReplaysTheFirstAnswer_AnotherBodyIs422_AndNothingIsRefundedTwice()
    {
        await LockedAsync();

        var first = await _cases.DeclareRefundAsync(Decl, 1000, idempotencyKey: "refund-1");
        var again = await _cases.DeclareRefundAsync(Decl, 1000, idempotencyKey: "refund-1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/refund-declarations") { Content = HttpJson.Json(CaseDriver.RefundDeclaration(Decl, 999)) };
        request.Headers.Add("Idempotency-Key", "refund-1");
        using var reused = await _cases.Tax.SendAsync(request);

        Assert.Equal(first["declarationId"]!.GetValue<string>(), again["declarationId"]!.GetValue<string>());
        Assert.Equal(422, (int)reused.StatusCode);
        Assert.Equal(1000m, (await _cases.Analyst.GetJsonAsync($"/api/reference-data/export-lines/{Decl}/1"))["refund"]!["refundedQty"]!.GetValue<decimal>());
        Assert.Equal(1, (await _cases.Tax.GetJsonAsync($"/api/refund-declarations?exportDocNo={Decl}"))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReferenceDataLoader_RefundRecordOnALockedLine_IsRefusedAndTheLineKept()
    {
        var (caseId, _) = await LockedAsync();

        var loaded = await _cases.Analyst.PostJsonAsync("/api/reference-data/export-lines", new JsonObject
        {
            ["exportLines"] = new JsonArray(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m, refundStatus: "Refunded", vatRefunded: 52000m)),
        });

        var refused = loaded["refused"]![0]!;
        Assert.Equal(0, loaded["written"]!.GetValue<int>());
        Assert.Equal((2000m, 500m), (refused["claimedQty"]!.GetValue<decimal>(), refused["lockedQty"]!.GetValue<decimal>()));
        Assert.Contains("REFUND_LOCKED_BY_CERTIFICATE", refused["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("NotDeclared", (await _cases.Analyst.GetJsonAsync($"/api/reference-data/export-lines/{Decl}/1"))["refund"]!["status"]!.GetValue<string>());
        Assert.Empty((await _cases.GetAsync(caseId))["statusUpdates"]!.AsArray());
    }

    [Fact]
    public async Task MalformedOrUnknownLines_Are400_AndNothingIsWritten()
    {
        await LockedAsync();
        var bad = new JsonObject { ["lines"] = new JsonArray(new JsonObject { ["exportDocNo"] = Decl, ["exportItemNo"] = 1, ["qty"] = -5, ["vatRefunded"] = 1.234 }) };

        using var malformed = await _cases.Tax.PostAsync("/api/refund-declarations", HttpJson.Json(bad));
        using var unknown = await _cases.Tax.PostAsync("/api/refund-declarations", HttpJson.Json(CaseDriver.RefundDeclaration("530020260009999999", 5)));
        using var exporter = await _cases.Exporter.PostAsync("/api/refund-declarations", HttpJson.Json(CaseDriver.RefundDeclaration(Decl, 5)));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(["V-09", "V-07"], (await malformed.ReadJsonAsync())["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("EXPORT_LINE_NOT_FOUND", (await unknown.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, exporter.StatusCode);
        Assert.Equal(0, (await _cases.Tax.GetJsonAsync("/api/refund-declarations"))["totalCount"]!.GetValue<int>());
    }
}
