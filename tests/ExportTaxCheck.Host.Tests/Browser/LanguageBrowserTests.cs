using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Shared;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// Issue 18: the workspace in Chinese first. A browser that asks for Chinese (or nothing) gets zh-CN pages with no
/// internal word in them, an officer switches to English in the top bar and keeps it, every page passes axe, and the case
/// page reads at 375 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageBrowserTests : RefundedLineBrowserTest
{
    [Fact]
    public async Task ChineseBrowser_GetsEveryPageInChinese_WithoutInternalWords_AndAccessible()
    {
        var caseId = await OpenAsync();
        var signIn = await NewPageAsync("zh-CN");
        await signIn.GotoAsync("/signin");
        await Assertions.Expect(signIn.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(signIn.Locator("h1")).ToHaveTextAsync("登录");
        await PageChecks.CheckAsync(signIn, "zh-signin");

        var customs = await SignInAsync("customs.officer", "zh-CN");
        await customs.GotoAsync("/inbox?tab=available&q=" + caseId);
        var row = customs.Locator("tr[data-task-id]", new PageLocatorOptions { HasText = "审核退运原因及原状材料" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await PageChecks.CheckAsync(customs, "zh-inbox");
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "认领" }).ClickAsync();
        await customs.WaitForPageAsync("**/tasks/*");
        await Assertions.Expect(customs.GetByTestId("task-title")).ToHaveTextAsync("审核退运原因及原状材料");
        await Assertions.Expect(customs.GetByTestId("outcome-Accept")).ToHaveTextAsync("通过");
        await Assertions.Expect(customs.GetByTestId("outcome-Reject")).ToHaveClassAsync("refuse");
        // The documents under review are on the task page, each with its download.
        await Assertions.Expect(customs.GetByTestId("task-documents")).ToContainTextAsync("平台退货记录");
        await Assertions.Expect(customs.GetByTestId("task-documents").Locator("a[download='PlatformReturnRecord.pdf']")).ToHaveCountAsync(1);
        await PageChecks.CheckAsync(customs, "zh-task-evidence");

        // A refusing outcome without its reasons: the message is next to the field, in Chinese.
        await customs.GetByTestId("outcome-Reject").ClickAsync();
        await Assertions.Expect(customs.GetByTestId("error-reasons")).ToHaveTextAsync("请填写原因。");
        await PageChecks.CheckAsync(customs, "zh-task-validation");

        await customs.GetByTestId("outcome-Accept").ClickAsync();
        await customs.WaitForPageAsync("**/cases/*");
        var status = Enum.Parse<ReturnCaseStatus>(CaseDriver.Status(await Cases.GetAsync(caseId)));
        await Assertions.Expect(customs.GetByTestId("case-status")).ToHaveTextAsync(DisplayTexts.Of(status, DisplayTexts.Chinese));
        await Assertions.Expect(customs.GetByTestId("case-waiting")).ToHaveTextAsync(DisplayTexts.Waiting(status, DisplayTexts.Chinese));
        await Assertions.Expect(customs.GetByTestId("amounts")).ToContainTextAsync("¥3,900.00");
        await PageChecks.CheckAsync(customs, "zh-case");

        await customs.GotoAsync("/cases");
        await Assertions.Expect(customs.GetByTestId("case-list")).ToContainTextAsync(DisplayTexts.Waiting(status, DisplayTexts.Chinese));
        await PageChecks.CheckAsync(customs, "zh-cases");
        await customs.GotoAsync("/outbox");
        await Assertions.Expect(customs.Locator(".tabs a.active")).ToHaveTextAsync("待发送");
        await PageChecks.CheckAsync(customs, "zh-mail");
        await customs.GotoAsync("/tasks/no-such-task");
        await Assertions.Expect(customs.GetByTestId("not-found")).ToContainTextAsync("该任务不存在");
        await PageChecks.CheckAsync(customs, "zh-not-found");
        await customs.GotoAsync("/denied");
        await PageChecks.CheckAsync(customs, "zh-denied");
        await customs.GotoAsync("/inbox?tab=completed");
        await PageChecks.CheckAsync(customs, "zh-inbox-completed");

        var tax = await SignInAsync("tax.officer", "zh-CN");
        await tax.GotoAsync("/refunds");
        await PageChecks.CheckAsync(tax, "zh-refunds");

        // Analysts land on the inbox with a way to Studio; officers see no such link.
        var analyst = await SignInAsync("analyst", "zh-CN");
        await Assertions.Expect(analyst.GetByTestId("nav-studio")).ToHaveAttributeAsync("href", "/studio");
        await Assertions.Expect(customs.GetByTestId("nav-studio")).ToHaveCountAsync(0);
        await PageChecks.CheckAsync(analyst, "zh-inbox-analyst");
    }

    [Fact]
    public async Task CasePage_OnAPhone_ReadsAsCards_WithoutHorizontalScroll_InBothLanguages()
    {
        var caseId = await OpenAsync();
        foreach (var locale in new[] { "zh-CN", "en-US" })
        {
            var page = await SignInAsync("customs.officer", locale, width: 375);
            await page.GotoAsync($"/cases/{caseId}");
            await Assertions.Expect(page.GetByTestId("lines")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, $"The case page scrolls sideways at 375 px ({locale}).");
            await PageChecks.CheckAsync(page, $"case-phone-{locale}", chinese: locale == "zh-CN");
        }
    }

    [Fact]
    public async Task TopBarSwitch_ToEnglish_IsRemembered_OverTheBrowsersChinese_AndBack()
    {
        await OpenAsync();
        var page = await SignInAsync("customs.officer", "zh-CN");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.GetByTestId("language-en").ClickAsync();
        await page.WaitForPageAsync("**/inbox");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inbox");
        await page.GotoAsync("/cases");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Cases");
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == ".AspNetCore.Culture" && c.Value.Contains("en", StringComparison.Ordinal));
        await PageChecks.CheckAsync(page, "en-cases", chinese: false);

        await page.GetByTestId("language-zh").ClickAsync();
        await page.WaitForPageAsync("**/cases");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("案件");

        var english = await SignInAsync("customs.officer", "en-US");
        await Assertions.Expect(english.Locator("h1")).ToHaveTextAsync("Inbox");
    }
}
