using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// The make-up confirmation, the certificate review and the incidents page in Chromium, in Chinese and English, on a
/// desk (1280 px) and on a phone (375 px): what the officer decides on is there, nothing scrolls sideways, and axe finds
/// no serious or critical violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TaskPagesBrowserTests : RefundedLineBrowserTest
{
    private static readonly (string Locale, int Width)[] Views = [("zh-CN", 1280), ("zh-CN", 375), ("en-US", 1280), ("en-US", 375)];

    private async Task CheckAsync(string userName, string url, string testId, string name)
    {
        foreach (var (locale, width) in Views)
        {
            var page = await SignInAsync(userName, locale, width);
            await page.GotoAsync(url);
            await Assertions.Expect(page.GetByTestId(testId).First).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{url} scrolls sideways at {width} px ({locale}).");
            await PageChecks.CheckAsync(page, $"{name}-{locale}-{width}", chinese: locale == "zh-CN");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task MakeUpTask_CertificateReview_AndIncidents_ReadInBothLanguages_OnDeskAndPhone()
    {
        var caseId = await OpenAsync();
        await Cases.CompleteAsync(Cases.Customs, caseId, "ReviewEvidence", "Accept");
        var makeUp = await Cases.OpenTaskAsync(caseId, "ConfirmMakeUp");
        await CheckAsync("tax.officer", $"/tasks/{makeUp}", "makeup-computation", "task-makeup");

        await Cases.CompleteAsync(Cases.Tax, caseId, "ConfirmMakeUp", "Confirmed", new JsonObject { ["method"] = "Repaid", ["paymentVoucherNo"] = "344036260800012345", ["paidOn"] = "2026-08-05" });
        await Cases.ApplyAsync(caseId);
        var review = await Cases.OpenTaskAsync(caseId, "ReviewCertificateApplication");
        await CheckAsync("tax.officer", $"/tasks/{review}", "self-check", "task-certificate-review");

        // The review again once a declaration with more goods than certified was cross-checked: the fields side by side.
        var certificateNo = CaseDriver.CertificateNo(await Cases.CompleteAsync(Cases.Tax, caseId, "ReviewCertificateApplication", "Approve"));
        await Cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 310, "2026-08-20", 10000m, 7.12m, 0.08m, Decl));
        await CheckAsync("tax.officer", $"/tasks/{review}", "comparison-530020261000765432", "task-cross-check");

        await Cases.Analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = Flows.Flowchart("stops-on-error",
                [new JsonObject { ["id"] = "check", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "JavaScript", "throw new Error('customs interface not configured')") }], []),
            ["publish"] = true,
        });
        var faulted = (await Cases.Analyst.PostJsonAsync("/elsa/api/workflow-definitions/stops-on-error/execute", new JsonObject(), Guid.NewGuid().ToString()))["workflowState"]!["id"]!.GetValue<string>();
        await CheckAsync("supervisor", "/incidents", "faulted-" + faulted, "incidents");
    }
}
