using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Pages;

/// <summary>
/// The task page shows what the officer decides on: the make-up computed step by step, the certificate application with
/// its self-check, the return declaration beside the certificate field by field, and how near the due time is.
/// </summary>
public sealed class TaskPageTests : IAsyncLifetime
{
    private const string Decl = "530020260007654321";
    private const decimal Exported = 1000m;
    private const decimal Returned = 333m;
    private const decimal VatRefunded = 12345.67m;

    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", Exported, refundStatus: "Refunded", vatRefunded: VatRefunded));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> OpenAsync() =>
        (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, Returned, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();

    // C-03: Round(VatRefunded × q / Q), half away from zero to the fen.
    private static decimal VatMakeUp => Math.Round(VatRefunded * Returned / Exported, 2, MidpointRounding.AwayFromZero);

    private static string Yuan(decimal amount) => "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Cny(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " CNY";

    [Fact]
    public async Task EvidenceReview_OffersEachPdfsInlinePreview_FramedWhenOpened()
    {
        var caseId = await OpenAsync();
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");
        var docIds = (await _cases.GetAsync(caseId))["documents"]!.AsArray().Select(d => d!["docId"]!.GetValue<string>()).ToList();
        var officer = await _host.SignedInBrowserAsync("customs.officer");

        var html = await PageHtml.GetAsync(officer, $"/tasks/{taskId}");

        Assert.Equal(2, docIds.Count);
        foreach (var docId in docIds)
            Assert.Contains($"data-src=\"/api/cases/{caseId}/documents/{docId}/preview\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/evidence.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MakeUpTask_ShowsTheRefundRecordAndTheComputationStepByStep_InEachLanguagesAmounts()
    {
        var caseId = await OpenAsync();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        var taskId = await _cases.OpenTaskAsync(caseId, "ConfirmMakeUp");
        var officer = await _host.SignedInBrowserAsync("tax.officer");

        var chinese = await PageHtml.GetAsync(officer, $"/tasks/{taskId}");
        var english = await PageHtml.GetAsync(officer, $"/tasks/{taskId}", "en");

        Assert.NotEqual(VatRefunded * Returned / Exported, VatMakeUp); // the rounding is visible on this line
        Assert.Equal(Yuan(VatMakeUp), PageHtml.Text(chinese, "makeup-vat-due-1"));
        Assert.Equal(Cny(VatMakeUp), PageHtml.Text(english, "makeup-vat-due-1"));
        var vatStep = PageHtml.Text(english, "makeup-vat-1");
        Assert.Contains(Cny(VatRefunded), vatStep);
        Assert.Contains((VatRefunded * Returned / Exported).ToString("#,##0.00####", CultureInfo.InvariantCulture), vatStep);
        Assert.Equal(Cny(0m), PageHtml.Text(english, "makeup-ct-due-1"));
        Assert.Equal(Yuan(VatMakeUp), PageHtml.Text(chinese, "makeup-grand-total"));
        Assert.Contains(Yuan(VatRefunded), PageHtml.Text(chinese, "refund-record-1"));
        // What the page computed is what the case records.
        var recorded = (await _cases.GetAsync(caseId))["lines"]![0]!["makeUp"]!["makeUpVat"]!.GetValue<decimal>();
        Assert.Equal(VatMakeUp, recorded);
    }

    [Fact]
    public async Task CertificateReview_ShowsTheApplicationAndEachSelfCheckPassed()
    {
        var caseId = await OpenAsync();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        await _cases.CompleteAsync(_cases.Tax, caseId, "ConfirmMakeUp", "Confirmed", new JsonObject { ["method"] = "Repaid", ["paymentVoucherNo"] = "344036260800012345", ["paidOn"] = "2026-08-05" });
        await _cases.ApplyAsync(caseId);
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewCertificateApplication");
        var officer = await _host.SignedInBrowserAsync("tax.officer");

        var html = await PageHtml.GetAsync(officer, $"/tasks/{taskId}");

        Assert.Equal(Decl, PageHtml.Text(html, "application-export-doc"));
        Assert.Equal("已缴回退(免)税", PageHtml.Text(html, "application-refund-status"));
        Assert.Contains(Yuan(VatMakeUp), PageHtml.Text(html, "application-line-1"));
        var checks = PageHtml.Tags(html, "self-check").Count == 1 ? PageHtml.Text(html, "self-check") : "";
        foreach (var code in new[] { "V-01", "V-02", "V-04", "V-05", "V-09", "V-14", "V-15", "REFUND_STATUS_MISMATCH" })
        {
            Assert.Contains(code, checks);
            Assert.Equal(["true"], PageHtml.Attributes(html, "self-check-" + code, "data-passed"));
        }
    }

    [Fact]
    public async Task CertificateReview_AfterACrossCheck_ShowsTheDeclarationBesideTheCertificate_EachFieldAsTheCrossCheckJudgedIt()
    {
        var caseId = await OpenAsync();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        await _cases.CompleteAsync(_cases.Tax, caseId, "ConfirmMakeUp", "Confirmed", new JsonObject { ["method"] = "Repaid", ["paymentVoucherNo"] = "344036260800012345", ["paidOn"] = "2026-08-05" });
        await _cases.ApplyAsync(caseId);
        var reviewId = await _cases.OpenTaskAsync(caseId, "ReviewCertificateApplication");
        var certificateNo = CaseDriver.CertificateNo(await _cases.CompleteAsync(_cases.Tax, caseId, "ReviewCertificateApplication", "Approve"));
        // More goods declared than certified: X-07 refuses the quantity, every other field agrees.
        var filed = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, Returned + 17, "2026-08-20", 10000m, 7.12m, 0.08m, Decl));
        Assert.Equal("Mismatched", CaseDriver.Status(filed));
        var officer = await _host.SignedInBrowserAsync("tax.officer");

        var html = await PageHtml.GetAsync(officer, $"/tasks/{reviewId}", "en");

        var fields = PageHtml.Tags(html, "field").ToDictionary(
            t => System.Text.RegularExpressions.Regex.Match(t, "data-field=\"([^\"]*)\"").Groups[1].Value,
            t => System.Text.RegularExpressions.Regex.Match(t, "data-agrees=\"([^\"]*)\"").Groups[1].Value);
        Assert.Equal("differs", fields["Quantity"]);
        Assert.Equal("agrees", fields["Goods code"]);
        Assert.Equal("agrees", fields["Unit"]);
        Assert.Equal("agrees", fields["Export declaration no."]);
        Assert.Equal("agrees", fields["Certificate no."]);
        Assert.Equal("Mismatched", PageHtml.Attributes(html, "comparison-result", "data-result").Single());
        Assert.Contains("QTY_MISMATCH", PageHtml.Text(html, "comparison-530020261000765432"));
    }

    [Fact]
    public async Task DueTime_IsMarked_Far_ThenDueSoon_ThenOverdue_InWords_AsTheClockMoves()
    {
        var caseId = await OpenAsync();
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");
        var due = (await _cases.GetAsync(caseId))["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == taskId)!["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.True(due - _host.Clock.GetUtcNow() > TimeSpan.FromHours(24), "The evidence review is due in more than a day.");

        // Signed in afresh each time: a session does not outlive the days the clock moves.
        async Task<string> PageAsync() => await PageHtml.GetAsync(await _host.SignedInBrowserAsync("customs.officer"), $"/tasks/{taskId}", "en");
        var far = await PageAsync();
        _host.Clock.SetUtcNow(due - TimeSpan.FromHours(3));
        var near = await PageAsync();
        _host.Clock.SetUtcNow(due + TimeSpan.FromMinutes(1));
        var past = await PageAsync();

        Assert.Equal(["Far"], PageHtml.Attributes(far, "task-due", "data-due"));
        Assert.DoesNotContain("Due soon", PageHtml.Text(far, "task-due"));
        Assert.Equal(["Near"], PageHtml.Attributes(near, "task-due", "data-due"));
        Assert.Contains("due-near", PageHtml.Attributes(near, "task-due", "class").Single());
        Assert.Equal("Due soon", PageHtml.Text(near, "task-due-soon"));
        Assert.Equal(["Past"], PageHtml.Attributes(past, "task-due", "data-due"));
        Assert.Contains("due-past", PageHtml.Attributes(past, "task-due", "class").Single());
        Assert.Equal("Overdue", PageHtml.Text(past, "task-overdue"));
    }
}
