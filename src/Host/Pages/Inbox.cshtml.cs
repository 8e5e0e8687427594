using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Localization;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ExportTaxCheck.Host.Pages;

/// <summary>
/// The officers' inbox, as Camunda Tasklist has it: views (mine, available, overdue, completed and, for supervisors,
/// the team's claimed tasks), filters kept in the URL, saved filters, bulk claim and assign, and a poll that tells of
/// new tasks without a reload.
/// </summary>
public sealed class InboxModel(
    TaskService tasks, TaskFilters filters, TaskBulk bulk, OfficerDirectory officers, IDbContextFactory<WorkflowDbContext> dbFactory,
    IConfiguration configuration, IStringLocalizer<UiTexts> texts) : PageModel
{
    public const int PageSize = 20;

    public static readonly (TaskInbox View, string Tab, string Label)[] AllTabs =
    [
        (TaskInbox.Mine, "mine", "Mine"),
        (TaskInbox.Available, "available", "Available"),
        (TaskInbox.Overdue, "overdue", "Overdue"),
        (TaskInbox.Completed, "completed", "Completed"),
        (TaskInbox.Team, "team", "Team"),
    ];

    /// <summary>The filter's fields as the form labels them (a refused value is named by its label).</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["view"] = "Inbox views", ["candidateRole"] = "Candidate role", ["activityType"] = "Task type", ["caseId"] = "Case number", ["dueFrom"] = "Due from",
        ["dueTo"] = "Due to", ["priorityMin"] = "Lowest priority", ["priorityMax"] = "Lowest priority", ["assignee"] = "Holder", ["escalated"] = "Escalated", ["sort"] = "Sort by",
    };

    public IReadOnlyList<(TaskInbox View, string Tab, string Label)> Tabs { get; private set; } = [];
    public string Tab { get; private set; } = "mine";
    public TaskInbox View { get; private set; } = TaskInbox.Mine;
    public InboxFilter Filter { get; private set; } = new("mine", []);
    public string? FilterProblem { get; private set; }
    public TaskPage Tasks { get; private set; } = null!;
    public Dictionary<string, int> Counts { get; } = [];
    public IReadOnlyList<OfficerNotice> Notices { get; private set; } = [];
    public Dictionary<string, string> Exporters { get; private set; } = [];

    /// <summary>The tasks the notices are about, so a notice reads in the officer's language (the stored text is the mail's English).</summary>
    public Dictionary<string, HumanTaskRecord> NoticeTasks { get; private set; } = [];
    public IReadOnlyList<SavedTaskFilter> SavedFilters { get; private set; } = [];
    public IReadOnlyList<string> CandidateRoles { get; private set; } = [];
    public IReadOnlyList<(string Type, string Label)> ActivityTypes { get; private set; } = [];
    public IReadOnlyList<UserRecord> Officers { get; private set; } = [];
    public bool IsSupervisor { get; private set; }
    public int PollSeconds => Math.Clamp(configuration.GetValue("Inbox:PollSeconds", 15), 1, 3600);

    /// <summary>Selection boxes show where a task can be claimed or assigned.</summary>
    public bool Selectable => View is not (TaskInbox.Completed or TaskInbox.Team) && Tasks.Items.Count > 0;

    public async Task<IActionResult> OnGetAsync(string? tab, int? p, CancellationToken ct)
    {
        var actor = User.ToTaskActor();
        IsSupervisor = actor.IsSupervisor;
        Tabs = AllTabs.Where(t => t.View != TaskInbox.Team || IsSupervisor).ToList();
        var selected = Tabs.FirstOrDefault(t => t.Tab == tab);
        if (selected.Tab is null)
            selected = Tabs[0];
        (Tab, View) = (selected.Tab, selected.View);
        Filter = new InboxFilter(Tab, Request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
        TaskQuery query;
        try
        {
            query = Filter.Parse();
        }
        catch (InvalidRequestException ex)
        {
            FilterProblem = texts["The filter has values that cannot be used: {0}.", string.Join(", ", ex.Errors.Keys.Select(k => texts[FieldLabels.GetValueOrDefault(k, k)].Value))];
            Filter = new InboxFilter(Tab, []);
            query = new TaskQuery();
        }
        foreach (var (view, name, _) in Tabs)
            Counts[name] = (await tasks.QueryAsync(actor, query with { View = view, PageSize = 1, Sort = Sort(view, query.Sort) }, ct)).TotalCount;
        Tasks = await tasks.QueryAsync(actor, query with { View = View, Page = Math.Max(p ?? 1, 1), PageSize = PageSize, Sort = Sort(View, query.Sort) }, ct);
        Notices = await tasks.NoticesAsync(actor, 5, ct);
        SavedFilters = await filters.ListAsync(actor, ct);
        Officers = IsSupervisor ? (await officers.ListAsync(null, ct)).Where(u => u.RoleList().Any(r => r is Roles.TaxOfficer or Roles.CustomsOfficer or Roles.Supervisor)).ToList() : [];
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>The completed view sorts by completion unless another order is asked.</summary>
    private static string Sort(TaskInbox view, string sort) => view == TaskInbox.Completed && sort == "due" ? "completed" : sort;

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var caseIds = Tasks.Items.Select(t => t.CorrelationId).OfType<string>().Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Exporters = await db.Set<ReturnCaseRecord>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ExporterName, ct);
        var noticeTaskIds = Notices.Select(n => n.TaskId).Distinct().ToList();
        NoticeTasks = await db.HumanTasks.AsNoTracking().Where(t => noticeTaskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        CandidateRoles = await db.HumanTasks.AsNoTracking().Select(t => t.CandidateRole).Distinct().OrderBy(r => r).ToListAsync(ct);
        var types = await db.HumanTasks.AsNoTracking().Where(t => t.ActivityType != null)
            .GroupBy(t => t.ActivityType!).Select(g => new { Type = g.Key, Title = g.Min(t => t.Title) }).ToListAsync(ct);
        ActivityTypes = types.Select(t => (t.Type, DisplayTexts.TaskTitle(t.Type, t.Title ?? t.Type, "").Trim()))
            .OrderBy(t => t.Item2, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The officers a task of the team view may be handed to: those of its role or named on it.</summary>
    public IEnumerable<UserRecord> AssigneesFor(TaskItem task) =>
        Officers.Where(u => u.UserName != task.Assignee && (u.RoleList().Contains(task.CandidateRole) || task.CandidateUsers.Contains(u.UserName)));

    public async Task<IActionResult> OnPostClaimAsync(string taskId, string? tab, CancellationToken ct)
    {
        try
        {
            var task = await tasks.ClaimAsync(User.ToTaskActor(), taskId, ct);
            TempData["Flash"] = texts["You hold \"{0}\" now.", DisplayTexts.TaskTitle(task.ActivityType, task.Title, task.CorrelationId)].Value;
            return Redirect($"/tasks/{Uri.EscapeDataString(taskId)}");
        }
        catch (ProblemException ex)
        {
            TempData["Flash"] = ex.Message;
            return Redirect("/inbox?tab=" + Uri.EscapeDataString(tab ?? "available"));
        }
    }

    /// <summary>Claims the selected tasks, or (a supervisor) assigns them; says how many went through and why the others did not.</summary>
    public async Task<IActionResult> OnPostBulkAsync(string? bulkAction, string[]? taskIds, string? assignee, string? back, CancellationToken ct)
    {
        var actor = User.ToTaskActor();
        try
        {
            var results = bulkAction == "assign"
                ? await bulk.AssignAsync(actor, taskIds, assignee, ct)
                : await bulk.ClaimAsync(actor, taskIds, ct);
            var failed = results.Where(r => !r.Ok).Select(r => $"{r.TaskId}: {(r.Code is { } code ? DisplayTexts.Problem(code) : null) ?? r.Detail}").ToList();
            TempData["Flash"] = texts[bulkAction == "assign" ? "{0} of {1} tasks assigned." : "{0} of {1} tasks claimed.", results.Count(r => r.Ok), results.Count].Value
                                + (failed.Count == 0 ? "" : " " + texts["Not done: {0}", string.Join("; ", failed)].Value);
        }
        catch (InvalidRequestException ex)
        {
            TempData["Flash"] = ex.Code == "TASK_IDS_INVALID" ? texts["Select at least one task."].Value : ex.Message;
        }
        return Redirect(Back(back));
    }

    /// <summary>A supervisor hands a task of the team view to another officer of its role.</summary>
    public async Task<IActionResult> OnPostReassignAsync(string? taskId, string? assignee, string? back, CancellationToken ct)
    {
        try
        {
            await tasks.AssignAsync(User.ToTaskActor(), taskId ?? "", assignee, ct);
            TempData["Flash"] = texts["Assigned to {0}.", assignee ?? ""].Value;
        }
        catch (ProblemException ex)
        {
            TempData["Flash"] = ex is InvalidRequestException { Errors.Count: > 0 } invalid ? string.Join(" ", invalid.Errors.Values.SelectMany(m => m)) : ex.Message;
        }
        return Redirect(Back(back));
    }

    public async Task<IActionResult> OnPostSaveFilterAsync(string? name, string? query, CancellationToken ct)
    {
        try
        {
            var (filter, created) = await filters.SaveAsync(User.ToTaskActor(), name, query, ct);
            TempData["Flash"] = texts[created ? "Filter \"{0}\" saved." : "Filter \"{0}\" replaced.", filter.Name].Value;
            return Redirect(Apply(filter));
        }
        catch (ProblemException ex)
        {
            TempData["Flash"] = ex.Code == "FILTER_NAME_INVALID" ? texts["Give the filter a name of up to 80 characters."].Value : ex.Message;
            return Redirect("/inbox");
        }
    }

    public async Task<IActionResult> OnPostDeleteFilterAsync(long? filterId, CancellationToken ct)
    {
        try
        {
            await filters.DeleteAsync(User.ToTaskActor(), filterId ?? 0, ct);
            TempData["Flash"] = texts["Filter deleted."].Value;
        }
        catch (NotFoundException)
        {
            TempData["Flash"] = texts["That filter no longer exists."].Value;
        }
        return Redirect("/inbox");
    }

    /// <summary>The inbox link a saved filter opens: its view as the tab, its search as <c>q</c>.</summary>
    public static string Apply(SavedTaskFilter filter)
    {
        var values = System.Web.HttpUtility.ParseQueryString(filter.Query);
        var pairs = values.AllKeys.OfType<string>().Where(k => k != "view")
            .Select(k => KeyValuePair.Create(k == "search" ? "q" : k, values[k]));
        return new InboxFilter((values["view"] ?? "mine").ToLowerInvariant(), pairs).Link();
    }

    /// <summary>Back to the inbox the form was posted from; anything else goes to the inbox.</summary>
    private static string Back(string? back) => back is not null && back.StartsWith("/inbox", StringComparison.Ordinal) && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/inbox";
}
