using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Returns.Shared;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// Issue 18: the clearance decision as a typed form per line, with the outcome computed on the server before it is recorded,
/// and a refusal recorded only after the officer confirms it; in Chinese and in English, at desk and phone width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClearanceFormBrowserTests : RefundedLineBrowserTest
{
    /// <summary>A case through its certificate and return declaration, waiting for the clearance decision; the officer is on its task page.</summary>
    private async Task<(string CaseId, string TaskId, IPage Page)> AtClearanceAsync(string locale, int width = 1280)
    {
        var caseId = await OpenAsync();
        var certificateNo = CaseDriver.CertificateNo(await Cases.ThroughCertificateAsync(caseId));
        await Cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 300, "2026-08-20", 3000m, 7.12m, 0.08m, Decl));
        var taskId = await Cases.OpenTaskAsync(caseId, "DecideClearance");

        var page = await SignInAsync("customs.officer", locale, width);
        await page.GotoAsync($"/tasks/{taskId}");
        await page.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inspection-1")).ToBeVisibleAsync();
        return (caseId, taskId, page);
    }

    [Fact]
    public async Task Chinese_InspectionThatRefusesTheLine_IsPreviewed_AndRecordedOnlyAfterTheRefusalIsConfirmed()
    {
        var (caseId, taskId, page) = await AtClearanceAsync("zh-CN");
        await Assertions.Expect(page.Locator("textarea[name='data.lines']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("insp-1-formBasicallySame")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("task-declarations")).ToContainTextAsync("相符");
        await PageChecks.CheckAsync(page, "zh-clearance-form");

        await page.GetByTestId("insp-1-processedOrModified").CheckAsync();
        await page.GetByTestId("insp-1-Unpacked").CheckAsync();
        await page.GetByTestId("preview").ClickAsync();
        var preview = page.GetByTestId("clearance-preview");
        await Assertions.Expect(preview).ToContainTextAsync("不予免税");
        await Assertions.Expect(page.GetByTestId("preview-line-1")).ToContainTextAsync(DisplayTexts.Reason(ReasonCodes.OriginalStateFailedProcessedOrModified, DisplayTexts.Chinese));
        await Assertions.Expect(page.GetByTestId("insp-1-processedOrModified")).ToBeCheckedAsync();
        await PageChecks.CheckAsync(page, "zh-clearance-preview-refusal");

        // Recording a refusal asks for the confirmation first; nothing is recorded yet.
        var waiting = CaseDriver.Status(await Cases.GetAsync(caseId));
        await page.GetByTestId("outcome-Record").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-refusal")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("task-problem")).ToBeVisibleAsync();
        Assert.Equal(waiting, CaseDriver.Status(await Cases.GetAsync(caseId)));
        Assert.NotEqual("RejectedOriginalState", waiting);
        await PageChecks.CheckAsync(page, "zh-clearance-confirm");

        await page.GetByTestId("confirm-refusal").CheckAsync();
        await page.GetByTestId("outcome-Record").ClickAsync();
        await page.WaitForPageAsync("**/cases/*");
        Assert.Equal("RejectedOriginalState", CaseDriver.Status(await Cases.GetAsync(caseId)));
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("未保持原状，不予免税");
        await Assertions.Expect(page.GetByTestId("case-reasons")).ToContainTextAsync(ReasonCodes.OriginalStateFailedProcessedOrModified);
        await PageChecks.CheckAsync(page, "zh-case-refused");

        // The completed task shows what was decided.
        await page.GotoAsync($"/tasks/{taskId}");
        await Assertions.Expect(page.GetByTestId("submitted-lines")).ToContainTextAsync("经过加工或改装");
        await Assertions.Expect(page.GetByTestId("submitted-lines")).ToContainTextAsync("拆箱");
        await PageChecks.CheckAsync(page, "zh-clearance-completed");
    }

    [Fact]
    public async Task English_OnAPhone_PreviewShowsTheExemptionPerTax_AndRecordingReleasesWithIt()
    {
        var (caseId, _, page) = await AtClearanceAsync("en-US", width: 375);
        await page.GetByTestId("insp-1-actualEntryDate").FillAsync("20-08-2026");
        await page.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error-insp.1.actualEntryDate")).ToHaveTextAsync("Enter a date as YYYY-MM-DD.");

        await page.GetByTestId("insp-1-actualEntryDate").FillAsync("2026-08-20");
        await page.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("clearance-preview")).ToContainTextAsync("released with exemption");
        var total = await page.GetByTestId("preview-total").TextContentAsync();
        Assert.EndsWith(" CNY", total);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, "The clearance form scrolls sideways at 375 px.");
        await PageChecks.CheckAsync(page, "en-clearance-preview-phone", chinese: false);

        await page.GetByTestId("outcome-Record").ClickAsync();
        await page.WaitForPageAsync("**/cases/*");
        var closed = await Cases.GetAsync(caseId);
        Assert.Equal("Closed", CaseDriver.Status(closed));
        Assert.Equal(total, DisplayTexts.Amount(closed["amounts"]!["totalExempted"]!.GetValue<decimal>(), DisplayTexts.English));
        await PageChecks.CheckAsync(page, "en-case-closed-phone", chinese: false);
    }
}
