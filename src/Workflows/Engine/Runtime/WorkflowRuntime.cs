using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Events;
using ExportTaxCheck.Engine.Activities.Scheduling;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Expressions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Runs instances durably: every command loads the instance, runs the interpreter in memory, and commits
/// instance state, bookmarks, journal, domain rows and the idempotency key in one transaction.
/// </summary>
public sealed class WorkflowRuntime(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    DefinitionService definitions,
    WorkflowGraphCache graphs,
    ExpressionEvaluator evaluator,
    IServiceProvider services,
    TimeProvider clock,
    WorkSignals signals,
    InstanceLocks instanceLocks,
    Microsoft.Extensions.Options.IOptions<RuntimeOptions> options,
    ILogger<WorkflowRuntime> logger)
{
    private const int MaxCommitAttempts = 5;

    // Orders duplicate commands with one idempotency key in this process (instances are locked by instanceLocks).
    private readonly KeyedLock _locks = new();

    /// <summary>Starts an instance and runs it until it waits or ends.</summary>
    public Task<WorkflowRunResult> StartAsync(StartWorkflowRequest request, CancellationToken ct) =>
        Idempotent("start", request.IdempotencyKey, request, ct, ticket => StartCoreAsync(request, ticket, runNow: true, ct));

    /// <summary>Creates an instance and leaves it for the background dispatcher; returns at once.</summary>
    public Task<WorkflowRunResult> DispatchAsync(StartWorkflowRequest request, CancellationToken ct) =>
        Idempotent("dispatch", request.IdempotencyKey, request, ct, ticket => StartCoreAsync(request, ticket, runNow: false, ct));

    /// <summary>
    /// Starts an instance whose first step also writes the caller's rows (<paramref name="prepare"/> adds them to the
    /// step's unit of work): the rows and the instance commit together or not at all. <paramref name="idempotentRequest"/>
    /// is what a retry with the same key must repeat.
    /// </summary>
    public Task<WorkflowRunResult> StartWithAsync(StartWorkflowRequest request, Func<WorkflowDbContext, WorkflowInstanceRecord, CancellationToken, Task> prepare,
        string? idempotencyKey, object idempotentRequest, CancellationToken ct) =>
        Idempotent("start-with", idempotencyKey, idempotentRequest, ct, ticket => StartCoreAsync(request with { IdempotencyKey = null }, ticket, runNow: true, ct, prepare: prepare));

    public Task<WorkflowRunResult> ResumeBookmarkAsync(string bookmarkId, JsonObject? input, string? idempotencyKey, CancellationToken ct) =>
        Idempotent("resume", idempotencyKey, new { bookmarkId, input }, ct, async ticket =>
        {
            var bookmark = await FindBookmarkAsync(b => b.Id == bookmarkId, ct)
                           ?? throw new NotFoundException($"Bookmark '{bookmarkId}' does not exist.", "BOOKMARK_NOT_FOUND");
            return await ResumeCoreAsync(bookmark, input, ticket, ct);
        });

    /// <summary>Completes a RunTask (or a human task) by its task id: <c>POST /elsa/api/tasks/{taskId}/complete</c>.</summary>
    public Task<WorkflowRunResult> CompleteTaskAsync(string taskId, JsonNode? result, string? idempotencyKey, CancellationToken ct) =>
        Idempotent("task", idempotencyKey, new { taskId, result }, ct, async ticket =>
        {
            var hash = TaskBookmarks.Hash(taskId);
            var bookmark = await FindBookmarkAsync(b => b.Hash == hash, ct)
                           ?? throw new NotFoundException($"Task '{taskId}' does not exist.", "TASK_NOT_FOUND");
            return await ResumeCoreAsync(bookmark, new JsonObject { ["result"] = result?.DeepClone() }, ticket, ct);
        });

    /// <summary>
    /// Publishes an event: resumes every instance waiting on it (filtered by correlation id or instance id when given)
    /// and starts the published definitions it triggers.
    /// </summary>
    public async Task<EventTriggerResult> TriggerEventAsync(string eventName, string? correlationId, string? instanceId, JsonObject? input, string? idempotencyKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(eventName))
            throw new InvalidRequestException("EVENT_NAME_REQUIRED", "An event name is required.");

        if (idempotencyKey is not null)
            IdempotencyKeys.Validate(idempotencyKey);
        var requestHash = IdempotencyKeys.Hash(new { eventName, correlationId, instanceId, input });
        using var gate = idempotencyKey is null ? null : await _locks.AcquireAsync("idem:" + idempotencyKey, ct);
        if (idempotencyKey is not null && await ReplayAsync<EventTriggerResult>(idempotencyKey, "event", requestHash, ct) is { } replay)
            return replay with { Replayed = true };

        var hash = BookmarkHash.Compute("Elsa.Event", Event.Stimulus(eventName));
        List<BookmarkRecord> waiting;
        List<TriggerRecord> triggers = [];
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var query = db.Bookmarks.AsNoTracking().Where(b => b.Hash == hash && b.Status == BookmarkStatus.Active);
            if (correlationId is not null)
                query = query.Where(b => b.CorrelationId == correlationId);
            if (instanceId is not null)
                query = query.Where(b => b.InstanceId == instanceId);
            waiting = await query.OrderBy(b => b.CreatedAt).ToListAsync(ct);
            if (instanceId is null)
                triggers = await db.Triggers.AsNoTracking().Where(t => t.Hash == hash).ToListAsync(ct);
        }

        var resumed = new List<WorkflowRunResult>();
        foreach (var bookmark in waiting)
        {
            try
            {
                resumed.Add(await ResumeCoreAsync(bookmark, input, ticket: null, ct));
            }
            catch (ConflictException)
            {
                // Another command resumed it first: it is not ours to resume again.
            }
        }

        var started = new List<WorkflowRunResult>();
        foreach (var trigger in triggers)
        {
            // With an idempotency key the started instance's id is derived from it, so a retry finds it instead of starting another.
            var startedId = idempotencyKey is null ? null : DerivedId(idempotencyKey, trigger.Id);
            if (startedId is not null && await InstanceExistsAsync(startedId, ct))
                continue;
            var request = new StartWorkflowRequest(trigger.DefinitionId, Input: input, CorrelationId: correlationId, InstanceId: startedId, TriggerActivityId: trigger.ActivityId);
            started.Add(await StartCoreAsync(request, ticket: null, runNow: true, ct, trigger.DefinitionVersionId));
        }

        var result = new EventTriggerResult(resumed, started);
        if (idempotencyKey is not null)
            await StoreIdempotencyAsync(new IdempotencyTicket(idempotencyKey, "event", requestHash), result, ct);
        return result;
    }

    public Task<WorkflowRunResult> CancelAsync(string instanceId, string? idempotencyKey, CancellationToken ct) =>
        Idempotent("cancel", idempotencyKey, new { instanceId }, ct, ticket => StepAsync(instanceId, ticket, ct, async executor =>
        {
            if (executor.Status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled)
                throw new ConflictException("INSTANCE_ENDED", $"Workflow instance '{instanceId}' has already ended ({executor.Status}).");
            await executor.CancelAsync();
        }));

    /// <summary>Runs the scheduled work of an instance left Running (dispatched, or interrupted by a crash).</summary>
    public async Task<WorkflowRunResult?> ContinueAsync(string instanceId, CancellationToken ct)
    {
        try
        {
            return await StepAsync(instanceId, null, ct, async executor =>
            {
                if (executor.Status == WorkflowStatus.Running)
                    await executor.ContinueAsync();
            });
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Claims instances that have work scheduled but not run (dispatched, or left by a crash) for this node, for
    /// <see cref="RuntimeOptions.ClaimLease"/>: another node sweeping at once takes other rows, and takes these once the lease lapses.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClaimRunnableAsync(int max, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.ClaimLease;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Claims.ClaimAsync(db,
            db.WorkflowInstances.Where(i => i.Status == WorkflowStatus.Running && (i.LeaseUntil == null || i.LeaseUntil < now))
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
            var until = now + options.Value.ClaimLease;
            List<BookmarkRecord> due;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                // Claimed, so nodes sweeping at once fire disjoint timers; the bookmark's guarded consumption still
                // makes a timer fire once if a lease lapses while its step runs.
                var claimed = await Claims.ClaimAsync(db,
                    db.Bookmarks.Where(b => b.DueAt != null && b.Status == BookmarkStatus.Active && b.DueAt <= now && (b.LeaseUntil == null || b.LeaseUntil < now))
                        .OrderBy(b => b.DueAt).Select(b => b.Id).Take(batch),
                    ids => db.Bookmarks.Where(b => ids.Contains(b.Id)).ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, until), ct),
                    ct);
                due = await db.Bookmarks.AsNoTracking().Where(b => claimed.Contains(b.Id)).OrderBy(b => b.DueAt).ToListAsync(ct);
            }

            foreach (var bookmark in due)
            {
                try
                {
                    await ResumeCoreAsync(bookmark, new JsonObject(), ticket: null, ct);
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
        var bookmark = await db.Bookmarks.AsNoTracking().Where(b => b.DueAt != null && b.Status == BookmarkStatus.Active)
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
            pending = await db.PendingEvents.AsNoTracking().Where(e => e.ProcessedAt == null).OrderBy(e => e.CreatedAt).Take(100).ToListAsync(ct);

        foreach (var evt in pending)
            await DeliverAsync(evt, ct);
        return pending.Count;
    }

    /// <summary>Delivers one committed pending event now (the command that wrote it wants the flow to move before it answers).</summary>
    public async Task<EventTriggerResult?> DeliverPendingEventAsync(string id, CancellationToken ct)
    {
        PendingEventRecord? evt;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            evt = await db.PendingEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ProcessedAt == null, ct);
        return evt is null ? null : await DeliverAsync(evt, ct);
    }

    // The idempotency key makes a second delivery of the same event (worker and command racing) a replay.
    private async Task<EventTriggerResult> DeliverAsync(PendingEventRecord evt, CancellationToken ct)
    {
        var input = evt.Payload is null ? null : JsonNode.Parse(evt.Payload) as JsonObject;
        var result = await TriggerEventAsync(evt.EventName, evt.CorrelationId, evt.InstanceId, input, "event-delivery:" + evt.Id, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PendingEvents.Where(e => e.Id == evt.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, clock.GetUtcNow()), ct);
        return result;
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
            var next = trigger.Name == "Elsa.Cron" ? Cron.NextDue(payload, dueAt) : Activities.Scheduling.Timer.NextDue(payload, dueAt);
            // After downtime a schedule fires once, then continues from now rather than replaying every missed tick.
            while (next is { } n && n <= now)
                next = trigger.Name == "Elsa.Cron" ? Cron.NextDue(payload, n) : Activities.Scheduling.Timer.NextDue(payload, n);

            var request = new StartWorkflowRequest(trigger.DefinitionId, InstanceId: DerivedId(trigger.Id, dueAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)), TriggerActivityId: trigger.ActivityId);
            try
            {
                await StartCoreAsync(request, ticket: null, runNow: true, ct, trigger.DefinitionVersionId, async db =>
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

    private async Task<WorkflowRunResult> StartCoreAsync(StartWorkflowRequest request, IdempotencyTicket? ticket, bool runNow, CancellationToken ct,
        string? versionId = null, Func<WorkflowDbContext, Task<bool>>? guard = null, Func<WorkflowDbContext, WorkflowInstanceRecord, CancellationToken, Task>? prepare = null)
    {
        WorkflowDefinitionRecord version;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            version = versionId is not null
                ? await read.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == versionId, ct)
                  ?? throw new NotFoundException($"Workflow definition version '{versionId}' does not exist.", "DEFINITION_NOT_FOUND")
                : await definitions.FindRecordAsync(request.DefinitionId, request.Versions ?? VersionOptions.Published, ct)
                  ?? throw new NotFoundException($"Workflow definition '{request.DefinitionId}' has no {(request.Versions ?? VersionOptions.Published).ToString().ToLowerInvariant()} version.", "DEFINITION_NOT_FOUND");
        }

        var graph = graphs.Get(version);
        if (request.TriggerActivityId is { } triggerId && !graph.TryGetActivity(triggerId, out _))
            throw new InvalidRequestException("UNKNOWN_TRIGGER_ACTIVITY", $"Activity '{triggerId}' is not part of workflow definition '{request.DefinitionId}'.");

        var instanceId = string.IsNullOrWhiteSpace(request.InstanceId) ? Ids.New() : request.InstanceId.Trim();
        await using var instanceLock = await instanceLocks.AcquireAsync(instanceId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ColumnLengths.Ensure<WorkflowInstanceRecord>(db, nameof(WorkflowInstanceRecord.Id), instanceId, "instanceId");
        ColumnLengths.Ensure<WorkflowInstanceRecord>(db, nameof(WorkflowInstanceRecord.CorrelationId), request.CorrelationId, "correlationId");
        ColumnLengths.Ensure<WorkflowInstanceRecord>(db, nameof(WorkflowInstanceRecord.Name), request.Name, "name");
        if (await db.WorkflowInstances.AnyAsync(i => i.Id == instanceId, ct))
            throw new ConflictException("INSTANCE_EXISTS", $"Workflow instance '{instanceId}' already exists.");

        var now = clock.GetUtcNow();
        var instance = new WorkflowInstanceRecord
        {
            Id = instanceId,
            DefinitionId = version.DefinitionId,
            DefinitionVersionId = version.Id,
            DefinitionVersion = version.Version,
            Name = request.Name ?? version.Name,
            CorrelationId = request.CorrelationId,
            Status = WorkflowStatus.Running,
            CreatedAt = now,
            UpdatedAt = now,
            State = "",
            ParentInstanceId = request.ParentInstanceId,
        };
        if (prepare is not null)
            await prepare(db, instance, ct);
        var state = new WorkflowState();
        var effects = new StepEffects();
        var executor = new WorkflowExecutor(graph, instance, state, Environment(db, effects, ct));
        if (runNow)
        {
            await executor.StartAsync(request.Input, request.TriggerActivityId);
        }
        else
        {
            await executor.PrepareStartAsync(request.Input, request.TriggerActivityId);
        }

        db.WorkflowInstances.Add(instance);
        var result = await CommitAsync(db, instance, executor, effects, ticket, guard, ct);
        if (result.Status == WorkflowStatus.Running)
            signals.InstanceRunnable(instanceId);
        return result;
    }

    private Task<WorkflowRunResult> ResumeCoreAsync(BookmarkRecord bookmark, JsonObject? input, IdempotencyTicket? ticket, CancellationToken ct)
    {
        if (bookmark.Status != BookmarkStatus.Active)
            throw Spent(bookmark);
        return StepAsync(bookmark.InstanceId, ticket, ct, async executor =>
        {
            if (executor.Status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled)
                throw Spent(bookmark);
            try
            {
                await executor.ResumeAsync(bookmark, input);
            }
            catch (BookmarkNotWaitingException)
            {
                throw Spent(bookmark);
            }
        });
    }

    private static ConflictException Spent(BookmarkRecord bookmark) =>
        new("BOOKMARK_SPENT", $"Bookmark '{bookmark.Id}' ({bookmark.Name}) of instance '{bookmark.InstanceId}' was already resumed or cancelled.");

    /// <summary>Loads the instance, lets <paramref name="act"/> drive the executor, commits; retries on a concurrent commit.</summary>
    private async Task<WorkflowRunResult> StepAsync(string instanceId, IdempotencyTicket? ticket, CancellationToken ct, Func<WorkflowExecutor, Task> act)
    {
        await using var instanceLock = await instanceLocks.AcquireAsync(instanceId, ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var instance = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == instanceId, ct)
                           ?? throw new NotFoundException($"Workflow instance '{instanceId}' does not exist.", "INSTANCE_NOT_FOUND");

            var graph = await GraphOfAsync(db, instance.DefinitionVersionId, ct);
            var state = JsonSerializer.Deserialize<WorkflowState>(instance.State, WorkflowJson.Options) ?? new WorkflowState();
            var effects = new StepEffects();
            var executor = new WorkflowExecutor(graph, instance, state, Environment(db, effects, ct));
            await act(executor);
            try
            {
                var result = await CommitAsync(db, instance, executor, effects, ticket, guard: null, ct);
                if (result.Status == WorkflowStatus.Running)
                    signals.InstanceRunnable(instanceId);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxCommitAttempts)
            {
                logger.LogDebug("Instance {InstanceId} changed under step attempt {Attempt}; retrying", instanceId, attempt);
            }
        }
    }

    private async Task<WorkflowGraph> GraphOfAsync(WorkflowDbContext db, string versionId, CancellationToken ct)
    {
        if (graphs.TryGetForInstance(versionId, out var cached))
            return cached;
        var version = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == versionId, ct)
                      ?? throw new ConflictException("DEFINITION_VERSION_MISSING", $"Definition version '{versionId}' of this instance no longer exists.");
        return graphs.Get(version);
    }

    private StepEnvironment Environment(WorkflowDbContext db, StepEffects effects, CancellationToken ct) =>
        new(services, clock, evaluator, db, effects, ct);

    private async Task<WorkflowRunResult> CommitAsync(WorkflowDbContext db, WorkflowInstanceRecord instance, WorkflowExecutor executor, StepEffects effects,
        IdempotencyTicket? ticket, Func<WorkflowDbContext, Task<bool>>? guard, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var state = executor.State;
        var isNew = db.Entry(instance).State == EntityState.Added;
        instance.Status = executor.Status;
        instance.State = JsonSerializer.Serialize(state, WorkflowJson.Options);
        instance.UpdatedAt = now;
        instance.IncidentCount = state.Incidents.Count;
        if (executor.Status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled)
            instance.FinishedAt ??= now;
        if (!isNew)
            instance.Revision++;

        db.Bookmarks.AddRange(effects.NewBookmarks);
        db.PendingEvents.AddRange(effects.PublishedEvents);
        foreach (var (id, record) in effects.Journal)
        {
            // Records of executions that started in an earlier step exist: update them without reading them first.
            if (effects.NewJournalIds.Contains(id))
                db.ActivityExecutions.Add(record);
            else
                db.ActivityExecutions.Update(record);
        }

        var result = await ResultAsync(db, instance, isNew, effects, state, ct);
        if (ticket is not null)
            db.IdempotencyKeys.Add(NewIdempotencyRecord(ticket, result, now));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (guard is not null && !await guard(db))
            throw new ConflictException("GUARD_FAILED", "Another node did this work first.");
        if (effects.ConsumedBookmarkId is { } consumed
            && await db.Bookmarks.Where(b => b.Id == consumed && b.Status == BookmarkStatus.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookmarkStatus.Consumed).SetProperty(b => b.ClosedAt, now), ct) != 1)
        {
            throw new ConflictException("BOOKMARK_SPENT", $"Bookmark '{consumed}' of instance '{instance.Id}' was already resumed or cancelled.");
        }

        if (effects.ClosedBookmarkIds.Count > 0)
        {
            var closed = effects.ClosedBookmarkIds.ToList();
            await db.Bookmarks.Where(b => closed.Contains(b.Id) && b.Status == BookmarkStatus.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookmarkStatus.Cancelled).SetProperty(b => b.ClosedAt, now), ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && ticket is not null && IdempotencyKeys.IsDuplicateKey(ex))
        {
            // The same idempotency key committed in another process a moment ago.
            throw new ConcurrentIdempotentCommandException(ticket.Key, ex);
        }
        await tx.CommitAsync(ct);

        if (effects.NewBookmarks.Any(b => b.DueAt is not null))
            signals.TimerArmed();
        if (effects.PublishedEvents.Count > 0)
            signals.EventQueued();
        foreach (var line in effects.Lines)
            logger.LogInformation("[{InstanceId}] {Line}", instance.Id, line);
        return result;
    }

    private static async Task<WorkflowRunResult> ResultAsync(WorkflowDbContext db, WorkflowInstanceRecord instance, bool isNew, StepEffects effects, WorkflowState state, CancellationToken ct)
    {
        var closed = effects.ClosedBookmarkIds;
        var active = isNew ? [] : await db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instance.Id && b.Status == BookmarkStatus.Active).ToListAsync(ct);
        var bookmarks = active.Where(b => b.Id != effects.ConsumedBookmarkId && !closed.Contains(b.Id))
            .Concat(effects.NewBookmarks)
            .Select(ToInfo)
            .ToList();
        return new WorkflowRunResult(instance.Id, instance.DefinitionId, instance.DefinitionVersionId, instance.DefinitionVersion, instance.Status,
            instance.CorrelationId, bookmarks, state.Incidents.ToList(), (JsonObject)state.Output.DeepClone(), effects.Lines.ToList());
    }

    public static BookmarkInfo ToInfo(BookmarkRecord b) =>
        new(b.Id, b.Name, b.ActivityId, b.ActivityExecutionId, b.Payload is null ? null : JsonNode.Parse(b.Payload) as JsonObject, b.DueAt);

    private async Task<BookmarkRecord?> FindBookmarkAsync(System.Linq.Expressions.Expression<Func<BookmarkRecord, bool>> predicate, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // An active bookmark wins over spent ones with the same key.
        return await db.Bookmarks.AsNoTracking().Where(predicate).OrderBy(b => b.Status).FirstOrDefaultAsync(ct);
    }

    private async Task<bool> InstanceExistsAsync(string instanceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WorkflowInstances.AnyAsync(i => i.Id == instanceId, ct);
    }

    // ---- idempotency ----

    private sealed record IdempotencyTicket(string Key, string Operation, string RequestHash);

    private async Task<WorkflowRunResult> Idempotent(string operation, string? key, object request, CancellationToken ct, Func<IdempotencyTicket?, Task<WorkflowRunResult>> run)
    {
        if (key is null)
            return await run(null);
        IdempotencyKeys.Validate(key);

        var requestHash = IdempotencyKeys.Hash(new { operation, request });
        using var gate = await _locks.AcquireAsync("idem:" + key, ct);
        for (var attempt = 1; ; attempt++)
        {
            if (await ReplayAsync<WorkflowRunResult>(key, operation, requestHash, ct) is { } replay)
                return replay with { Replayed = true };
            try
            {
                return await run(new IdempotencyTicket(key, operation, requestHash));
            }
            catch (ConcurrentIdempotentCommandException) when (attempt < 3)
            {
                // Loop: the replay lookup now finds the other process's answer.
            }
        }
    }

    private async Task<T?> ReplayAsync<T>(string key, string operation, string requestHash, CancellationToken ct) where T : class
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await IdempotencyKeys.FindAsync(db, key, operation, requestHash, ct);
        return stored is null ? null : JsonSerializer.Deserialize<T>(stored.Response, WorkflowJson.Options);
    }

    private async Task StoreIdempotencyAsync<T>(IdempotencyTicket ticket, T response, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IdempotencyKeys.Add(NewIdempotencyRecord(ticket, response, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IdempotencyKeys.IsDuplicateKey(ex))
        {
            // Stored by a concurrent duplicate: its answer stands.
        }
    }

    private static IdempotencyRecord NewIdempotencyRecord<T>(IdempotencyTicket ticket, T response, DateTimeOffset now) =>
        IdempotencyKeys.Record(ticket.Key, ticket.Operation, ticket.RequestHash, response, now);

    private static string DerivedId(string seed, string salt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + salt)).AsSpan(0, 16));

    private sealed class ConcurrentIdempotentCommandException(string key, Exception inner) : Exception($"Idempotency key '{key}' was committed concurrently.", inner);
}
