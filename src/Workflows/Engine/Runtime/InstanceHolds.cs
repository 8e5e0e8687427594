using ExportTaxCheck.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Holds an instance and lets it go again, in the caller's unit of work (so a module's own rows change in the same
/// transaction). While held, nothing resumes the instance (a resume is refused with <see cref="HeldCode"/>), its timers
/// do not fire, its open tasks cannot be completed, are not overdue and send no reminders or escalations. At release
/// every timer and task time moves on by the span the instance was held, so the instance resumes where it was.
/// The instance row's revision is bumped, so a step that ran meanwhile fails its commit and runs again on the held row.
/// </summary>
public static class InstanceHolds
{
    public const string HeldCode = "INSTANCE_HELD";

    /// <summary>Holds the instance; false when it does not exist, has ended or is held already.</summary>
    public static async Task<bool> HoldAsync(WorkflowDbContext db, string instanceId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var instance = await InstanceAsync(db, instanceId, ct);
        if (instance is null || instance.HeldAt is not null || instance.Status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled)
            return false;
        instance.HeldAt = now;
        instance.Revision++;
        foreach (var bookmark in await db.Bookmarks.Where(b => b.InstanceId == instanceId && b.Status == BookmarkStatus.Active).ToListAsync(ct))
            bookmark.HeldAt = now;
        foreach (var task in await db.HumanTasks.Where(t => t.InstanceId == instanceId && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed)).ToListAsync(ct))
        {
            task.HeldAt = now;
            task.Revision++;
            db.TaskAudit.Add(TaskService.Audit(task.Id, now, TaskActions.System, TaskActions.Held, null));
        }
        return true;
    }

    /// <summary>Lets a held instance go; returns how long it was held, or null when it was not held.</summary>
    public static async Task<TimeSpan?> ReleaseAsync(WorkflowDbContext db, string instanceId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var instance = await InstanceAsync(db, instanceId, ct);
        if (instance?.HeldAt is not { } heldAt)
            return null;
        var held = now > heldAt ? now - heldAt : TimeSpan.Zero;
        instance.HeldAt = null;
        instance.Revision++;
        foreach (var bookmark in await db.Bookmarks.Where(b => b.InstanceId == instanceId && b.HeldAt != null).ToListAsync(ct))
        {
            bookmark.HeldAt = null;
            if (bookmark.DueAt is { } due)
                bookmark.DueAt = due + held;
        }
        foreach (var task in await db.HumanTasks.Where(t => t.InstanceId == instanceId && t.HeldAt != null).ToListAsync(ct))
        {
            task.HeldAt = null;
            task.DueAt += held;
            // A reminder or escalation already sent stays sent; one still to come keeps its distance to the due date.
            if (task.RemindedAt is null)
                task.RemindAt += held;
            if (task.EscalatedAt is null)
                task.EscalateAt += held;
            task.Revision++;
            db.TaskAudit.Add(TaskService.Audit(task.Id, now, TaskActions.System, TaskActions.Resumed, Describe(held)));
        }
        return held;
    }

    /// <summary>The instance to change: the one a step of it runs in this unit of work (the step writes it), else the stored row, tracked.</summary>
    private static async Task<WorkflowInstanceRecord?> InstanceAsync(WorkflowDbContext db, string instanceId, CancellationToken ct) =>
        db.SteppingInstance is { } stepping && stepping.Id == instanceId
            ? stepping
            : await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == instanceId, ct);

    /// <summary>True when the instance is held now.</summary>
    public static Task<bool> IsHeldAsync(WorkflowDbContext db, string instanceId, CancellationToken ct) =>
        db.WorkflowInstances.AnyAsync(i => i.Id == instanceId && i.HeldAt != null, ct);

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? TaskAuditDetail.Of("after {0} d {1} h held", Whole(span.TotalDays), Whole(span.Hours))
        : span.TotalHours >= 1 ? TaskAuditDetail.Of("after {0} h {1} min held", Whole(span.TotalHours), Whole(span.Minutes))
        : TaskAuditDetail.Of("after {0} min held", Whole(span.TotalMinutes));

    private static string Whole(double value) => ((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
