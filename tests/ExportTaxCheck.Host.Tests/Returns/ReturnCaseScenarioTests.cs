using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>The acceptance scenarios of DOMAIN.md §6.1, driven through the REST API and the export-return-case flow.</summary>
public abstract class ReturnCaseScenarioTests(TestDatabase database) : IAsyncLifetime
{
    private const string Decl1 = "530020260001234567";
    private readonly HostFixture _host = new HostFixture(database: database).WithProductFlows();
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

    [Fact]
    public async Task AS02_FullCustomerReturnRefunded_MakeUpRepaidThenTaxPaidCertificateAndExemption()
    {
        const string decl = "530020260002345678";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8517629900", 1200, fob: 24000m, refundStatus: "Refunded", vatRefunded: 23400m, goodsName: "无线路由器"));
        var created = await _cases.CreateAsync(CaseDriver.Case(
            [CaseDriver.Line(decl, 1200, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", decl), CaseDriver.Document("ExportDeclaration", decl)]));
        var caseId = created["caseId"]!.GetValue<string>();

        var makeUp = await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        Assert.Equal("MakeUpRequired", CaseDriver.Status(makeUp));
        Assert.Equal(23400.00m, makeUp["lines"]![0]!["makeUp"]!["makeUpVat"]!.GetValue<decimal>());

        await _cases.CompleteAsync(_cases.Tax, caseId, "ConfirmMakeUp", "Confirmed", new JsonObject { ["method"] = "Repaid", ["paymentVoucherNo"] = "344036260800012345", ["paidOn"] = "2026-08-05" });
        await _cases.ApplyAsync(caseId, decl, "TaxPaid", "Repaid");
        var issued = await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve");
        var certificate = issued["certificates"]![0]!;
        Assert.Equal("TaxPaid", certificate["variant"]!.GetValue<string>());
        Assert.Equal("Repaid", certificate["refundStatusOnCert"]!.GetValue<string>());
        Assert.Equal("Repaid", issued["lines"]![0]!["makeUp"]!["method"]!.GetValue<string>());

        var matched = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 1200, "2026-07-01", 24000m, 7.1500m, 0.06m, decl, hs: "8517629900", goodsName: "无线路由器", declarationDate: "2026-08-02"));
        Assert.True(CaseDriver.Status(matched) == "Matched", matched["crossChecks"]!.ToJsonString());
        var cleared = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");
        Assert.Equal(10296.00m, cleared["amounts"]!["importDutyExempted"]!.GetValue<decimal>());
        Assert.Equal(23646.48m, cleared["amounts"]!["importVatExempted"]!.GetValue<decimal>());
        Assert.Equal(33942.48m, cleared["amounts"]!["totalExempted"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ReturnDeclaration_RetriedWithItsKey_IsFiledAndCheckedOnce_AndTheKeyWithAnotherBodyIs422()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl1, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var created = await _cases.CreateAsync(CaseDriver.Case(
            [CaseDriver.Line(Decl1, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl1, 500), CaseDriver.Document("ExportDeclaration", Decl1)]));
        var caseId = created["caseId"]!.GetValue<string>();
        var certificateNo = CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(caseId));
        var declaration = CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.1200m, 0.08m, Decl1);

        var first = await _cases.FileDeclarationAsync(caseId, declaration, "declare-1");
        var retried = await _cases.FileDeclarationAsync(caseId, declaration, "declare-1");

        Assert.Equal("Matched", CaseDriver.Status(first));
        Assert.Equal("Matched", CaseDriver.Status(retried));
        Assert.Single(retried["crossChecks"]!.AsArray());
        Assert.Single(retried["declarations"]!.AsArray());
        var changed = (JsonObject)declaration.DeepClone();
        changed["entryPortCode"] = "5301";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/return-declarations") { Content = HttpJson.Json(changed) };
        request.Headers.Add("Idempotency-Key", "declare-1");
        using var reused = await _cases.Exporter.SendAsync(request);
        Assert.Equal(422, (int)reused.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await reused.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AS03_PartialReturn_ProRataMakeUpExemptionAndRemainingQuantity()
    {
        const string decl = "530020260003456789";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000, refundStatus: "Refunded", vatRefunded: 26000m));
        var created = await _cases.CreateAsync(CaseDriver.Case(
            [CaseDriver.Line(decl, 250, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("ReturnAgreement", decl), CaseDriver.Document("ExportDeclaration", decl)]));
        var caseId = created["caseId"]!.GetValue<string>();
        Assert.Equal(750m, created["lines"]![0]!["eligibility"]!["remainingReturnableQty"]!.GetValue<decimal>());

        var issued = await _cases.ThroughCertificateAsync(caseId);
        Assert.Equal(6500.00m, issued["amounts"]!["makeUpVat"]!.GetValue<decimal>());
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 250, "2026-07-01", 10000m, 7.1000m, 0.08m, decl, declarationDate: "2026-08-02"));
        var cleared = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");
        Assert.Equal(71000.00m, cleared["amounts"]!["customsValue"]!.GetValue<decimal>());
        Assert.Equal(5680.00m, cleared["amounts"]!["importDutyExempted"]!.GetValue<decimal>());
        Assert.Equal(9968.40m, cleared["amounts"]!["importVatExempted"]!.GetValue<decimal>());
        Assert.Equal(15648.40m, cleared["amounts"]!["totalExempted"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AS04_ExportDutyRefund_RoundsHalfAwayFromZero()
    {
        const string decl = "530020260004567890";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 200, fob: 120000m, currency: "CNY", exportDutyPaid: 10909.09m));
        var created = await _cases.CreateAsync(CaseDriver.Case(
            [CaseDriver.Line(decl, 100, "Unsold", "2026-07-01", cif: 60000m)],
            [CaseDriver.Document("SelfDeclaration", decl, 100), CaseDriver.Document("ExportDeclaration", decl)]));
        var caseId = created["caseId"]!.GetValue<string>();

        var issued = await _cases.ThroughCertificateAsync(caseId);
        Assert.Equal("NotRefunded", issued["certificates"]![0]!["variant"]!.GetValue<string>());
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 100, "2026-07-01", 60000m, 0m, 0.05m, decl, currency: "CNY", declarationDate: "2026-08-02"));
        var closed = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");

        Assert.Equal(5454.55m, closed["amounts"]!["exportDutyRefund"]!.GetValue<decimal>());
        Assert.Equal(3000.00m, closed["amounts"]!["importDutyExempted"]!.GetValue<decimal>());
        Assert.Equal(8190.00m, closed["amounts"]!["importVatExempted"]!.GetValue<decimal>());
        Assert.Equal(11190.00m, closed["amounts"]!["totalExempted"]!.GetValue<decimal>());
        Assert.Equal("Closed", CaseDriver.Status(closed));
        Assert.Contains(closed["timeline"]!.AsArray(), e => e!["status"]?.GetValue<string>() == "ExportDutyRefund");
    }

