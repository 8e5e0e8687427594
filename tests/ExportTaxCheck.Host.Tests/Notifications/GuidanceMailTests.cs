using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Shared;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Notifications;

/// <summary>
/// Each exporter mail says what to do next, the same in both parts: the make-up's amount, how and where to pay or offset
/// it and by when; the field a cross-check found different with both values and how to correct it; a refusal's reasons in
/// words and how to object; and always whom to contact (from <c>Returns:Authorities</c>, by the case's tax authority code).
/// </summary>
public abstract class GuidanceMailTests(TestDatabase database) : IAsyncLifetime
{
    private const string TaxCode = "14403000000";
    private const string TaxName = "国家税务总局深圳市前海税务局";
    private const string TaxPhone = "0755-88889999";
    private readonly SmtpServer _smtp = new();
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _host = new HostFixture(new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:From"] = "ExportTaxCheck <noreply@etc.example.cn>",
            [$"Returns:Authorities:TaxByCode:{TaxCode}:NameZh"] = TaxName,
            [$"Returns:Authorities:TaxByCode:{TaxCode}:NameEn"] = "Qianhai Tax Bureau, Shenzhen",
            [$"Returns:Authorities:TaxByCode:{TaxCode}:Phone"] = TaxPhone,
            [$"Returns:Authorities:TaxByCode:{TaxCode}:AddressZh"] = "深圳市南山区前海大道1号",
            [$"Returns:Authorities:TaxByCode:{TaxCode}:AddressEn"] = "1 Qianhai Avenue, Nanshan, Shenzhen",
        }, database).WithProductFlows();
        _cases = new CaseDriver(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static JsonObject WithContact(JsonObject body)
    {
        body["contactEmail"] = "returns@lanbo-trading.example.cn";
        return body;
    }

    private async Task<MimeMessage> MailAsync(string template)
    {
        var messages = await Eventually.GetAsync(async () =>
        {
            await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default);
            return _smtp.Messages();
        }, m => m.Any(x => x.Headers["X-ExportTaxCheck-Notification"] == template));
        var mail = messages.Single(m => m.Headers["X-ExportTaxCheck-Notification"] == template);
        MailTexts.AssertEveryCodeHasItsText(mail);
        MailTexts.AssertBothPartsSayTheSame(mail);
        return mail;
    }

    private static (string Chinese, string English) Parts(MimeMessage mail)
    {
        var body = mail.TextBody ?? "";
        var cut = body.IndexOf("[English]", StringComparison.Ordinal);
        return (body[..cut], body[cut..]);
    }

    private static string MadeUpOn(JsonNode view) => ChinaTime.ToChinaDate(view["timeline"]!.AsArray()
        .Last(e => e!["status"]?.GetValue<string>() == "MakeUpRequired")!["at"]!.GetValue<DateTimeOffset>()).AddDays(ReturnsDomainOptions.Default.MakeUpDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task MakeUpMail_OfATradingExporter_SaysHowMuch_ToRepayWhere_AndByWhen_WithTheConfiguredTaxAuthority()
    {
        const string decl = "530020260005678901";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8517629900", 1200, fob: 24000m, refundStatus: "Refunded", vatRefunded: 23400m, ctRefunded: 600m));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 600, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", decl), CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        var view = await _cases.GetAsync(caseId);
        Assert.Equal("MakeUpRequired", CaseDriver.Status(view));

        var mail = await MailAsync(CaseNotifications.MakeUpDue);
        var (chinese, english) = Parts(mail);
        var due = MadeUpOn(view);
        Assert.Contains($"请于 {due} 前向主管税务机关缴回已退税款 12,000.00 元（增值税 11,700.00 元，消费税 300.00 元）", chinese, StringComparison.Ordinal);
        Assert.Contains("电子税务局", chinese, StringComparison.Ordinal);
        Assert.Contains($"Repay CNY 12,000.00 (VAT CNY 11,700.00, consumption tax CNY 300.00) by {due} to the competent tax authority", english, StringComparison.Ordinal);
        Assert.Contains("e-Tax bureau", english, StringComparison.Ordinal);
        Assert.Contains($"{TaxName}（代码 {TaxCode}），电话 {TaxPhone}，深圳市南山区前海大道1号", chinese, StringComparison.Ordinal);
        Assert.Contains($"Qianhai Tax Bureau, Shenzhen (code {TaxCode}), phone {TaxPhone}, 1 Qianhai Avenue", english, StringComparison.Ordinal);
        // Customs keeps its documented default: the national hotline.
        Assert.Contains("电话 12360", chinese, StringComparison.Ordinal);
        Assert.Contains("phone 12360", english, StringComparison.Ordinal);
        Assert.Contains($"缴回已退税款 12,000.00 元", WebUtility.HtmlDecode(mail.HtmlBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MakeUpMail_OfAManufacturer_SaysToOffsetInTheCurrentPeriod_WithTheReversalAmounts()
    {
        const string decl = "530020260005678902";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8517629900", 1000, fob: 24000m, refundStatus: "Refunded", vatRefunded: 22308m, fobCny: 171600m));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 500, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", decl), CaseDriver.Document("ExportDeclaration", decl)], "Manufacturer"))))["caseId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        var view = await _cases.GetAsync(caseId);
        var makeUp = view["lines"]![0]!["makeUp"]!;
        Assert.Equal("Offset", makeUp["method"]!.GetValue<string>());
        var mdt = DisplayTexts.Number(makeUp["reversalMdt"]!.GetValue<decimal>());
        var nonCreditable = DisplayTexts.Number(makeUp["reversalNonCreditable"]!.GetValue<decimal>());

        var (chinese, english) = Parts(await MailAsync(CaseNotifications.MakeUpDue));
        var due = MadeUpOn(view);
        var period = due[..4] + due[5..7];
        Assert.Equal("11,154.00", mdt);
        Assert.Contains($"请于 {due} 前在当期（", chinese, StringComparison.Ordinal);
        Assert.Contains($"免抵退税申报中以负数冲减：免抵退税额 {mdt} 元，当期不得免征和抵扣税额 {nonCreditable} 元", chinese, StringComparison.Ordinal);
        Assert.Contains($"Offset the refund by {due} in your tax-exemption-credit-refund declaration for the current period", english, StringComparison.Ordinal);
        Assert.Contains($"exemption-credit-refund amount CNY {mdt}", english, StringComparison.Ordinal);
        Assert.DoesNotContain("缴回已退税款", chinese, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(period, "202608") >= 0);
    }

    [Fact]
    public async Task MismatchMail_NamesTheFieldWithTheCertificatesAndTheDeclarationsValue_AndHowToCorrectIt()
    {
        const string decl = "530020260005678903";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", decl, 500), CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(caseId);
        var mismatched = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 480, "2026-08-20", 9600m, 7.12m, 0.08m, decl));
        Assert.Equal("Mismatched", CaseDriver.Status(mismatched));

        var (chinese, english) = Parts(await MailAsync(CaseNotifications.CrossCheckMismatched));
        Assert.Contains($"数量（第 1 项）：证明为 500，报关单为 480。{DisplayTexts.Reason(ReasonCodes.QtyMismatch, DisplayTexts.Chinese)}（QTY_MISMATCH）", chinese, StringComparison.Ordinal);
        Assert.Contains($"quantity (item 1): certificate: 500; declaration: 480. {DisplayTexts.Reason(ReasonCodes.QtyMismatch, DisplayTexts.English)} (QTY_MISMATCH)", english, StringComparison.Ordinal);
        Assert.Contains("向海关申请修改退运报关单", chinese, StringComparison.Ordinal);
        Assert.Contains("ask the customs office to amend the return declaration", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusalMail_GivesTheReasonsInWords_AndHowToObject_InBothParts()
    {
        const string decl = "530020260005678904";
        await _cases.LoadAsync(CaseDriver.ExportLine(decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 100));
        var caseId = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(decl, 100, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", decl), CaseDriver.Document("ExportDeclaration", decl)]))))["caseId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Reject",
            new JsonObject { ["reasons"] = new JsonArray(ReasonCodes.OriginalStateFailedAccessoriesAdded) });

        var (chinese, english) = Parts(await MailAsync(CaseNotifications.CaseRejected));
        Assert.Contains(DisplayTexts.Reason(ReasonCodes.OriginalStateFailedAccessoriesAdded, DisplayTexts.Chinese), chinese, StringComparison.Ordinal);
        Assert.Contains(DisplayTexts.Reason(ReasonCodes.OriginalStateFailedAccessoriesAdded, DisplayTexts.English), english, StringComparison.Ordinal);
        Assert.Contains("行政复议", chinese, StringComparison.Ordinal);
        Assert.Contains("administrative reconsideration", english, StringComparison.Ordinal);
        // The timeline's sentence is in each part's language, not the English one twice.
        Assert.Contains("审核人员不认可所提交的单证。", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("The officer rejected the evidence.", chinese, StringComparison.Ordinal);
    }
}
