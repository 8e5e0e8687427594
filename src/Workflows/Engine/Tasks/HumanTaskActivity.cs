using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// A task for a case officer: the flow waits until an officer completes it through
/// <c>POST /elsa/api/tasks/{taskId}/complete</c> with <c>{ "result": { "outcome": "...", "data": {…}, "comment": "..." } }</c>.
/// The task row is written in the step that reaches the activity and closed in the step that completes or cancels it.
/// Domain tasks derive from this to check the officer's form against their rules and apply the decision in the same step.
/// </summary>
public abstract class HumanTaskActivity : Activity, IInputDefaults
{
    [Input(Description = "What the officer sees in the inbox (Liquid allowed).", Order = 1)]
    public Input<string> Title { get; set; } = null!;

    [Input(Description = "What to check and decide.", UIHint = UIHints.MultiLine, Order = 2)]
    public Input<string> Description { get; set; } = null!;

    [Input(Description = "The role whose officers may take the task.", ChoicesFrom = TaskRoleOptions.CandidateRoles, Order = 3)]
    public Input<string> CandidateRole { get; set; } = null!;

    [Input(Description = "User names (comma-separated) who may take the task besides the role.", Order = 4)]
    public Input<string?> CandidateUsers { get; set; } = null!;

    [Input(Description = "Time allowed to complete the task (d.hh:mm:ss); empty for none.", Order = 5)]
    public Input<TimeSpan?> DueIn { get; set; } = null!;

    [Input(Description = "Remind the officer this long before the due date (d.hh:mm:ss); empty for no reminder.", Category = "Timers", Order = 8)]
    public Input<TimeSpan?> RemindBefore { get; set; } = null!;

    [Input(Description = "Escalate this long after the due date passes (00:00:00 at the due date); empty to never escalate.", Category = "Timers", Order = 9)]
    public Input<TimeSpan?> EscalateAfter { get; set; } = null!;

    [Input(Description = "The role an overdue task escalates to.", ChoicesFrom = TaskRoleOptions.EscalationRoles, Category = "Timers", Order = 10)]
    public Input<string> EscalateTo { get; set; } = null!;

    [Input(Description = "Priority, 0 (low) to 100 (urgent).", DefaultValue = 50, Order = 6)]
    public Input<int> Priority { get; set; } = null!;

    [Input(Description = "Form fields the officer fills: [{ name, label, type, required, requiredFor, options, description }]. A label or description is a text of the workspace catalogue or { \"en\": …, \"zh-CN\": … }. Empty: the step's default form. The fields the step reads must stay, of their type and as required; labels, help, order, options and extra optional fields may change.",
        UIHint = UIHints.JsonEditor, IsWrapped = false, Order = 7)]
    public JsonArray? Form { get; set; }

    [Output(Description = "The outcome and data the officer submitted.")]
    public Output<object> Result { get; set; } = null!;

    /// <summary>The choices the officer has (the buttons of the task form).</summary>
    public abstract IReadOnlyList<string> GetOfficerOutcomes();

    /// <summary>The fields the officer fills: the definition's <see cref="Form"/>, or the step's default form when it has none.</summary>
    public JsonArray? GetForm() => Form ?? DefaultForm;

    /// <summary>
    /// The form the step's code is written for: <c>[{ name, label, type, required, options }]</c>. A definition may relabel,
    /// reorder and extend it, but not drop, retype or loosen its fields (<see cref="TaskFormGuard"/>).
    /// </summary>
    public virtual JsonArray? DefaultForm => null;

    JsonNode? IInputDefaults.DefaultOf(string input) => input == nameof(Form) ? DefaultForm : null;