    [Fact]
    public async Task AS05_Food_IsIneligibleWithNoCertificateAndZeroAmounts()
    {
        const string decl = "530020260005678901";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9610", "2026-05-01", "2026-05-02", "2106909090", 100, goodsName: "蛋白粉"));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "Unsold", "2026-06-20")], [CaseDriver.Document("SelfDeclaration", decl, 10)]));

        Assert.Equal("Ineligible", CaseDriver.Status(created));
        Assert.Equal("Ineligible", created["lines"]![0]!["eligibility"]!["outcome"]!.GetValue<string>());
        Assert.Contains("FOOD_EXCLUDED", created["lines"]![0]!["eligibility"]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Empty(created["certificates"]!.AsArray());
        Assert.Empty(created["tasks"]!.AsArray());
        Assert.Equal(0.00m, created["amounts"]!["makeUpTotal"]!.GetValue<decimal>());
        Assert.Equal(0.00m, created["amounts"]!["totalExempted"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AS06_SupervisionCode0110_IsIneligible()
    {
        const string decl = "530020260006789012";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "0110", "2026-04-09", "2026-04-10", "8518300000", 100));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "CustomerReturn", "2026-05-10")], [CaseDriver.Document("ReturnAgreement", decl)]));

        Assert.Equal("Ineligible", CaseDriver.Status(created));
        Assert.Contains("SUPERVISION_CODE_NOT_ELIGIBLE", created["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2026-10-01", "Ineligible")]
    [InlineData("2026-09-30", "EvidenceReview")]
    public async Task AS07_LateReturn_DeadlineIsMonthEnd(string entry, string expected)
    {
        const string decl = "530020260007890123";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-30", "2026-03-31", "8518300000", 100));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "Unsold", entry)],
            [CaseDriver.Document("SelfDeclaration", decl, 10), CaseDriver.Document("ExportDeclaration", decl)]));

        Assert.Equal(expected, CaseDriver.Status(created));
        Assert.Equal("2026-09-30", created["lines"]![0]!["eligibility"]!["deadline"]!.GetValue<string>());
        if (expected == "Ineligible")
            Assert.Contains("RETURN_WINDOW_EXCEEDED", created["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2025-12-31", "2026-01-03", "2026-07-03", "CBEC-RET-2023-34", "EvidenceReview", "2026-07-03", null)]
    [InlineData("2026-01-01", "2026-01-01", "2026-07-02", "CBEC-RET-2026-16", "Ineligible", "2026-07-01", "RETURN_WINDOW_EXCEEDED")]
    [InlineData("2027-12-31", "2028-01-02", "2028-07-01", "CBEC-RET-2026-16", "EvidenceReview", "2028-07-02", null)]
    [InlineData("2028-01-01", "2028-01-01", "2028-02-01", null, "Ineligible", null, "NO_POLICY_FOR_EXPORT_DATE")]
    [InlineData("2023-01-29", "2023-01-30", "2023-03-01", null, "Ineligible", null, "NO_POLICY_FOR_EXPORT_DATE")]
    public async Task AS08_PolicyWindowEdges(string declared, string exported, string entry, string? version, string status, string? deadline, string? reason)
    {
        var decl = $"5300{declared[..4]}0008901234";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", declared, exported, "8518300000", 100));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "Unsold", entry)],
            [CaseDriver.Document("SelfDeclaration", decl, 10), CaseDriver.Document("ExportDeclaration", decl)]));

        var eligibility = created["lines"]![0]!["eligibility"]!;
        Assert.Equal(status, CaseDriver.Status(created));
        Assert.Equal(version, eligibility["policyVersionId"]?.GetValue<string>());
        Assert.Equal(deadline, eligibility["deadline"]?.GetValue<string>());
        if (reason is not null)
            Assert.Contains(reason, eligibility["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Theory]
    [InlineData("CustomerReturnedAfterTrial", "TrialReturnEvidence", "ClearedExempt")]
    [InlineData("DefectOnlyFoundAfterTrial", "QualityDefectEvidence", "ClearedExempt")]
    [InlineData("None", null, "RejectedOriginalState")]
    [InlineData("DefectOnlyFoundAfterTrial", null, "RejectedOriginalState")]
    public async Task AS09_UsedGoods_TrialUseException(string exception, string? evidence, string expected)
    {
        const string decl = "530020260009012345";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9610", "2026-05-01", "2026-05-02", "8518300000", 100));
        JsonArray documents = [CaseDriver.Document("PlatformReturnRecord", decl), CaseDriver.Document("ExportDeclaration", decl)];
        if (evidence is not null)
            documents.Add(CaseDriver.Document(evidence, decl));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "CustomerReturn", "2026-07-01")], documents)))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 10, "2026-07-01", 400m, 7.1m, 0.08m, decl, declarationDate: "2026-08-02"));

        var decided = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["lineNo"] = 1, ["used"] = true, ["usageException"] = exception }),
        });

        var line = decided["lines"]![0]!;
        if (expected == "ClearedExempt")
        {
            Assert.Equal("Original", line["originalStateDecision"]!.GetValue<string>());
            Assert.Contains(decided["timeline"]!.AsArray(), e => e!["status"]?.GetValue<string>() == "ClearedExempt");
        }
        else
        {
            Assert.Equal("NotOriginal", line["originalStateDecision"]!.GetValue<string>());
            Assert.Equal(expected, CaseDriver.Status(decided));
            Assert.Contains("ORIGINAL_STATE_FAILED:USED_WITHOUT_EXCEPTION", line["originalStateReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task AS10_UnsoldWithoutSelfDeclaration_SupplementThenRejectedAfterDueDate()
    {
        const string decl = "530020260010123456";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 100));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "Unsold", "2026-08-20")], [CaseDriver.Document("ExportDeclaration", decl)]));
        var caseId = created["caseId"]!.GetValue<string>();

        Assert.Equal("SupplementRequested", CaseDriver.Status(created));
        Assert.Contains("EVIDENCE_INCOMPLETE:MISSING_SELF_DECLARATION", created["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("2026-08-16", created["supplement"]!["dueDate"]!.GetValue<string>());

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 8, 16, 23, 59, 0, TimeSpan.FromHours(8)));
        await _cases.FireTimersAsync();
        Assert.Equal("SupplementRequested", CaseDriver.Status(await _cases.GetAsync(caseId)));

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 8, 17, 0, 0, 1, TimeSpan.FromHours(8)));
        await _cases.FireTimersAsync();
        var rejected = await _cases.GetAsync(caseId);
        Assert.Equal("RejectedEvidence", CaseDriver.Status(rejected));
        Assert.Empty(rejected["certificates"]!.AsArray());
    }

    [Fact]
    public async Task AS10_SupplementUploadedInTime_ResumesEvidenceReview()
    {
        const string decl = "530020260010123457";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 100));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "Unsold", "2026-08-20")], [CaseDriver.Document("ExportDeclaration", decl)])))["caseId"]!.GetValue<string>();

        await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/documents", CaseDriver.Document("SelfDeclaration", decl, 10));

        var view = await _cases.GetAsync(caseId);
        Assert.Equal("EvidenceReview", CaseDriver.Status(view));
        Assert.Null(view["supplement"]);
        var review = Assert.Single(view["tasks"]!.AsArray(), t => t!["status"]!.GetValue<string>() == "Open")!;
        Assert.Equal("Review the supplement requested 2026-08-01 (EVIDENCE_INCOMPLETE:MISSING_SELF_DECLARATION)", review["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PlatformRejectionRecord", "EvidenceReview", null)]
    [InlineData("ReturnAgreement", "EvidenceReview", null)]
    [InlineData("OtherReturnEvidence", "SupplementRequested", "EVIDENCE_INCOMPLETE:MISSING_RETURN_EVIDENCE")]
    [InlineData(null, "SupplementRequested", "EVIDENCE_INCOMPLETE:MISSING_RETURN_EVIDENCE")]
    public async Task AS11_CustomerReturnEvidenceVariants(string? evidence, string expected, string? reason)
    {
        const string decl = "530020260011234567";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 100));
        JsonArray documents = [CaseDriver.Document("ExportDeclaration", decl)];
        if (evidence is not null)
            documents.Add(CaseDriver.Document(evidence, decl));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "CustomerReturn", "2026-07-01")], documents));

        Assert.Equal(expected, CaseDriver.Status(created));
        if (reason is not null)
            Assert.Contains(reason, created["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task AS12_AccessoriesAdded_RefusedAndReservationReleased()
    {
        const string decl = "530020260012345678";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "3926909090", 100, goodsName: "手机壳"));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 10, "Unsold", "2026-07-01")],
            [CaseDriver.Document("SelfDeclaration", decl, 10), CaseDriver.Document("ExportDeclaration", decl)])))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        var certificateNo = CaseDriver.CertificateNo(issued);
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 10, "2026-07-01", 100m, 7.1m, 0.08m, decl, hs: "3926909090", goodsName: "手机壳", declarationDate: "2026-08-02"));
        Assert.Equal("Reserved", (await _cases.GetAsync(caseId))["certificates"]![0]!["status"]!.GetValue<string>());

        var refused = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["lineNo"] = 1, ["accessoriesAdded"] = true }),
        });

        Assert.Equal("RejectedOriginalState", CaseDriver.Status(refused));
        Assert.Contains("ORIGINAL_STATE_FAILED:ACCESSORIES_ADDED", refused["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("Transmitted", refused["certificates"]![0]!["status"]!.GetValue<string>());
        Assert.Empty(refused["usageFeedback"]!.AsArray());
        var cancel = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/certificates/{certificateNo}/cancel", HttpJson.Json("{}"));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
    }

    [Fact]
    public async Task AS13_PermittedHandling_StaysOriginalAndIsCleared()
    {
        const string decl = "530020260013456789";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8443321000", 20, goodsName: "打印机"));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(decl, 2, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("ReturnAgreement", decl), CaseDriver.Document("ExportDeclaration", decl)])))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 2, "2026-07-01", 800m, 7.1m, 0m, decl, hs: "8443321000", goodsName: "打印机", declarationDate: "2026-08-02"));

        var cleared = await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject
            {
                ["lineNo"] = 1, ["handlingPerformed"] = new JsonArray("Unpacked", "LabTested", "Installed", "Debugged"), ["used"] = false,
                ["accessoriesAdded"] = false, ["processedOrModified"] = false,
            }),
        });

        Assert.Equal("Original", cleared["lines"]![0]!["originalStateDecision"]!.GetValue<string>());
        Assert.Contains(cleared["timeline"]!.AsArray(), e => e!["status"]?.GetValue<string>() == "ClearedExempt");
    }

    [Fact]
    public async Task AS14_QuantityMismatch_CancelAndReapply_MatchesWithNewLock()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl1, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl1, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl1, 500), CaseDriver.Document("ExportDeclaration", Decl1)])))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        var c1 = CaseDriver.CertificateNo(issued);

        var mismatched = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(c1, 480, "2026-08-20", 9600m, 7.12m, 0.08m, Decl1));
        Assert.Equal("Mismatched", CaseDriver.Status(mismatched));
        var reason = mismatched["crossChecks"]![0]!["reasons"]!.AsArray().Single(r => r!["code"]!.GetValue<string>() == "QTY_MISMATCH")!;
        Assert.Equal("500", reason["expected"]!.GetValue<string>());
        Assert.Equal("480", reason["actual"]!.GetValue<string>());
        Assert.Equal(0m, mismatched["amounts"]!["totalExempted"]!.GetValue<decimal>());

        var cancelled = await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/certificates/{c1}/cancel", new JsonObject
        {
            ["reason"] = "20 PCS lost in transit",
            ["correctedQuantities"] = new JsonArray(new JsonObject { ["lineNo"] = 1, ["qty"] = 480 }),
        });
        Assert.Equal("Cancelled", cancelled["certificates"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("Cancelled", cancelled["customsRegistry"]![0]!["status"]!.GetValue<string>());
        // Item 3: the case looks again at the refund status before the new application (stages 4-5), then the exporter applies.
        Assert.Equal("CertificateApplication", CaseDriver.Status(cancelled));

        await _cases.ApplyAsync(caseId);
        var reissued = await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve");
        var c2 = CaseDriver.CertificateNo(reissued);
        Assert.NotEqual(c1, c2);
        var matched = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(c2, 480, "2026-08-20", 9600m, 7.12m, 0.08m, Decl1));

        Assert.Equal("Matched", CaseDriver.Status(matched));
        Assert.Equal(480m, matched["refundLocks"]![0]!["lockedQty"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AS15_UsedCertificate_CancelAndReissueRefused()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl1, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl1, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl1, 500), CaseDriver.Document("ExportDeclaration", Decl1)])))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        var c3 = CaseDriver.CertificateNo(issued);
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(c3, 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl1));
        await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record");

        var cancel = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/certificates/{c3}/cancel", HttpJson.Json("{}"));
        var reissue = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/certificates/{c3}/reissue", HttpJson.Json("{\"reason\":\"paper copy lost\"}"));

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("CERT_ALREADY_USED", (await cancel.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, reissue.StatusCode);
        Assert.Equal("CERT_ALREADY_USED", (await reissue.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal("Used", (await _cases.GetAsync(caseId))["certificates"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AS17_SeedArticleCalculator_IsReproducibleOverTheCalculator()
    {
        var seed = ReturnAmounts.SeedArticle(500000m, 6.85m, 0.13m, 420000m);
        var official = ReturnAmounts.Official(seed.FobCny, 0.13m, 0.13m, 0m, 420000m, 0m);

        Assert.Equal((3425000.00m, 445250.00m, 25250.00m), (seed.FobCny, seed.Gross, seed.Result));
        Assert.Equal((420000.00m, 25250.00m), (official.Refund, official.ExemptOffset));
    }

    [Fact]
    public async Task Withdrawal_CancelsUnusedCertificateAndOpenTasks()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl1, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl1, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl1, 500), CaseDriver.Document("ExportDeclaration", Decl1)])))["caseId"]!.GetValue<string>();
        await _cases.ThroughCertificateAsync(caseId);

        var withdrawn = await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/withdraw", new JsonObject(), idempotencyKey: "withdraw-1");
        var again = await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/withdraw", new JsonObject(), idempotencyKey: "withdraw-1");

        Assert.Equal("Withdrawn", CaseDriver.Status(withdrawn));
        Assert.Equal("Cancelled", withdrawn["certificates"]![0]!["status"]!.GetValue<string>());
        Assert.DoesNotContain(withdrawn["tasks"]!.AsArray(), t => t!["status"]!.GetValue<string>() == "Open");
        Assert.Equal("Withdrawn", CaseDriver.Status(again));
    }
}
