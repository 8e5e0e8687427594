using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Users;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// The task service of the workspace and <c>/api/tasks</c>: queries by view, claim, release, assign/delegate,
/// follow-up, comments and completion. Every change is checked against the actor and written with its audit line in
/// one transaction; the task's revision makes two officers acting at once a conflict, not a double action.
/// </summary>
public sealed class TaskService(
    IDbContextFactory<WorkflowDbContext> dbFactory, WorkflowClient runtime, OfficerDirectory officers, CorrelationReference correlation, TimeProvider clock)
{
    public const int MaxCommentLength = 4000;

    /// <summary>A task of a held instance cannot be completed (<see cref="InstanceHolds"/>).</summary>
    public const string HeldCode = "TASK_HELD";

    public async Task<TaskPage> QueryAsync(TaskActor actor, TaskQuery query, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(query.Page, 1);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = db.HumanTasks.AsNoTracking();
        var me = actor.UserName;
        var roles = actor.Roles.ToList();
        var quotedMe = "\"" + me + "\"";

        tasks = query.View switch
        {
            TaskInbox.Mine => tasks.Where(t => t.Status == HumanTaskStatus.Claimed && t.Assignee == me),
            TaskInbox.Available => tasks.Where(t => t.Status == HumanTaskStatus.Open),
            TaskInbox.Overdue => tasks.Where(t => (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed) && t.HeldAt == null && t.DueAt != null && t.DueAt < now),
            TaskInbox.Completed => tasks.Where(t => t.Status == HumanTaskStatus.Completed),
            TaskInbox.Team => tasks.Where(t => t.Status == HumanTaskStatus.Claimed && t.Assignee != me),
            _ => tasks.Where(t => t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed),
        };
        if (query.View == TaskInbox.Completed && !actor.SeesAll)
            tasks = tasks.Where(t => t.CompletedBy == me);
        else if (query.View != TaskInbox.Mine && !actor.SeesAll)
            tasks = tasks.Where(t => t.Assignee == me || roles.Contains(t.CandidateRole) || (t.CandidateUsers != null && t.CandidateUsers.Contains(quotedMe))
                                     || (t.EscalatedAt != null && roles.Contains(t.EscalateTo!)));

        if (!string.IsNullOrWhiteSpace(query.CorrelationId))
            tasks = tasks.Where(t => t.CorrelationId == query.CorrelationId);
        if (!string.IsNullOrWhiteSpace(query.ActivityType))
            tasks = tasks.Where(t => t.ActivityType == query.ActivityType);
        if (!string.IsNullOrWhiteSpace(query.CandidateRole))
            tasks = tasks.Where(t => t.CandidateRole == query.CandidateRole);
        if (!string.IsNullOrWhiteSpace(query.Assignee))
            tasks = tasks.Where(t => t.Assignee == query.Assignee);
        if (query.Escalated is { } escalated)
            tasks = escalated ? tasks.Where(t => t.EscalatedAt != null) : tasks.Where(t => t.EscalatedAt == null);
        if (query.DueFrom is { } from)
            tasks = tasks.Where(t => t.DueAt != null && t.DueAt >= from);
        if (query.DueBefore is { } before)
            tasks = tasks.Where(t => t.DueAt != null && t.DueAt < before);
        if (query.PriorityMin is { } min)
            tasks = tasks.Where(t => t.Priority >= min);
        if (query.PriorityMax is { } max)
            tasks = tasks.Where(t => t.Priority <= max);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            tasks = tasks.Where(t => t.Title.Contains(term) || (t.CorrelationId != null && t.CorrelationId.Contains(term)));
        }

        var total = await tasks.CountAsync(ct);
        var ordered = query.Sort switch
        {
            "priority" => tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt),
            "created" => tasks.OrderBy(t => t.CreatedAt),
            "case" => tasks.OrderBy(t => t.CorrelationId == null).ThenBy(t => t.CorrelationId).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt),
            "completed" => tasks.OrderByDescending(t => t.CompletedAt),
            "due" => query.View == TaskInbox.Completed
                ? tasks.OrderByDescending(t => t.CompletedAt)
                : tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenByDescending(t => t.Priority),
            _ => throw new InvalidRequestException("SORT_UNKNOWN", $"Sort by one of due, priority, created, case, completed; not '{query.Sort}'."),
        };
        var items = await ordered.ThenBy(t => t.Id).Skip(Paging.Skip(page - 1, pageSize)).Take(pageSize).ToListAsync(ct);
        return new TaskPage(items.Select(t => Item(t, now)).ToList(), total, page, pageSize);
    }

    public async Task<TaskDetails> GetAsync(TaskActor actor, string taskId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await VisibleAsync(db.HumanTasks.AsNoTracking(), actor, taskId, ct);
        var comments = await db.TaskComments.AsNoTracking().Where(c => c.TaskId == taskId).OrderBy(c => c.Id)
            .Select(c => new TaskComment(c.Id, c.At, c.Author, c.Text)).ToListAsync(ct);
        var audit = await db.TaskAudit.AsNoTracking().Where(a => a.TaskId == taskId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.At, a.Actor, a.Action, a.Detail }).ToListAsync(ct);
        return new TaskDetails(
            Item(task, clock.GetUtcNow()), task.Description, task.InstanceId, task.ActivityId,
            task.Form is null ? null : JsonNode.Parse(task.Form) as JsonArray,
            task.Result is null ? null : JsonNode.Parse(task.Result) as JsonObject,
            task.Comment, comments, audit.Select(a => new TaskAuditEntry(a.Id, a.At, a.Actor, a.Action, TaskAuditDetail.English(a.Detail), TaskAuditDetail.Read(a.Detail))).ToList(),
            Permissions(actor, task));
    }

    public static TaskPermissions Permissions(TaskActor actor, HumanTaskRecord task)
    {
        var active = task.IsActive;
        var mine = task.Assignee == actor.UserName;
        var free = task.Assignee is null;
        var takes = actor.CanTake(task);
        return new TaskPermissions(
            Claim: active && free && takes,
            Release: active && task.Assignee is not null && (mine || actor.IsSupervisor),
            Complete: active && task.HeldAt is null && takes && (free || mine || actor.IsSupervisor),
            Assign: active && (actor.IsSupervisor || mine),
            Comment: actor.CanSee(task));
    }

    public Task<TaskItem> ClaimAsync(TaskActor actor, string taskId, CancellationToken ct) =>
        ChangeAsync(actor, taskId, ct, (db, task, now) =>
        {
            if (task.Assignee == actor.UserName)
                return null;
            if (task.Assignee is not null)
                throw new ConflictException("TASK_CLAIMED", $"Task '{taskId}' is already claimed by {task.Assignee}.");
            if (!actor.CanTake(task))
                throw new ForbiddenException("TASK_NOT_CANDIDATE", $"Task '{taskId}' is for the {task.CandidateRole} role; you cannot claim it.");
            task.Assignee = actor.UserName;
            task.Status = HumanTaskStatus.Claimed;
            task.ClaimedAt = now;
            return Audit(task.Id, now, actor.UserName, TaskActions.Claimed, null);
        });

    public Task<TaskItem> ReleaseAsync(TaskActor actor, string taskId, CancellationToken ct) =>
        ChangeAsync(actor, taskId, ct, (db, task, now) =>
        {
            if (task.Assignee is null)
                return null;
            if (task.Assignee != actor.UserName && !actor.IsSupervisor)
                throw new ForbiddenException("TASK_NOT_ASSIGNEE", $"Task '{taskId}' is claimed by {task.Assignee}; only they or a supervisor can release it.");
            var previous = task.Assignee;
            task.Assignee = null;
            task.ClaimedAt = null;
            task.Status = HumanTaskStatus.Open;
            return Audit(task.Id, now, actor.UserName, TaskActions.Released, previous == actor.UserName ? null : TaskAuditDetail.Of("from {0}", previous));
        });

    /// <summary>A supervisor assigns anyone who may take the task; the assignee may delegate it to such a colleague.</summary>
    public async Task<TaskItem> AssignAsync(TaskActor actor, string taskId, string? assignee, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(assignee))
            throw new InvalidRequestException("ASSIGNEE_REQUIRED", "Name the user to assign the task to.", new Dictionary<string, string[]> { ["assignee"] = ["Choose a user."] });
        var user = await officers.FindAsync(assignee.Trim(), ct);
        if (user is null || !user.Enabled)
            throw new InvalidRequestException("ASSIGNEE_UNKNOWN", $"There is no active user '{assignee}'.", new Dictionary<string, string[]> { ["assignee"] = ["Unknown user."] });
        var target = new TaskActor(user.UserName, user.RoleList().ToHashSet(StringComparer.Ordinal));
        return await ChangeAsync(actor, taskId, ct, (db, task, now) =>
        {
            var delegating = task.Assignee == actor.UserName && !actor.IsSupervisor;
            if (!actor.IsSupervisor && !delegating)
                throw new ForbiddenException("TASK_ASSIGN_FORBIDDEN", "Only a supervisor, or the officer who holds the task, can assign it.");
            if (!target.CanTake(task))
                throw new InvalidRequestException("ASSIGNEE_NOT_CANDIDATE", $"{user.UserName} does not hold the {task.CandidateRole} role this task needs.",
                    new Dictionary<string, string[]> { ["assignee"] = [$"{user.DisplayName} cannot take this task."] });
            if (task.Assignee == user.UserName)
                return null;
            task.Assignee = user.UserName;
            task.Status = HumanTaskStatus.Claimed;
            task.ClaimedAt = now;
            var reference = correlation.For(task.CorrelationId);
            db.OfficerNotifications.Add(new OfficerNotificationRecord
            {
                Recipient = user.UserName, TaskId = task.Id, ReferenceType = reference?.Type, ReferenceId = reference?.Id, Kind = TaskActions.Assigned, CreatedAt = now,
                Text = $"{actor.UserName} assigned you \"{task.Title}\".",
            });
            return Audit(task.Id, now, actor.UserName, delegating ? TaskActions.Delegated : TaskActions.Assigned, TaskAuditDetail.Of("to {0}", user.UserName));
        });
    }

    public Task<TaskItem> SetFollowUpAsync(TaskActor actor, string taskId, DateTimeOffset? followUp, CancellationToken ct) =>
        ChangeAsync(actor, taskId, ct, (db, task, now) =>
        {
            if (task.Assignee != actor.UserName && !actor.IsSupervisor)
                throw new ForbiddenException("TASK_NOT_ASSIGNEE", "Claim the task before setting its follow-up date.");
            task.FollowUpAt = followUp;
            return Audit(task.Id, now, actor.UserName, TaskActions.FollowUpSet, followUp is { } date ? TaskAuditDetail.Of("{0}", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : TaskAuditDetail.Of("cleared"));
        });

    /// <summary>
    /// A supervisor moves the due date. The reminder and escalation not yet fired keep their distance to it; a reminder
    /// already sent is armed again when its new time is still ahead; an escalation that happened stays.
    /// </summary>
    public Task<TaskItem> SetDueAsync(TaskActor actor, string taskId, DateTimeOffset dueAt, CancellationToken ct) =>
        ChangeAsync(actor, taskId, ct, (db, task, now) =>
        {
            if (!actor.IsSupervisor)
                throw new ForbiddenException("TASK_DUE_FORBIDDEN", "Only a supervisor can change a task's due date.");
            if (dueAt <= now)
                throw new InvalidRequestException("DUE_IN_PAST", "The new due date must lie ahead.", new Dictionary<string, string[]> { ["dueAt"] = ["Choose a time ahead."] });
            if (task.DueAt == dueAt)
                return null;
            var previous = task.DueAt;
            if (previous is { } old)
            {
                var shift = dueAt - old;
                if (task.RemindAt is { } remind && (task.RemindedAt is null || remind + shift > now))
                {
                    task.RemindAt = remind + shift;
                    task.RemindedAt = null;
                }
                if (task.EscalatedAt is null)
                    task.EscalateAt += shift;
            }
            task.DueAt = dueAt;
            return Audit(task.Id, now, actor.UserName, TaskActions.DueChanged,
                $"{(previous is { } p ? Shanghai(p) : "none")} → {Shanghai(dueAt)} (UTC+8)");
        });

    private static string Shanghai(DateTimeOffset at) => at.ToOffset(TaskCriteria.China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async Task<TaskComment> CommentAsync(TaskActor actor, string taskId, string? text, CancellationToken ct)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxCommentLength)
            throw new InvalidRequestException("COMMENT_INVALID", $"A comment is 1 to {MaxCommentLength} characters.",
                new Dictionary<string, string[]> { ["text"] = [$"Write 1 to {MaxCommentLength} characters."] });
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await VisibleAsync(db.HumanTasks.AsNoTracking(), actor, taskId, ct);
        var now = clock.GetUtcNow();
        var comment = new TaskCommentRecord { TaskId = taskId, At = now, Author = actor.UserName, Text = text };
        db.TaskComments.Add(comment);
        db.TaskAudit.Add(Audit(taskId, now, actor.UserName, TaskActions.Commented, null));
        await db.SaveChangesAsync(ct);
        return new TaskComment(comment.Id, comment.At, comment.Author, comment.Text);
    }

    /// <summary>
    /// Completes the task: the workflow step that applies the outcome runs and commits with the task row. A retry with
    /// the same idempotency key gets the first answer; any other second completion is a 409.
    /// </summary>
    public async Task<WorkflowRunResult> CompleteAsync(TaskActor actor, string taskId, TaskSubmission submission, string? idempotencyKey, CancellationToken ct)
    {
        HumanTaskRecord task;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            task = Visible(await HumanTaskRows.FindAsync(db, taskId, ct), actor, taskId);

        if (task.IsActive)
        {
            if (!actor.CanTake(task))
                throw new ForbiddenException("TASK_NOT_CANDIDATE", $"Task '{taskId}' is for the {task.CandidateRole} role; you cannot complete it.");
            if (task.Assignee is not null && task.Assignee != actor.UserName && !actor.IsSupervisor)
                throw new ConflictException("TASK_CLAIMED", $"Task '{taskId}' is claimed by {task.Assignee}.");
            if (task.HeldAt is not null)
                throw new ConflictException(HeldCode, $"Task '{taskId}' is held since {task.HeldAt:yyyy-MM-dd HH:mm} UTC; it can be completed once its {correlation.Noun} is let go.");
        }
        else if (idempotencyKey is null)
        {
            throw AlreadyClosed(task);
        }

        var result = new JsonObject
        {
            ["outcome"] = submission.Outcome,
            ["data"] = submission.Data?.DeepClone() ?? new JsonObject(),
            ["comment"] = string.IsNullOrWhiteSpace(submission.Comment) ? null : submission.Comment.Trim(),
            ["completedBy"] = actor.UserName,
            ["overrideClaim"] = actor.IsSupervisor,
        };
        try
        {
            return await runtime.CompleteTaskAsync(taskId, result, idempotencyKey, ct);
        }
        catch (ConflictException ex) when (ex.Code == "BOOKMARK_SPENT")
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            throw AlreadyClosed(await db.HumanTasks.AsNoTracking().FirstAsync(t => t.Id == taskId, ct));
        }
    }

    /// <summary>True when <paramref name="taskId"/> is a human task (not a RunTask of a flow).</summary>
    public async Task<bool> ExistsAsync(string taskId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.HumanTasks.AnyAsync(t => t.Id == taskId, ct);
    }

    public async Task<IReadOnlyList<OfficerNotice>> NoticesAsync(TaskActor actor, int take, CancellationToken ct)
    {
        var roles = actor.Roles.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OfficerNotifications.AsNoTracking()
            .Where(n => n.Recipient == actor.UserName || (n.RecipientRole != null && roles.Contains(n.RecipientRole)))
            .OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, 100))
            .Select(n => new OfficerNotice(n.Id, n.Kind, n.Text, n.TaskId, n.ReferenceType, n.ReferenceId, n.CreatedAt))
            .ToListAsync(ct);
    }

    private static ConflictException AlreadyClosed(HumanTaskRecord task) => task.Status == HumanTaskStatus.Completed
        ? new ConflictException("TASK_ALREADY_COMPLETED", $"Task '{task.Id}' was already completed by {task.CompletedBy ?? "someone"} with '{task.Outcome}'.")
        : new ConflictException("TASK_CANCELLED", $"Task '{task.Id}' was cancelled: the case left that step.");

    private async Task<TaskItem> ChangeAsync(TaskActor actor, string taskId, CancellationToken ct, Func<WorkflowDbContext, HumanTaskRecord, DateTimeOffset, TaskAuditRecord?> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await VisibleAsync(db.HumanTasks, actor, taskId, ct);
        if (!task.IsActive)
            throw AlreadyClosed(task);
        var now = clock.GetUtcNow();
        if (change(db, task, now) is not { } audit)
            return Item(task, now);
        task.Revision++;
        db.TaskAudit.Add(audit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("TASK_CHANGED", $"Task '{taskId}' changed while you acted on it; reload and try again.");
        }
        return Item(task, now);
    }

    private static async Task<HumanTaskRecord> VisibleAsync(IQueryable<HumanTaskRecord> tasks, TaskActor actor, string taskId, CancellationToken ct) =>
        Visible(await tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct), actor, taskId);

    // A task the actor may not see answers like one that does not exist.
    private static HumanTaskRecord Visible(HumanTaskRecord? task, TaskActor actor, string taskId) =>
        task is not null && actor.CanSee(task) ? task : throw new NotFoundException($"Task '{taskId}' does not exist.", "TASK_NOT_FOUND");

    public static TaskAuditRecord Audit(string taskId, DateTimeOffset at, string actor, string action, string? detail) =>
        new() { TaskId = taskId, At = at, Actor = actor, Action = action, Detail = detail };

    public static TaskItem Item(HumanTaskRecord t, DateTimeOffset now) => new(
        t.Id, t.Title, t.CorrelationId, t.ActivityType, t.CandidateRole, t.CandidateUserList(), t.Assignee, t.Status, t.Priority, t.CreatedAt, t.DueAt,
        t.FollowUpAt, t.IsActive && t.HeldAt is null && t.DueAt < now, t.RemindedAt, t.EscalatedAt is null ? null : t.EscalateTo, t.EscalatedAt, t.OutcomeList(),
        t.Outcome, t.CompletedBy, t.CompletedAt, t.IsActive && t.HeldAt is not null);
}