    /// <summary>The form is well formed and keeps what the step reads.</summary>
    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        foreach (var problem in TaskForms.CheckDefinition(Form))
            yield return new("InvalidForm", $"Activity '{Id}' ({Node.Type}): {problem}", Id);
        foreach (var problem in TaskFormGuard.Check(Form, DefaultForm))
            yield return new("FormFieldRequired", $"Activity '{Id}' ({Node.Type}): {problem}", Id);
    }

    /// <summary>The role used when the definition names none; null for the configured default (<see cref="TaskRoleOptions.DefaultRole"/>).</summary>
    protected virtual string? DefaultRole => null;

    /// <summary>
    /// Applies the officer's decision and returns the port the flow follows. Throwing a <see cref="ProblemException"/>
    /// refuses the completion (the officer sees why; nothing is committed).
    /// </summary>
    protected virtual ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion) => new(completion.Outcome);

    /// <summary>Runs in the step that creates the task, before the row is written.</summary>
    protected virtual ValueTask OnCreatedAsync(ActivityContext context, HumanTaskRecord record) => ValueTask.CompletedTask;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var taskId = Ids.New();
        var title = await context.GetAsync(Title);
        var role = await context.GetAsync(CandidateRole);
        var roles = context.GetRequiredService<IOptions<TaskRoleOptions>>().Value;
        role = string.IsNullOrWhiteSpace(role) ? DefaultRole ?? roles.DefaultRole : role;
        var dueIn = await context.GetAsync(DueIn);
        var dueAt = dueIn is { } span && span > TimeSpan.Zero ? context.Now + span : (DateTimeOffset?)null;
        var remindBefore = await context.GetAsync(RemindBefore);
        var escalateAfter = await context.GetAsync(EscalateAfter);
        var escalateTo = await context.GetAsync(EscalateTo);
        var candidateUsers = (await context.GetAsync(CandidateUsers) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var outcomes = GetOfficerOutcomes();
        var record = new HumanTaskRecord
        {
            Id = taskId,
            InstanceId = context.InstanceId,
            ActivityId = Id,
            ActivityExecutionId = context.Execution.Id,
            Title = string.IsNullOrWhiteSpace(title) ? Node.GetDisplayText() : title,
            Description = await context.GetAsync(Description),
            CorrelationId = context.CorrelationId,
            CandidateRole = role,
            CandidateUsers = candidateUsers.Count == 0 ? null : new JsonArray(candidateUsers.Select(u => (JsonNode?)u).ToArray()).ToJsonString(),
            Status = HumanTaskStatus.Open,
            Priority = Math.Clamp(await context.GetAsync(Priority), 0, 100),
            CreatedAt = context.Now,
            DueAt = dueAt,
            RemindAt = dueAt is { } due && remindBefore is { } before && before > TimeSpan.Zero && due - before > context.Now ? due - before : null,
            EscalateAt = dueAt is { } overdue && escalateAfter is { } after && after >= TimeSpan.Zero ? overdue + after : null,
            EscalateTo = string.IsNullOrWhiteSpace(escalateTo) ? roles.DefaultEscalationRole : escalateTo,
            Outcomes = new JsonArray(outcomes.Select(o => (JsonNode?)o).ToArray()).ToJsonString(),
            Form = GetForm()?.ToJsonString(),
            ActivityType = Node.Type,
        };
        await OnCreatedAsync(context, record);
        context.Db.Add(record);
        context.Db.Add(TaskService.Audit(taskId, context.Now, TaskActions.System, TaskActions.Created,
            CreatedDetail(role, candidateUsers, dueAt)));
        context.Execution.Properties["taskId"] = taskId;
        context.CreateBookmark(TaskBookmarks.Request(Node.Type, taskId, new JsonObject
        {
            ["taskId"] = taskId,
            ["title"] = record.Title,
            ["candidateRole"] = role,
            ["outcomes"] = JsonNode.Parse(record.Outcomes),
        }));
        context.JournalData["taskId"] = taskId;
        context.JournalData["title"] = record.Title;
        return Suspend();
    }

    protected internal override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        var input = context.Resumption!.Input;
        var result = input["result"] as JsonObject ?? [];
        var allowed = GetOfficerOutcomes();
        var outcome = result["outcome"] is JsonValue v && v.TryGetValue<string>(out var chosen) ? chosen : allowed.Count == 1 ? allowed[0] : null;
        if (outcome is null || !allowed.Contains(outcome, StringComparer.Ordinal))
            throw new InvalidRequestException("OUTCOME_INVALID", $"Choose one of the outcomes: {string.Join(", ", allowed)}.");
        if (result["data"] is { } dataNode && dataNode is not JsonObject)
            throw new InvalidRequestException("TASK_DATA_INVALID", "The task data must be a JSON object.");

        var taskId = context.Resumption.Payload["taskId"]!.GetValue<string>();
        var record = await HumanTaskRows.FindAsync(context.Db, taskId, context.CancellationToken)
                     ?? throw new InvalidOperationException($"Task row '{taskId}' is missing.");
        var data = result["data"] as JsonObject ?? [];
        TaskForms.Validate(GetForm(), data, outcome);
        var completion = new TaskCompletion(
            outcome,
            data,
            result["comment"] is JsonValue c && c.TryGetValue<string>(out var comment) ? comment : null,
            result["completedBy"] is JsonValue u && u.TryGetValue<string>(out var user) ? user : record.Assignee);
        // Claimed by someone else after the caller looked: the holder decides, unless a supervisor steps in.
        var overrideClaim = result["overrideClaim"] is JsonValue o && o.TryGetValue<bool>(out var over) && over;
        if (record.Assignee is not null && completion.CompletedBy is not null && record.Assignee != completion.CompletedBy && !overrideClaim)
            throw new ConflictException("TASK_CLAIMED", $"Task '{taskId}' is claimed by {record.Assignee}.");
        var port = await ApplyAsync(context, completion);

        record.Status = HumanTaskStatus.Completed;
        record.Assignee ??= completion.CompletedBy;
        record.Outcome = outcome;
        record.Result = data.ToJsonString();
        record.Comment = completion.Comment;
        record.CompletedBy = completion.CompletedBy;
        record.CompletedAt = context.Now;
        record.Revision++;
        context.Db.Add(TaskService.Audit(taskId, context.Now, completion.CompletedBy ?? TaskActions.System, TaskActions.Completed,
            completion.Comment is { Length: > 0 } said ? TaskAuditDetail.Of("{0}: {1}", "@Outcome." + outcome, said) : TaskAuditDetail.Of("{0}", "@Outcome." + outcome)));

        result.Remove("overrideClaim");
        context.SetOutput(Result, result.DeepClone());
        context.JournalData["outcome"] = outcome;
        if (record.CompletedBy is not null)
            context.JournalData["completedBy"] = record.CompletedBy;
        return Outcome(port);
    }

    protected internal override async ValueTask OnCancelledAsync(ActivityContext context)
    {
        if (context.Execution.Properties["taskId"] is not JsonValue id)
            return;
        var record = await context.Db.Set<HumanTaskRecord>().FindAsync([id.GetValue<string>()], context.CancellationToken);
        if (record is null || record.Status is HumanTaskStatus.Completed or HumanTaskStatus.Cancelled)
            return;
        record.Status = HumanTaskStatus.Cancelled;
        record.CompletedAt = context.Now;
        record.Revision++;
        context.Db.Add(TaskService.Audit(record.Id, context.Now, TaskActions.System, TaskActions.Cancelled, TaskAuditDetail.Of("the case left this step")));
    }

    private static string CreatedDetail(string role, IReadOnlyList<string> users, DateTimeOffset? dueAt)
    {
        var due = dueAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var others = string.Join(", ", users);
        return (users.Count, due) switch
        {
            (0, null) => TaskAuditDetail.Of("for {0}", "@Role." + role),
            (0, _) => TaskAuditDetail.Of("for {0}, due {1} (UTC+8)", "@Role." + role, due),
            (_, null) => TaskAuditDetail.Of("for {0} and {1}", "@Role." + role, others),
            _ => TaskAuditDetail.Of("for {0} and {1}, due {2} (UTC+8)", "@Role." + role, others, due),
        };
    }
}
