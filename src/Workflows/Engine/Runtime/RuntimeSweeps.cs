using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Scheduling;
using ExportTaxCheck.Engine.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timer = ExportTaxCheck.Engine.Activities.Scheduling.Timer;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// The background work of the runtime, shared between nodes: due timers and schedule triggers, instances left
/// running (dispatched, or interrupted by a crash), and events that committed steps published.
/// </summary>
public sealed class RuntimeSweeps(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    StepRunner runner,
    StepStore store,
    WorkflowClient client,
    TimeProvider clock,
    IOptions<RuntimeOptions> options,
    EngineTelemetry telemetry)
{
    // Leases on timers and instances are spans of real time, as the e-mail dispatcher's are.
    private readonly Clock.LeaseClock _leases = new(clock);

    /// <summary>Runs the scheduled work of an instance left Running (dispatched, or interrupted by a crash).</summary>
    public async Task<WorkflowRunResult?> ContinueAsync(string instanceId, CancellationToken ct)
    {
        try
        {
            return await runner.StepAsync(instanceId, null, ct, refuseHeld: true, act: async executor =>
            {
                if (executor.Status == WorkflowStatus.Running)
                    await executor.ContinueAsync();
            });
        }
        catch (NotFoundException)
        {
            return null;
        }
        catch (ConflictException ex) when (ex.Code == InstanceHolds.HeldCode)
        {
            // Its work runs once it is let go.
            return null;
        }
    }

    /// <summary>
    /// Claims instances that have work scheduled but not run (dispatched, or left by a crash) for this node, for
    /// <see cref="RuntimeOptions.ClaimLease"/>: another node sweeping at once takes other rows, and takes these once the lease lapses.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClaimRunnableAsync(int max, CancellationToken ct)
    {
        var (now, until, stale) = _leases.Window(options.Value.ClaimLease);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Claims.ClaimAsync(db,
            db.WorkflowInstances.Where(i => i.Status == WorkflowStatus.Running && i.HeldAt == null && (i.LeaseUntil == null || i.LeaseUntil < now || i.LeaseUntil > stale))
                .OrderBy(i => i.UpdatedAt).Select(i => i.Id).Take(max),
            ids => db.WorkflowInstances.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseUntil, until), ct),
            ct);
    }

    /// <summary>Fires every timer bookmark that is due; each fires once, in its own step.</summary>
    public async Task<int> FireDueTimersAsync(CancellationToken ct, int batch = 200)
    {
        var fired = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var (leaseNow, until, stale) = _leases.Window(options.Value.ClaimLease);
            List<BookmarkRecord> due;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                // Claimed, so nodes sweeping at once fire disjoint timers; the bookmark's guarded consumption still
                // makes a timer fire once if a lease lapses while its step runs.
                var claimed = await Claims.ClaimAsync(db,
                    // A faulted instance keeps its bookmarks (an alteration may retry it), but its timers wait until it runs again.
                    db.Bookmarks.Where(b => b.DueAt != null && b.Status == BookmarkStatus.Active && b.HeldAt == null && b.DueAt <= now
                                            && (b.LeaseUntil == null || b.LeaseUntil < leaseNow || b.LeaseUntil > stale)
                                            && db.WorkflowInstances.Any(i => i.Id == b.InstanceId && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended)))
                        .OrderBy(b => b.DueAt).Select(b => b.Id).Take(batch),
                    ids => db.Bookmarks.Where(b => ids.Contains(b.Id)).ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, until), ct),
                    ct);
                due = await db.Bookmarks.AsNoTracking().Where(b => claimed.Contains(b.Id)).OrderBy(b => b.DueAt).ToListAsync(ct);
            }

            foreach (var bookmark in due)
            {
                try
                {
                    await runner.ResumeAsync(bookmark, new JsonObject(), ticket: null, ct);
                    telemetry.TimerFired(clock.GetUtcNow() - bookmark.DueAt!.Value);
                    fired++;
                }
                catch (ConflictException)
                {
                    // Fired by another node or command meanwhile.
                }
            }

            fired += await FireDueTriggersAsync(now, ct);
            if (due.Count < batch)
                return fired;
        }
    }

    /// <summary>Timestamp of the next armed timer or schedule trigger, for the worker's sleep.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bookmark = await db.Bookmarks.AsNoTracking().Where(b => b.DueAt != null && b.Status == BookmarkStatus.Active && b.HeldAt == null)
            .OrderBy(b => b.DueAt).Select(b => b.DueAt).FirstOrDefaultAsync(ct);
        var trigger = await db.Triggers.AsNoTracking().Where(t => t.NextDueAt != null)
            .OrderBy(t => t.NextDueAt).Select(t => t.NextDueAt).FirstOrDefaultAsync(ct);
        return bookmark is null ? trigger : trigger is null ? bookmark : bookmark < trigger ? bookmark : trigger;
    }

    /// <summary>Delivers events that steps published, after their commit.</summary>
    public async Task<int> DeliverPendingEventsAsync(CancellationToken ct)
    {
        List<PendingEventRecord> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // An event for a held instance waits until it is let go (delivered now, its resume would be refused and the event lost).
            var held = db.WorkflowInstances.Where(i => i.HeldAt != null);
            pending = await db.PendingEvents.AsNoTracking()
                .Where(e => e.ProcessedAt == null
                            && !held.Any(i => e.InstanceId != null ? i.Id == e.InstanceId : e.CorrelationId != null && i.CorrelationId == e.CorrelationId))
                .OrderBy(e => e.CreatedAt).Take(100).ToListAsync(ct);
        }

        var delivered = 0;
        foreach (var evt in pending)
        {
            if (await DeliverAsync(evt, ct) is not null)
                delivered++;
        }
        return delivered;
    }

    /// <summary>Delivers one committed pending event now (the command that wrote it wants the flow to move before it answers).</summary>
    public async Task<EventTriggerResult?> DeliverPendingEventAsync(string id, CancellationToken ct)
    {
        PendingEventRecord? evt;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            evt = await db.PendingEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ProcessedAt == null, ct);
        return evt is null ? null : await DeliverAsync(evt, ct);
    }

    /// <summary>Delivers a pending event its command has just committed (the command still holds the row it wrote).</summary>
    public Task<EventTriggerResult?> DeliverPendingEventAsync(PendingEventRecord evt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evt);
        return DeliverAsync(evt, ct);
    }

    private async Task<EventTriggerResult?> DeliverAsync(PendingEventRecord evt, CancellationToken ct)
    {
        var input = evt.Payload is null ? null : JsonNode.Parse(evt.Payload) as JsonObject;
        var isChildFinished = evt.EventName.StartsWith(ChildWorkflows.CompletedEventPrefix, StringComparison.Ordinal);
        if (!isChildFinished && await SoleWaitingBookmarkAsync(evt, ct) is { } bookmark)
            return await DeliverInStepAsync(evt, bookmark, input, ct);
        // The idempotency key makes a second delivery of the same event (worker and command racing) a replay.
        // A finished child's wake-up resumes one bookmark (consumed at most once), so it needs no idempotency key; it
        // may only be tried again while its parent has not yet committed the bookmark it waits on.
        var result = await client.TriggerEventAsync(evt.EventName, evt.CorrelationId, evt.InstanceId, input, isChildFinished ? null : "event-delivery:" + evt.Id, ct);
        if (isChildFinished && result.Resumed.Count == 0 && await ParentMayStillWaitAsync(evt, ct))
            return null;
        await MarkProcessedAsync(evt.Id, ct);
        return result;
    }

    /// <summary>
    /// The common case, one instance waiting and no definition started by the event: the step that resumes it marks the
    /// event delivered in its own commit, so the event row is its idempotency record (a second delivery, worker and
    /// command racing, finds it delivered and its step rolls back). A crash before that commit leaves the event pending.
    /// </summary>
    private async Task<EventTriggerResult> DeliverInStepAsync(PendingEventRecord evt, BookmarkRecord bookmark, JsonObject? input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            var resumed = await runner.ResumeAsync(bookmark, input, ticket: null, ct, guard: db => store.MarkDeliveredAsync(db, evt.Id, now, ct));
            return new EventTriggerResult([resumed], []);
        }
        catch (ConflictException ex) when (ex.Code != InstanceHolds.HeldCode)
        {
            // Delivered by another node first, or the bookmark was resumed or closed meanwhile: nothing is left to do with it.
            await MarkProcessedAsync(evt.Id, ct);
            return new EventTriggerResult([], []);
        }
    }

    /// <summary>The one active bookmark waiting for the event, when exactly one waits and no definition is triggered by it.</summary>
    private async Task<BookmarkRecord?> SoleWaitingBookmarkAsync(PendingEventRecord evt, CancellationToken ct)
    {
        var hash = BookmarkHash.Compute("Elsa.Event", Activities.Events.Event.Stimulus(evt.EventName));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (waiting, triggers) = await store.WaitingAsync(db, hash, evt.CorrelationId, evt.InstanceId, ct);
        return waiting.Count != 1 || (evt.InstanceId is null && triggers) ? null : waiting[0];
    }

    private async Task MarkProcessedAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PendingEvents.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, clock.GetUtcNow()), ct);
    }

    /// <summary>
    /// True while the parent of a finished child runs and has not yet made the bookmark the child's event is for (the
    /// parent's step that started the child has not committed), within an hour of the event.
    /// </summary>
    private async Task<bool> ParentMayStillWaitAsync(PendingEventRecord evt, CancellationToken ct)
    {
        if (evt.InstanceId is null || clock.GetUtcNow() - evt.CreatedAt > TimeSpan.FromHours(1))
            return false;
        var hash = BookmarkHash.Compute("Elsa.Event", Activities.Events.Event.Stimulus(evt.EventName));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WorkflowInstances.AnyAsync(i => i.Id == evt.InstanceId && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended), ct)
               && !await db.Bookmarks.AnyAsync(b => b.InstanceId == evt.InstanceId && b.Hash == hash, ct);
    }

    private async Task<int> FireDueTriggersAsync(DateTimeOffset now, CancellationToken ct)
    {
        List<TriggerRecord> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            due = await db.Triggers.AsNoTracking().Where(t => t.NextDueAt != null && t.NextDueAt <= now).OrderBy(t => t.NextDueAt).Take(100).ToListAsync(ct);

        var fired = 0;
        foreach (var trigger in due)
        {
            var dueAt = trigger.NextDueAt!.Value;
            var payload = trigger.Payload is null ? new JsonObject() : JsonNode.Parse(trigger.Payload) as JsonObject ?? [];
            var next = trigger.Name == "Elsa.Cron" ? Cron.NextDue(payload, dueAt) : Timer.NextDue(payload, dueAt);
            // After downtime a schedule fires once, then continues from now rather than replaying every missed tick.
            while (next is { } n && n <= now)
                next = trigger.Name == "Elsa.Cron" ? Cron.NextDue(payload, n) : Timer.NextDue(payload, n);
            // A schedule published before the minimum interval existed still starts no more often than it allows.
            if (next is { } soon && soon < dueAt + options.Value.MinimumTimerInterval)
                next = dueAt + options.Value.MinimumTimerInterval;

            var request = new StartWorkflowRequest(trigger.DefinitionId, InstanceId: Ids.Derived(trigger.Id, dueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)), TriggerActivityId: trigger.ActivityId);
            try
            {
                await runner.StartAsync(request, ticket: null, runNow: true, ct, trigger.DefinitionVersionId, async db =>
                    await db.Triggers.Where(t => t.Id == trigger.Id && t.NextDueAt == dueAt)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextDueAt, next), ct) == 1);
                fired++;
            }
            catch (ConflictException)
            {
                // Another node fired this occurrence.
            }
        }
        return fired;
    }

}
