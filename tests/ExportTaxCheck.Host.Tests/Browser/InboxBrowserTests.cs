using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// The inbox in Chromium: an officer filters by due date and sort, saves the filter and applies it again, claims two
/// tasks at once and sees a new task announced without reloading; a supervisor reassigns from the team view and moves a
/// due date on the task page; the inbox
/// reads at 375 px. Every state passes axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxBrowserTests : IAsyncLifetime
{
    // The page polls every second here, so the new task is announced within the test's wait.
    private readonly HostFixture _host = new(new Dictionary<string, string?> { ["Workers:Enabled"] = "false", ["Inbox:PollSeconds"] = "1" });
    private Chromium _chromium = null!;
    private Uri _base = null!;
    private HttpClient _analyst = null!;

    public async Task InitializeAsync()
    {
        _base = _host.Anonymous().BaseAddress!;
        _analyst = _host.Analyst();
        await _analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.HumanTaskFlow("review"), ["publish"] = true });
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task StartAsync(string caseId) =>
        _analyst.PostJsonAsync("/elsa/api/workflow-definitions/review/execute", new JsonObject { ["correlationId"] = caseId });

    /// <summary>The day the tasks started now are due (one day on, in Asia/Shanghai).</summary>
    private string DueDay => _host.Clock.GetUtcNow().AddDays(1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Officer_FiltersSavesTheFilterBulkClaims_AndSeesANewTaskWithoutReload()
    {
        foreach (var caseId in new[] { "RC-IN-3", "RC-IN-1", "RC-IN-2" })
            await StartAsync(caseId);
        var page = await _chromium.SignedInPageAsync(_base, "tax.officer", locale: "zh-CN");
        await page.GotoAsync("/inbox?tab=available");

        await page.GetByText("筛选与排序").ClickAsync();
        await page.GetByTestId("filter-due-from").FillAsync(DueDay);
        await page.GetByTestId("filter-due-to").FillAsync(DueDay);
        await page.GetByTestId("filter-sort").SelectOptionAsync("case");
        await page.GetByTestId("apply-filter").ClickAsync();
        await page.WaitForPageAsync("**sort=case**");
        Assert.Contains("dueFrom=" + DueDay, page.Url, StringComparison.Ordinal);
        var rows = page.Locator("tr[data-task-id]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.First).ToContainTextAsync("RC-IN-1");
        await Assertions.Expect(rows.Last).ToContainTextAsync("RC-IN-3");

        await page.GetByTestId("filter-name").FillAsync("明天到期");
        await page.GetByTestId("save-filter").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("筛选“明天到期”已保存。");
        await page.GotoAsync("/inbox?tab=available");
        await page.GetByTestId("saved-filter").Filter(new LocatorFilterOptions { HasText = "明天到期" }).ClickAsync();
        await page.WaitForPageAsync("**sort=case**");
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        await rows.Nth(0).GetByTestId("select-task").CheckAsync();
        await rows.Nth(1).GetByTestId("select-task").CheckAsync();
        await page.GetByTestId("bulk-claim").ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("已认领 2 个任务中的 2 个。");
        await Assertions.Expect(page.GetByTestId("tab-mine").Locator(".count")).ToHaveTextAsync("2");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await PageChecks.CheckAsync(page, "zh-inbox-filters");

        await StartAsync("RC-IN-4");
        await Assertions.Expect(page.GetByTestId("new-tasks")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("new-tasks")).ToContainTextAsync("有 1 个新任务");
        await page.GetByTestId("new-tasks").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Supervisor_ReassignsFromTheTeamView_MovesTheDueDate_InEnglish_AndTheInboxReadsOnAPhone()
    {
        await StartAsync("RC-TEAM-1");
        var tax = _host.WithKey(HostFixture.TaxOfficerKey);
        var taskId = (await tax.GetJsonAsync("/api/tasks?view=available&caseId=RC-TEAM-1"))["items"]![0]!["id"]!.GetValue<string>();
        await tax.PostJsonAsync($"/api/tasks/{taskId}/claim", new JsonObject());

        var page = await _chromium.SignedInPageAsync(_base, "supervisor");
        await page.GotoAsync("/inbox?tab=team");
        var row = page.Locator($"tr[data-task-id='{taskId}']");
        await Assertions.Expect(row).ToContainTextAsync("tax.officer");
        await PageChecks.CheckAsync(page, "en-inbox-filters", chinese: false);
        await row.Locator("select[name=assignee]").SelectOptionAsync("tax.officer2");
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Reassign" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("Assigned to tax.officer2.");
        await Assertions.Expect(page.Locator($"tr[data-task-id='{taskId}']")).ToContainTextAsync("tax.officer2");

        await page.GotoAsync($"/tasks/{taskId}");
        await page.GetByTestId("due-form").Locator("input[name=dueAt]").FillAsync("2026-08-05T17:00");
        await page.GetByTestId("due-form").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("Due date changed.");
        var task = await tax.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal(new DateTimeOffset(2026, 8, 5, 17, 0, 0, TimeSpan.FromHours(8)), task["task"]!["dueAt"]!.GetValue<DateTimeOffset>());

        foreach (var locale in new[] { "zh-CN", "en-US" })
        {
            var phone = await _chromium.SignedInPageAsync(_base, "supervisor", width: 375, locale: locale);
            await phone.GotoAsync("/inbox?tab=team&sort=case");
            await Assertions.Expect(phone.GetByTestId("task-list")).ToBeVisibleAsync();
            Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, $"The inbox scrolls sideways at 375 px ({locale}).");
            await PageChecks.CheckAsync(phone, $"inbox-phone-{locale}", chinese: locale == "zh-CN");
        }
    }
}
