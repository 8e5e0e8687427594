using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// Through the REST API: the exporter's application states its variant and refund status and
/// the self-check runs on that (§5.5, V-01..V-15); after a cancellation the case looks again at refunds and make-up
/// (stages 4–5); and a declaration presenting an unusable certificate is a recorded Mismatched cross-check, not a 409.
/// </summary>
public abstract class CertificateLifecycleTests(TestDatabase database) : IAsyncLifetime
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

    private async Task<string> ReviewedAsync(decimal qty = 500m)
    {
        var created = CaseDriver.Case([CaseDriver.Line(Decl, qty, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, qty), CaseDriver.Document("ExportDeclaration", Decl)]);
        created["contactEmail"] = "returns@lanbo-trading.example.cn";
        var caseId = (await _cases.CreateAsync(created))["caseId"]!.GetValue<string>();
        var view = await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        Assert.Equal("CertificateApplication", CaseDriver.Status(view));
        return caseId;
    }

    private static IEnumerable<string> Codes(JsonNode view) => view["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>());

    [Fact]
    public async Task Application_TheCaseWaitsForTheExportersApplication_AndIssuesTheVariantItStated()
    {
        var caseId = await ReviewedAsync();
        var waiting = await _cases.GetAsync(caseId);
        Assert.Empty(waiting["certificates"]!.AsArray());
        Assert.DoesNotContain(waiting["tasks"]!.AsArray(), t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.ReviewCertificateApplication");

        var applied = await _cases.ApplyAsync(caseId, Decl, "NotRefunded", "NotDeclared", "apply-1");
        var replayed = await _cases.ApplyAsync(caseId, Decl, "NotRefunded", "NotDeclared", "apply-1");
        var issued = await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve");

        Assert.Single(applied["certificates"]!.AsArray());
        Assert.Equal("UnderReview", applied["certificates"]![0]!["status"]!.GetValue<string>());
        Assert.Single(replayed["certificates"]!.AsArray());
        Assert.Equal("NotRefunded", issued["certificates"]![0]!["variant"]!.GetValue<string>());
        Assert.Equal("NotDeclared", issued["certificates"]![0]!["refundStatusOnCert"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("TaxPaid", "Repaid", "REFUND_STATUS_MISMATCH")]
    [InlineData("NotRefunded", "Repaid", "V-15")]
    [InlineData("TaxPaid", "NotDeclared", "V-15")]
    public async Task Application_AFailingSelfCheck_GoesBackToTheExporterWithTheCodes_AndACorrectedApplicationPasses(string variant, string refundStatus, string code)
    {
        var caseId = await ReviewedAsync();

        var failed = await _cases.ApplyAsync(caseId, Decl, variant, refundStatus);

        Assert.Equal("CertificateApplication", CaseDriver.Status(failed));
        Assert.Equal(["SELF_CHECK_FAILED", code], Codes(failed));
        Assert.Contains(failed["timeline"]!.AsArray(), e => e!["notification"]?.GetValue<string>() == "self-check-failed");
        Assert.DoesNotContain(failed["certificates"]!.AsArray(), c => c!["status"]!.GetValue<string>() == "UnderReview");
        // The system does not pick the variant: nothing goes to the tax officer until the exporter applies again.
        Assert.DoesNotContain(failed["tasks"]!.AsArray(), t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.ReviewCertificateApplication");

        var corrected = await _cases.ApplyAsync(caseId, Decl, "NotRefunded", "NotDeclared");
        Assert.Empty(Codes(corrected));
        Assert.Equal("NotRefunded", (await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve"))["certificates"]!.AsArray()[^1]!["variant"]!.GetValue<string>());
    }

    [Fact]
    public async Task Application_ARefundedLine_NeedsATaxPaidApplication_V15()
    {
        const string refunded = "530020260002345678";
        await _cases.LoadAsync(CaseDriver.ExportLine(refunded, 1, "9710", "2026-04-02", "2026-04-03", "8517629900", 1200, refundStatus: "Refunded", vatRefunded: 23400m, goodsName: "无线路由器"));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(refunded, 1200, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", refunded), CaseDriver.Document("ExportDeclaration", refunded)])))["caseId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        await _cases.CompleteAsync(_cases.Tax, caseId, "ConfirmMakeUp", "Confirmed", new JsonObject { ["method"] = "Offset", ["offsetPeriod"] = "202609" });

        var notRefunded = await _cases.ApplyAsync(caseId, refunded, "NotRefunded", "NotDeclared");
        var wrongMethod = await _cases.ApplyAsync(caseId, refunded, "TaxPaid", "Repaid");
        var right = await _cases.ApplyAsync(caseId, refunded, "TaxPaid", "Offset");

        Assert.Contains("V-15", Codes(notRefunded));
        Assert.Contains("REFUND_STATUS_MISMATCH", Codes(wrongMethod));
        Assert.Empty(Codes(right));
    }

    [Fact]
    public async Task Application_MalformedApplication_Is400_OutOfTurn_Is409()
    {
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)]));
        var caseId = created["caseId"]!.GetValue<string>();

        using var early = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/certificate-applications",
            HttpJson.Json(new JsonObject { ["variant"] = "NotRefunded", ["refundStatus"] = "NotDeclared" }));
        using var noVariant = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/certificate-applications", HttpJson.Json(new JsonObject { ["refundStatus"] = "NotDeclared" }));
        using var unknownVariant = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/certificate-applications", HttpJson.Json("{\"variant\":\"Maybe\",\"refundStatus\":\"NotDeclared\"}"));

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noVariant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownVariant.StatusCode);
    }

    [Fact]
    public async Task Cancellation_RefundAfterTheLock_CancellationLooksAgain_TaxPaidWithMakeUpAndConfirmation_ThenMatchedAndClosed()
    {
        var caseId = await ReviewedAsync();
        await _cases.ApplyAsync(caseId);
        var c1 = CaseDriver.CertificateNo(await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve"));
        // Tax refunds the unlocked 1,500 PCS: 19,500.00 of VAT.
        await _cases.DeclareRefundAsync(Decl, 1500, vat: 19500.00m);
        await _cases.DeliverStatusUpdatesAsync();
        var mismatched = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(c1, 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl));
        Assert.Equal("Mismatched", CaseDriver.Status(mismatched));

        var cancelled = await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/certificates/{c1}/cancel", new JsonObject { ["reason"] = "the line was refunded" }, "cancel-c1");

        // Stages 4–5 again: the refund recorded in between makes the line refunded, so a make-up is due (C-03: 19,500 × 500/2,000).
        Assert.Equal("MakeUpRequired", CaseDriver.Status(cancelled));
        Assert.Equal("Refunded", cancelled["lines"]![0]!["refundStatus"]!.GetValue<string>());
        Assert.Equal(4875.00m, cancelled["lines"]![0]!["makeUp"]!["makeUpVat"]!.GetValue<decimal>());
        Assert.Empty(cancelled["refundLocks"]!.AsArray());
        await _cases.CompleteAsync(_cases.Tax, caseId, "ConfirmMakeUp", "Confirmed", new JsonObject { ["method"] = "Repaid", ["paymentVoucherNo"] = "344036260800099999", ["paidOn"] = "2026-08-06" });
        await _cases.ApplyAsync(caseId, Decl, "TaxPaid", "Repaid");
        var reissued = await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve");
        var c2 = reissued["certificates"]!.AsArray()[^1]!;
        Assert.Equal("TaxPaid", c2["variant"]!.GetValue<string>());
        Assert.Equal(4875.00m, c2["lines"]![0]!["makeUpVat"]!.GetValue<decimal>());

        var matched = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(c2["certificateNo"]!.GetValue<string>(), 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl,
            declarationNo: "530020261000765433"));
        Assert.Equal("Matched", CaseDriver.Status(matched));
        Assert.Equal("Closed", CaseDriver.Status(await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record")));
    }

    [Fact]
    public async Task Cancellation_CancellationWithAConfirmedUnchangedMakeUp_GoesStraightToTheApplication()
    {
        const string refunded = "530020260002345678";
        await _cases.LoadAsync(CaseDriver.ExportLine(refunded, 1, "9710", "2026-04-02", "2026-04-03", "8517629900", 1200, refundStatus: "Refunded", vatRefunded: 23400m, goodsName: "无线路由器"));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(refunded, 1200, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", refunded), CaseDriver.Document("ExportDeclaration", refunded)])))["caseId"]!.GetValue<string>();
        var c1 = CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(caseId));

        var cancelled = await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/certificates/{c1}/cancel", new JsonObject());

        Assert.Equal("CertificateApplication", CaseDriver.Status(cancelled));
        Assert.Single(cancelled["tasks"]!.AsArray(), t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.ConfirmMakeUp");
    }

    [Theory]
    [InlineData("cancelled", "CERT_CANCELLED")]
    [InlineData("unknown", "CERT_NOT_FOUND")]
    [InlineData("used", "CERT_ALREADY_USED")]
    [InlineData("bound", "CERT_BOUND_TO_OTHER_DECLARATION")]
    public async Task CrossCheck_ADeclarationPresentingAnUnusableCertificate_IsARecordedMismatchedCrossCheck_NotA409(string kind, string code)
    {
        var caseId = await ReviewedAsync();
        await _cases.ApplyAsync(caseId);
        var certificateNo = CaseDriver.CertificateNo(await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve"));
        var presented = certificateNo;
        if (kind is "used" or "bound")
        {
            // Another case of the exporter on the same export line holds a certificate customs has reserved or used.
            var other = await ReviewedAsync(300);
            await _cases.ApplyAsync(other);
            presented = CaseDriver.CertificateNo(await _cases.CompleteAsync(_cases.Tax, other, "ReviewCertificateApplication", "Approve"));
            await _cases.FileDeclarationAsync(other, CaseDriver.Declaration(presented, 300, "2026-08-20", 6000m, 7.12m, 0.08m, Decl, declarationNo: "530020261000700001"));
            if (kind == "used")
                await _cases.CompleteAsync(_cases.Customs, other, "DecideClearance", "Record");
            await _cases.DeliverFeedbackAsync();
        }
        else if (kind == "cancelled")
        {
            await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/certificates/{certificateNo}/cancel", new JsonObject());
            await _cases.ApplyAsync(caseId);
            certificateNo = CaseDriver.CertificateNo(await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve"));
        }
        else
        {
            presented = "BTZM-14403000000-2026-999999";
        }

        var filed = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(presented, kind is "used" or "bound" ? 300 : 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl));

        Assert.Equal("Mismatched", CaseDriver.Status(filed));
        var check = filed["crossChecks"]!.AsArray()[^1]!;
        Assert.Equal(presented, check["certificateNo"]!.GetValue<string>());
        Assert.Contains(code, check["reasons"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()));
        Assert.Contains(filed["timeline"]!.AsArray(), e => e!["notification"]?.GetValue<string>() == "cross-check-mismatched");
        await DatabaseFingerprint.SettleAsync(_host.Services);
        Assert.Contains((await _cases.Customs.GetJsonAsync($"/api/outbox?caseId={caseId}"))["items"]!.AsArray(), m => m!["template"]!.GetValue<string>() == "cross-check-mismatched");

        // The case waits for the correction: the right certificate matches.
        var corrected = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl));
        Assert.Equal("Matched", CaseDriver.Status(corrected));
    }
}
