using ExportTaxCheck.Engine.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// The durable timers of tasks: a reminder before the due date and an escalation once overdue. Their due times are
/// columns of the task row, written in the step that created it, so they survive restarts; each fires once because
/// firing is a conditional update of that row (a second node or a second pass finds it already stamped).
/// </summary>
public sealed class TaskTimers(
    IDbContextFactory<WorkflowDbContext> dbFactory, CorrelationReference correlation, TimeProvider clock, Microsoft.Extensions.Options.IOptions<MailOptions> mail)
{
    private const int Batch = 100;

    /// <summary>Fires every reminder and escalation due now; returns how many fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<HumanTaskRecord> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.HumanTasks.AsNoTracking()
                .Where(t => (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed) && t.HeldAt == null)
                .Where(t => (t.RemindAt != null && t.RemindedAt == null && t.RemindAt <= now) || (t.EscalateAt != null && t.EscalatedAt == null && t.EscalateAt <= now))
                .OrderBy(t => t.Id).Take(Batch).ToListAsync(ct);
        }

        var fired = 0;
        foreach (var task in due)
        {
            if (task is { EscalateAt: { } escalateAt, EscalatedAt: null } && escalateAt <= now)
                fired += await EscalateAsync(task, now, ct) ? 1 : 0;
            else
                fired += await RemindAsync(task, now, ct) ? 1 : 0;
        }
        return fired;
    }

    /// <summary>When the next task timer is due (the worker sleeps until then).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = db.HumanTasks.AsNoTracking().Where(t => (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed) && t.HeldAt == null);
        var remind = await active.Where(t => t.RemindAt != null && t.RemindedAt == null).OrderBy(t => t.RemindAt).Select(t => t.RemindAt).FirstOrDefaultAsync(ct);
        var escalate = await active.Where(t => t.EscalateAt != null && t.EscalatedAt == null).OrderBy(t => t.EscalateAt).Select(t => t.EscalateAt).FirstOrDefaultAsync(ct);
        return remind is null ? escalate : escalate is null ? remind : remind < escalate ? remind : escalate;
    }

    private async Task<bool> RemindAsync(HumanTaskRecord task, DateTimeOffset now, CancellationToken ct)
    {
        var due = task.DueAt is { } d ? $" It is due {d.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (UTC+8)." : "";
        var reference = correlation.For(task.CorrelationId);
        return await StampAsync(task, now, ct, t => t.RemindedAt == null, s => s.SetProperty(t => t.RemindedAt, now), TaskActions.Reminded, null,
            new OfficerNotificationRecord
            {
                Recipient = task.Assignee, RecipientRole = task.Assignee is null ? task.CandidateRole : null, TaskId = task.Id,
                ReferenceType = reference?.Type, ReferenceId = reference?.Id,
                Kind = TaskActions.Reminded, CreatedAt = now, Text = $"Reminder: \"{task.Title}\"{About(reference)} is still open.{due}",
            });
    }

    private async Task<bool> EscalateAsync(HumanTaskRecord task, DateTimeOffset now, CancellationToken ct)
    {
        var role = string.IsNullOrWhiteSpace(task.EscalateTo) ? TaskActor.Supervisor : task.EscalateTo;
        var reference = correlation.For(task.CorrelationId);
        return await StampAsync(task, now, ct, t => t.EscalatedAt == null,
            s => s.SetProperty(t => t.EscalatedAt, now).SetProperty(t => t.EscalateTo, role).SetProperty(t => t.Priority, t => t.Priority < 90 ? 90 : t.Priority),
            TaskActions.Escalated, TaskAuditDetail.Of("to {0}", "@Role." + role),
            new OfficerNotificationRecord
            {
                RecipientRole = role, TaskId = task.Id, ReferenceType = reference?.Type, ReferenceId = reference?.Id, Kind = TaskActions.Escalated, CreatedAt = now,
                Text = $"Overdue: \"{task.Title}\"{About(reference)} was due {task.DueAt?.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (UTC+8)"
                       + (task.Assignee is null ? " and nobody has claimed it." : $" and is held by {task.Assignee}."),
            });
    }

    /// <summary>The notice also goes by e-mail (through the outbox, in this transaction) to the officers it is for who have an address.</summary>
    private async Task MailOfficersAsync(WorkflowDbContext db, OfficerNotificationRecord notice, DateTimeOffset now, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.Enabled && u.Email != null).ToListAsync(ct);
        var to = users.Where(u => u.UserName == notice.Recipient || (notice.RecipientRole is { } role && u.RoleList().Contains(role)))
            .Select(u => u.Email!).Distinct().ToList();
        if (to.Count == 0)
            return;
        var link = mail.Value.WorkspaceUrl.TrimEnd('/') + "/tasks/" + notice.TaskId;
        Outbox.Enqueue(db, now, to, reference: Reference.Of(notice.ReferenceType, notice.ReferenceId), subject: notice.Text.Length <= 160 ? notice.Text : notice.Text[..157] + "...",
            textBody: $"{notice.Text}\n\nOpen the task: {link}\n",
            htmlBody: $"<p>{System.Net.WebUtility.HtmlEncode(notice.Text)}</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Open the task</a></p>");
    }

    /// <summary>" for {noun} {id}", the words officers know the referenced thing by; nothing without a reference.</summary>
    private string About(Reference? reference) => reference is null ? "" : $" for {correlation.Noun} {reference.Id}";

    private async Task<bool> StampAsync(HumanTaskRecord task, DateTimeOffset now, CancellationToken ct,
        System.Linq.Expressions.Expression<Func<HumanTaskRecord, bool>> unstamped,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<HumanTaskRecord>> stamp, string action, string? detail, OfficerNotificationRecord notice)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pending = db.HumanTasks
            .Where(t => t.Id == task.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed) && t.HeldAt == null)
            .Where(unstamped);
        // Another node stamping this task holds its row: skip it rather than wait for that node to finish.
        if (await pending.Select(t => t.Id).SkipLocked().FirstOrDefaultAsync(ct) is null)
            return false;
        var changed = await pending
            .ExecuteUpdateAsync(s =>
            {
                stamp(s);
                s.SetProperty(t => t.Revision, t => t.Revision + 1);
            }, ct);
        if (changed != 1)
            return false;
        db.TaskAudit.Add(TaskService.Audit(task.Id, now, TaskActions.System, action, detail));
        db.OfficerNotifications.Add(notice);
        await MailOfficersAsync(db, notice, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
