using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// Issue 16's pages in a real headless Chromium: the tax officer's refund declaration page (items 1–2), a hold placed on
/// the case page and released by a supervisor there (item 7), and the supervisor's referral task (items 6–7).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HoldAndRefundBrowserTests : IAsyncLifetime
{
    private const string Decl = "530020260001234567";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;
    private Chromium _chromium = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        _base = _host.Anonymous().BaseAddress!;
        _chromium = await Chromium.LaunchAsync();
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task<IPage> SignInAsync(string userName) => _chromium.SignedInPageAsync(_base, userName);

    private async Task<string> OpenAsync() =>
        (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();

    [Fact]
    public async Task TaxOfficer_DeclaresARefundOnThePage_TheLockedPartIsRefusedWithTheQuantities()
    {
        var caseId = await OpenAsync();
        var certificateNo = CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(caseId));

        var tax = await SignInAsync("tax.officer");
        await tax.GetByTestId("nav-refunds").ClickAsync();
        await tax.WaitForPageAsync("**/refunds");
        await tax.GetByTestId("refund-submit").ClickAsync();
        await Assertions.Expect(tax.GetByTestId("error-qty")).ToBeVisibleAsync();
        await tax.FillAsync("#r-exportDocNo", Decl);
        await tax.FillAsync("#r-exportItemNo", "1");
        await tax.FillAsync("#r-qty", "1800");
        await tax.FillAsync("#r-vatRefunded", "23400.00");
        await tax.SelectOptionAsync("#r-kind", "Refund");
        await tax.GetByTestId("refund-submit").ClickAsync();

        await Assertions.Expect(tax.GetByTestId("refund-outcome")).ToHaveTextAsync("Partly accepted");
        var line = tax.GetByTestId("refund-result").GetByTestId("refund-lines").Locator("tbody tr");
        await Assertions.Expect(line).ToContainTextAsync("REFUND_LOCKED_BY_CERTIFICATE");
        await Assertions.Expect(line).ToContainTextAsync("19,500.00");
        await Assertions.Expect(line).ToContainTextAsync(certificateNo);
        await tax.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("refund-declaration"), FullPage = true });
        var stored = await _cases.Analyst.GetJsonAsync($"/api/reference-data/export-lines/{Decl}/1");
        Assert.Equal(1500m, stored["refund"]!["refundedQty"]!.GetValue<decimal>());
        Assert.Equal("RefundStatus", (await _cases.GetAsync(caseId))["statusUpdates"]![0]!["kind"]!.GetValue<string>());

        // A customs officer has no refund page.
        var customs = await SignInAsync("customs.officer");
        await customs.GotoAsync("/refunds");
        Assert.DoesNotContain("/refunds", customs.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Officer_HoldsACaseOnItsPage_TheTaskWaits_AndTheSupervisorReleasesIt()
    {
        var caseId = await OpenAsync();
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");

        var customs = await SignInAsync("customs.officer");
        await customs.GotoAsync($"/cases/{caseId}");
        await customs.GetByTestId("hold-panel").Locator("summary").ClickAsync();
        await customs.FillAsync("#hold-reason", "Platform records look forged");
        await customs.GetByTestId("hold-submit").ClickAsync();

        await Assertions.Expect(customs.GetByTestId("case-status")).ToHaveTextAsync("On hold");
        await Assertions.Expect(customs.GetByTestId("hold")).ToContainTextAsync("Platform records look forged");
        await Assertions.Expect(customs.GetByTestId("timeline")).ToContainTextAsync("The case is on hold: Platform records look forged.");
        await Assertions.Expect(customs.GetByTestId("timeline").Locator("[data-code]").First).ToHaveTextAsync("FRAUD_REFERRAL");
        await Assertions.Expect(customs.GetByTestId("release")).ToHaveCountAsync(0);
        await customs.GotoAsync($"/tasks/{taskId}");
        await Assertions.Expect(customs.GetByTestId("task-held")).ToBeVisibleAsync();
        await Assertions.Expect(customs.GetByTestId("outcome-Accept")).ToHaveCountAsync(0);
        await customs.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("task-held"), FullPage = true });

        var supervisor = await SignInAsync("supervisor");
        await supervisor.GotoAsync($"/cases/{caseId}");
        await supervisor.FillAsync("input[name=comment]", "Records confirmed with the platform");
        await supervisor.GetByTestId("release").ClickAsync();

        await Assertions.Expect(supervisor.GetByTestId("case-status")).ToHaveTextAsync("Evidence review");
        await Assertions.Expect(supervisor.GetByTestId("hold")).ToHaveCountAsync(0);
        await Assertions.Expect(supervisor.GetByTestId("timeline")).ToContainTextAsync("released by supervisor");
        await customs.GotoAsync($"/tasks/{taskId}");
        await Assertions.Expect(customs.GetByTestId("outcome-Accept")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Supervisor_DecidesTheReferralTaskFromTheInbox()
    {
        var caseId = await OpenAsync();
        await _cases.Tax.PostJsonAsync($"/api/cases/{caseId}/hold", new JsonObject { ["reason"] = "Risk engine: fraud indicator" });

        var supervisor = await SignInAsync("supervisor");
        await supervisor.GotoAsync("/inbox?tab=available&q=" + caseId);
        var row = supervisor.Locator("tr[data-task-id]", new PageLocatorOptions { HasText = "Review the hold of case " + caseId });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Claim" }).ClickAsync();
        await supervisor.WaitForPageAsync("**/tasks/*");
        await Assertions.Expect(supervisor.Locator("main")).ToContainTextAsync("FRAUD_REFERRAL");
        await Assertions.Expect(supervisor.Locator("main")).ToContainTextAsync("Risk engine: fraud indicator");
        await supervisor.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("referral-task"), FullPage = true });
        await supervisor.GetByTestId("outcome-Release").ClickAsync();
        await supervisor.WaitForPageAsync("**/cases/*");

        await Assertions.Expect(supervisor.GetByTestId("case-status")).ToHaveTextAsync("Evidence review");
        Assert.Equal("EvidenceReview", CaseDriver.Status(await _cases.GetAsync(caseId)));
    }
}
