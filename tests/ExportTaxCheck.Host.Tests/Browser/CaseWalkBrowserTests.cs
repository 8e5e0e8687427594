using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Shared;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// One case walked end to end in Chromium, in Chinese and in English: the exporter acts through the API, the officers only
/// through the pages — screening review (a food-list heading), evidence review, make-up confirmation, certificate review,
/// the paper branch after a customs outage, and the clearance form with an inspection that refuses a line (previewed, and
/// asked to be confirmed) before the corrected inspection releases the goods — until the case page says Closed. A refused
/// line refuses the whole case, so the confirmed refusal is recorded on a second case (brought to its clearance by the API). Every
/// page is screenshotted and checked by axe; the case page and a task page also at 375 px. Elements are found by test ids,
/// form field names and links, not by layout or wording.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseWalkBrowserTests : IAsyncLifetime
{
    private const string Decl = "530020260018765432";
    private const string OtherDecl = "530020260018765433";
    private const string Hs = "3501100000";
    private const string Goods = "酪蛋白";
    private const decimal Exported = 1000m, Returned = 300m, VatRefunded = 13000m;
    private const decimal Cif = 3000m, CustomsRate = 7.12m, DutyRate = 0.08m, VatRate = 0.13m;

    private readonly SwitchableServer _network = new();
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;
    private Chromium _chromium = null!;
    private Uri _base = null!;
    private string _lang = "";
    private bool _chinese;
    private int _shot;

    public async Task InitializeAsync()
    {
        _host = HostFixture.BehindNetwork(_network);
        _cases = new CaseDriver(_host);
        _base = _host.Anonymous().BaseAddress!;
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _host.DisposeAsync();
        await _network.DisposeAsync();
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Axe, the internal-word check on Chinese pages, and a screenshot <c>&lt;lang&gt;-walk-&lt;nn&gt;-&lt;page&gt;</c>.</summary>
    private Task CheckAsync(IPage page, string name) => PageChecks.CheckAsync(page, $"{_lang}-walk-{++_shot:00}-{name}", _chinese);

    /// <summary>The officer finds the case's open task in the inbox (searched by case), opens it from its link and claims it.</summary>
    private async Task OpenAndClaimAsync(IPage page, string caseId, string activityType, string name)
    {
        var taskId = await _cases.OpenTaskAsync(caseId, activityType);
        await page.GotoAsync("/inbox?tab=available&q=" + caseId);
        var link = page.Locator($"a[href='/tasks/{taskId}']").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        await CheckAsync(page, "inbox-" + name);
        await link.ClickAsync();
        await page.WaitForPageAsync($"**/tasks/{taskId}");
        await page.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "Claimed");
        await CheckAsync(page, "task-" + name);
    }

    private async Task ChooseAsync(IPage page, string outcome, string status, string name)
    {
        await page.GetByTestId("outcome-" + outcome).ClickAsync();
        await page.WaitForPageAsync("**/cases/*");
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveAttributeAsync("data-status", status);
        await CheckAsync(page, "case-" + name);
    }

    private static async Task AssertFitsAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{page.Url} scrolls sideways at {width} px.");

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Officers_WalkACase_ThroughEveryPage_ToClosed(string locale)
    {
        _chinese = locale.StartsWith("zh", StringComparison.Ordinal);
        _lang = _chinese ? "zh-CN" : "en";
        var culture = _chinese ? DisplayTexts.Chinese : DisplayTexts.English;
        string Money(decimal amount) => DisplayTexts.Amount(amount, culture);

        // The amounts by the rules: the make-up is the refunded VAT of the returned share (§5.4); the exemption is the customs
        // value (CIF × rate) with duty on it and VAT on value plus duty, each rounded half away from zero (C-01, C-08..C-11).
        var makeUp = Round(VatRefunded * Returned / Exported);
        var customsValue = Round(Cif * CustomsRate);
        var duty = Round(customsValue * DutyRate);
        var vat = Round((customsValue + duty) * VatRate);
        var total = duty + vat;

        // The exporter (API): a 9710 line on a food-list review heading, its VAT refunded.
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", Hs, Exported, refundStatus: "Refunded", vatRefunded: VatRefunded, goodsName: Goods));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, Returned, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();

        // A second case, taken by the API to its clearance decision, is the one whose refusal the officer confirms below.
        await _cases.LoadAsync(CaseDriver.ExportLine(OtherDecl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", Exported));
        var refusedCaseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(OtherDecl, Returned, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", OtherDecl), CaseDriver.Document("ExportDeclaration", OtherDecl)])))["caseId"]!.GetValue<string>();
        var otherCertificate = CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(refusedCaseId));
        await _cases.FileDeclarationAsync(refusedCaseId, CaseDriver.Declaration(otherCertificate, Returned, "2026-08-20", Cif, CustomsRate, DutyRate, OtherDecl, declarationNo: "530020261000765433"));
        await _cases.OpenTaskAsync(refusedCaseId, "DecideClearance");

        // Customs: the screening review (the heading needs an officer's decision), then the evidence.
        var customs = await _chromium.SignedInPageAsync(_base, "customs.officer", locale: locale);
        await OpenAndClaimAsync(customs, caseId, "ReviewScreening", "screening");
        await Assertions.Expect(customs.Locator("input[name='data.reasons']").First).ToBeVisibleAsync();
        await ChooseAsync(customs, "Eligible", "EvidenceReview", "screened");
        await OpenAndClaimAsync(customs, caseId, "ReviewEvidence", "evidence");
        await ChooseAsync(customs, "Accept", "MakeUpRequired", "make-up-due");
        await Assertions.Expect(customs.GetByTestId("amounts")).ToContainTextAsync(Money(makeUp));

        // Tax: the make-up confirmation (a required field missing first), then the certificate after the exporter applies.
        var tax = await _chromium.SignedInPageAsync(_base, "tax.officer", locale: locale);
        await OpenAndClaimAsync(tax, caseId, "ConfirmMakeUp", "make-up");
        await tax.GetByTestId("outcome-Confirmed").ClickAsync();
        await Assertions.Expect(tax.GetByTestId("error-method")).ToBeVisibleAsync();
        await CheckAsync(tax, "task-make-up-invalid");
        await tax.Locator("select[name='data.method']").SelectOptionAsync("Repaid");
        await tax.Locator("input[name='data.paymentVoucherNo']").FillAsync("344036260800012345");
        await tax.Locator("input[name='data.paidOn']").FillAsync("2026-08-05");
        await ChooseAsync(tax, "Confirmed", "CertificateApplication", "make-up-confirmed");
        await Assertions.Expect(tax.GetByTestId("amounts")).ToContainTextAsync(Money(makeUp));

        await _cases.ApplyAsync(caseId, Decl, "TaxPaid", "Repaid");
        await OpenAndClaimAsync(tax, caseId, "ReviewCertificateApplication", "certificate");
        await ChooseAsync(tax, "Approve", "CertificateIssued", "certificate-issued");
        var certificateNo = CaseDriver.CertificateNo(await _cases.GetAsync(caseId));
        await Assertions.Expect(tax.GetByTestId("certificates")).ToContainTextAsync(certificateNo);

        // The exporter declares the return while the line to customs is cut: the cross-check gives up, the paper branch opens.
        _network.Up = false;
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, Returned, "2026-08-20", Cif, CustomsRate, DutyRate, Decl, hs: Hs, goodsName: Goods, vatRate: VatRate));
        await Eventually.GetAsync(async () =>
        {
            var view = await _cases.GetAsync(caseId);
            if (CaseDriver.Status(view) == "ReturnDeclared")
            {
                _host.Clock.Advance(TimeSpan.FromMinutes(20));
                await _cases.FireTimersAsync();
            }
            return view;
        }, v => CaseDriver.Status(v) != "ReturnDeclared");
        await customs.GotoAsync($"/cases/{caseId}");
        await Assertions.Expect(customs.GetByTestId("case-status")).ToHaveAttributeAsync("data-status", "CheckUnavailable");
        await CheckAsync(customs, "case-check-unavailable");
        await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/paper-certificates", new JsonObject { ["certificateNo"] = certificateNo });
        await OpenAndClaimAsync(customs, caseId, "VerifyPaperCertificate", "paper");
        await ChooseAsync(customs, "Verified", "Matched", "paper-verified");

        // Customs: the clearance. An inspection that finds line 1 processed is previewed as refused, with its reason, and
        // recording it asks for the confirmation first (nothing is recorded); the re-checked inspection releases the goods.
        await OpenAndClaimAsync(customs, caseId, "DecideClearance", "clearance");
        await customs.Locator("input[name='insp.1.processedOrModified']").CheckAsync();
        await customs.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(customs.GetByTestId("preview-line-1")).ToContainTextAsync(DisplayTexts.Reason(ReasonCodes.OriginalStateFailedProcessedOrModified, culture));
        await Assertions.Expect(customs.GetByTestId("preview-amounts")).ToHaveCountAsync(0);
        await CheckAsync(customs, "clearance-preview-refused");
        var waiting = CaseDriver.Status(await _cases.GetAsync(caseId));
        await customs.GetByTestId("outcome-Record").ClickAsync();
        await Assertions.Expect(customs.GetByTestId("confirm-refusal")).ToBeVisibleAsync();
        await Assertions.Expect(customs.GetByTestId("preview-line-1")).ToContainTextAsync(DisplayTexts.Reason(ReasonCodes.OriginalStateFailedProcessedOrModified, culture));
        Assert.Equal(waiting, CaseDriver.Status(await _cases.GetAsync(caseId)));
        Assert.NotEqual("RejectedOriginalState", waiting);
        await CheckAsync(customs, "clearance-confirm-refusal");

        await customs.Locator("input[name='insp.1.processedOrModified']").UncheckAsync();
        await customs.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(customs.GetByTestId("preview-total")).ToHaveTextAsync(Money(total));
        await Assertions.Expect(customs.GetByTestId("preview-amounts")).ToContainTextAsync(Money(duty));
        await Assertions.Expect(customs.GetByTestId("preview-amounts")).ToContainTextAsync(Money(vat));
        await CheckAsync(customs, "clearance-preview-exempt");
        await ChooseAsync(customs, "Record", "Closed", "closed");
        await Assertions.Expect(customs.GetByTestId("total-exempted")).ToHaveTextAsync(Money(total));
        await Assertions.Expect(customs.GetByTestId("amounts")).ToContainTextAsync(Money(customsValue));
        var closed = await _cases.GetAsync(caseId);
        Assert.Equal(total, closed["amounts"]!["totalExempted"]!.GetValue<decimal>());
        Assert.All(closed["tasks"]!.AsArray(), t => Assert.Equal("Completed", t!["status"]!.GetValue<string>()));
        Assert.Equal(6, closed["tasks"]!.AsArray().Count);

        // The other case: the refusal is previewed with its reason, confirmed, recorded, and the case page says so.
        await OpenAndClaimAsync(customs, refusedCaseId, "DecideClearance", "refusal");
        await customs.Locator("input[name='insp.1.accessoriesOrPartsAdded']").CheckAsync();
        await customs.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(customs.GetByTestId("preview-line-1")).ToContainTextAsync(DisplayTexts.Reason(ReasonCodes.OriginalStateFailedAccessoriesAdded, culture));
        await customs.GetByTestId("outcome-Record").ClickAsync();
        await customs.GetByTestId("confirm-refusal").CheckAsync();
        await CheckAsync(customs, "refusal-confirmed");
        await ChooseAsync(customs, "Record", "RejectedOriginalState", "refused");
        await Assertions.Expect(customs.GetByTestId("case-reasons")).ToContainTextAsync(ReasonCodes.OriginalStateFailedAccessoriesAdded);

        // On a phone: the case page and the clearance task page.
        var phone = await _chromium.SignedInPageAsync(_base, "customs.officer", 375, locale);
        await phone.GotoAsync($"/cases/{caseId}");
        await Assertions.Expect(phone.GetByTestId("case-status")).ToHaveAttributeAsync("data-status", "Closed");
        await AssertFitsAsync(phone, 375);
        await CheckAsync(phone, "case-closed-375");
        var clearanceTask = closed["tasks"]!.AsArray().Last(t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.DecideClearance")!["id"]!.GetValue<string>();
        await phone.GotoAsync($"/tasks/{clearanceTask}");
        await Assertions.Expect(phone.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "Completed");
        await AssertFitsAsync(phone, 375);
        await CheckAsync(phone, "task-clearance-375");
    }
}
