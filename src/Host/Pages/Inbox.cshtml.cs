using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Localization;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ExportTaxCheck.Host.Pages;

public sealed class InboxModel(TaskService tasks, IDbContextFactory<WorkflowDbContext> dbFactory, IStringLocalizer<UiTexts> texts) : PageModel
{
    public const int PageSize = 20;

    public static readonly (TaskInbox View, string Tab, string Label)[] Tabs =
    [
        (TaskInbox.Mine, "mine", "Mine"),
        (TaskInbox.Available, "available", "Available"),
        (TaskInbox.Overdue, "overdue", "Overdue"),
        (TaskInbox.Completed, "completed", "Completed"),
    ];

    public string Tab { get; private set; } = "mine";
    public string? Search { get; private set; }
    public TaskPage Tasks { get; private set; } = null!;
    public Dictionary<string, int> Counts { get; } = [];
    public IReadOnlyList<OfficerNotice> Notices { get; private set; } = [];
    public Dictionary<string, string> Exporters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? tab, string? q, int? p, CancellationToken ct)
    {
        var actor = User.ToTaskActor();
        var selected = Tabs.FirstOrDefault(t => t.Tab == tab);
        if (selected.Tab is null)
            selected = Tabs[0];
        Tab = selected.Tab;
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        foreach (var (view, name, _) in Tabs)
            Counts[name] = (await tasks.QueryAsync(actor, new TaskQuery(view, Search: Search, PageSize: 1), ct)).TotalCount;
        Tasks = await tasks.QueryAsync(actor, new TaskQuery(selected.View, Search: Search, Page: Math.Max(p ?? 1, 1), PageSize: PageSize), ct);
        Notices = await tasks.NoticesAsync(actor, 5, ct);

        var caseIds = Tasks.Items.Select(t => t.CorrelationId).OfType<string>().Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Exporters = await db.Set<ReturnCaseRecord>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ExporterName, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(string taskId, string? tab, CancellationToken ct)
    {
        try
        {
            var task = await tasks.ClaimAsync(User.ToTaskActor(), taskId, ct);
            TempData["Flash"] = texts["You hold \"{0}\" now.", DisplayTexts.TaskTitle(task.ActivityType, task.Title, task.CorrelationId)].Value;
            return Redirect($"/tasks/{taskId}");
        }
        catch (ProblemException ex)
        {
            TempData["Flash"] = ex.Message;
            return Redirect("/inbox?tab=" + Uri.EscapeDataString(tab ?? "available"));
        }
    }
}
