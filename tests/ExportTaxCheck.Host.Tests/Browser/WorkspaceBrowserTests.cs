using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// The officer workspace in a real headless Chromium: a tax officer and a customs officer take a case from submission
/// to Closed through the pages only (exporters act through their API, as they do for real), including the paper
/// branch after a forced customs outage.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkspaceBrowserTests : IAsyncLifetime
{
    private const string Decl = "530020260016789012";
    private readonly SwitchableServer _network = new();
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;
    private Chromium _chromium = null!;
    private Uri _base = null!;

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

    private Task<IPage> SignInAsync(string userName, int width = 1280) => _chromium.SignedInPageAsync(_base, userName, width);

    /// <summary>Finds the case's task in the Available tab and claims it there; lands on the task page.</summary>
    private static async Task ClaimFromInboxAsync(IPage page, string caseId, string titlePart)
    {
        await page.GotoAsync("/inbox?tab=available&q=" + caseId);
        var row = page.Locator("tr[data-task-id]", new PageLocatorOptions { HasText = titlePart });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Claim" }).ClickAsync();
        await page.WaitForPageAsync("**/tasks/*");
        await Assertions.Expect(page.GetByTestId("task-assignee")).Not.ToHaveTextAsync("nobody");
    }

    private static async Task ChooseOutcomeAsync(IPage page, string outcome, string expectedUrl = "**/cases/*")
    {
        await page.GetByTestId("outcome-" + outcome).ClickAsync();
        await page.WaitForPageAsync(expectedUrl);
    }

    [Fact]
    public async Task Officers_TakeACaseToClosed_ThroughThePages_IncludingThePaperBranch()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000, refundStatus: "Refunded", vatRefunded: 13000m));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();

        // Customs: evidence review from the inbox.
        var customs = await SignInAsync("customs.officer");
        await customs.GotoAsync("/inbox?tab=available");
        await Assertions.Expect(customs.GetByTestId("task-list")).ToContainTextAsync(caseId);
        await customs.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("inbox-customs"), FullPage = true });
        await ClaimFromInboxAsync(customs, caseId, "Review return reason");
        await ChooseOutcomeAsync(customs, "Accept");
        await Assertions.Expect(customs.GetByTestId("case-status")).ToHaveTextAsync("Make-up due");

        // Tax: the make-up confirmation, first with a required field missing.
        var tax = await SignInAsync("tax.officer");
        await ClaimFromInboxAsync(tax, caseId, "Confirm the make-up");
        await tax.GetByTestId("outcome-Confirmed").ClickAsync();
        await Assertions.Expect(tax.GetByTestId("error-method")).ToHaveTextAsync("Method is required.");
        await tax.FillAsync("#f-paymentVoucherNo", "344036260800012345");
        await tax.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("task-form-validation"), FullPage = true });
        await Assertions.Expect(tax.Locator("#f-paymentVoucherNo")).ToHaveValueAsync("344036260800012345");
        await tax.SelectOptionAsync("#f-method", "Repaid");
        await tax.FillAsync("#f-paidOn", "2026-08-05");
        await ChooseOutcomeAsync(tax, "Confirmed");
        await Assertions.Expect(tax.GetByTestId("amounts")).ToContainTextAsync("3,900.00");

        // The exporter applies for the certificate (TaxPaid, repaid), then tax reviews it.
        await _cases.ApplyAsync(caseId, Decl, "TaxPaid", "Repaid");
        await ClaimFromInboxAsync(tax, caseId, "Review the certificate application");
        await ChooseOutcomeAsync(tax, "Approve");
        await Assertions.Expect(tax.GetByTestId("certificates")).ToContainTextAsync("Tax paid");
        var certificateNo = CaseDriver.CertificateNo(await _cases.GetAsync(caseId));

        // The exporter declares the return while customs is unreachable; the cross-check gives up.
        _network.Up = false;
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 300, "2026-08-20", 3000m, 7.12m, 0.08m, Decl));
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
        await Assertions.Expect(customs.GetByTestId("case-status")).ToHaveTextAsync("Cross-check unavailable");
        await Assertions.Expect(customs.GetByTestId("cross-checks")).ToContainTextAsync("Unavailable");
        await _cases.Exporter.PostJsonAsync($"/api/cases/{caseId}/paper-certificates", new JsonObject { ["certificateNo"] = certificateNo });

        // Customs: verify the paper certificate, then record the clearance.
        await ClaimFromInboxAsync(customs, caseId, "Verify the paper certificate");
        await ChooseOutcomeAsync(customs, "Verified");
        await ClaimFromInboxAsync(customs, caseId, "Inspect and decide");
        await ChooseOutcomeAsync(customs, "Record");

        var closed = await _cases.GetAsync(caseId);
        Assert.Equal("Closed", CaseDriver.Status(closed));
        await Assertions.Expect(customs.GetByTestId("case-status")).ToHaveTextAsync("Closed");
        var exempted = closed["amounts"]!["totalExempted"]!.GetValue<decimal>();
        Assert.True(exempted > 0);
        await Assertions.Expect(customs.GetByTestId("total-exempted")).ToHaveTextAsync(exempted.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) + " CNY");
        await Assertions.Expect(customs.GetByTestId("timeline")).ToContainTextAsync("paper certificate");
        await customs.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("case-closed"), FullPage = true });

        // Every task was done by the officer who claimed it, through the pages.
        var tasks = closed["tasks"]!.AsArray();
        Assert.All(tasks, t => Assert.Equal("Completed", t!["status"]!.GetValue<string>()));
        Assert.Equal(["customs.officer", "tax.officer", "tax.officer", "customs.officer", "customs.officer"],
            tasks.Select(t => t!["assignee"]!.GetValue<string>()).ToArray());

        await customs.GotoAsync("/inbox?tab=completed");
        await Assertions.Expect(customs.GetByTestId("task-list").Locator("tr[data-task-id]")).ToHaveCountAsync(3);
        await customs.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("inbox-completed"), FullPage = true });
    }

    [Fact]
    public async Task WrongPassword_ShowsAnError_AndSetsNoCookie()
    {
        var page = await _chromium.NewPageAsync(_base);
        await page.GotoAsync("/signin");
        await Chromium.SubmitSignInAsync(page, "tax.officer", "not-the-password");

        await Assertions.Expect(page.GetByTestId("signin-error")).ToHaveTextAsync(ExportTaxCheck.Engine.Users.OfficerDirectory.RefusedMessage);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "etc.officer");
    }

    [Fact]
    public async Task SignedOut_PagesRedirectToSignIn_AndBackAfterwards()
    {
        var page = await _chromium.NewPageAsync(_base);
        await page.GotoAsync("/cases");
        Assert.Contains("/signin", page.Url);

        await Chromium.SubmitSignInAsync(page, "supervisor");
        await page.WaitForPageAsync("**/cases");

        await page.ClickAsync("text=Sign out");
        await page.WaitForPageAsync("**/signin");
        await page.GotoAsync("/inbox");
        Assert.Contains("/signin", page.Url);
    }

    [Fact]
    public async Task TaxOfficer_OpeningACustomsTask_GetsNotFound()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");

        var tax = await SignInAsync("tax.officer");
        var response = await tax.GotoAsync($"/tasks/{taskId}");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(tax.GetByTestId("not-found")).ToBeVisibleAsync();
        await tax.GotoAsync("/inbox?tab=available");
        await Assertions.Expect(tax.Locator($"tr[data-task-id='{taskId}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Inbox_OnAPhoneWideScreen_HasNoHorizontalScroll()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();

        var page = await SignInAsync("customs.officer", width: 375);
        await page.GotoAsync("/inbox?tab=available");
        await Assertions.Expect(page.GetByTestId("task-list")).ToContainTextAsync(caseId);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("inbox-narrow"), FullPage = true });

        await page.GotoAsync($"/cases/{caseId}");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375);
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");
        await page.GotoAsync($"/tasks/{taskId}");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375);
    }
}
