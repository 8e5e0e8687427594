using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Events;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// The commands that run instances: start, dispatch, resume a bookmark or a task, publish an event, cancel. Each
/// command with an idempotency key runs once; a retry with the same key gets the first answer. The work itself is
/// done by the <see cref="StepRunner"/>, one committed step at a time.
/// </summary>
public sealed class WorkflowClient(IDbContextFactory<WorkflowDbContext> dbFactory, StepRunner runner, StepStore store, TimeProvider clock)
{
    // Orders duplicate commands with one idempotency key in this process (instances are locked by the step runner).
    private readonly KeyedLock _locks = new();

    /// <summary>Starts an instance and runs it until it waits or ends.</summary>
    public Task<WorkflowRunResult> StartAsync(StartWorkflowRequest request, CancellationToken ct) =>
        Idempotent("start", request.IdempotencyKey, request, ct, ticket => runner.StartAsync(request, ticket, runNow: true, ct));

    /// <summary>Creates an instance and leaves it for the background dispatcher; returns at once.</summary>
    public Task<WorkflowRunResult> DispatchAsync(StartWorkflowRequest request, CancellationToken ct) =>
        Idempotent("dispatch", request.IdempotencyKey, request, ct, ticket => runner.StartAsync(request, ticket, runNow: false, ct));

    /// <summary>
    /// Starts an instance whose first step also writes the caller's rows (<paramref name="prepare"/> adds them to the
    /// step's unit of work): the rows and the instance commit together or not at all. <paramref name="idempotentRequest"/>
    /// is what a retry with the same key must repeat.
    /// </summary>
    public Task<WorkflowRunResult> StartWithAsync(StartWorkflowRequest request, Func<WorkflowDbContext, WorkflowInstanceRecord, CancellationToken, Task> prepare,
        string? idempotencyKey, object idempotentRequest, CancellationToken ct) =>
        Idempotent("start-with", idempotencyKey, idempotentRequest, ct, ticket => runner.StartAsync(request with { IdempotencyKey = null }, ticket, runNow: true, ct, prepare: prepare));

    public Task<WorkflowRunResult> ResumeBookmarkAsync(string bookmarkId, JsonObject? input, string? idempotencyKey, CancellationToken ct) =>
        ResumeAsync("resume", idempotencyKey, new { bookmarkId, input }, bookmarkId, hash: null, input,
            () => new NotFoundException($"Bookmark '{bookmarkId}' does not exist.", "BOOKMARK_NOT_FOUND"), ct);

    /// <summary>Completes a RunTask (or a human task) by its task id: <c>POST /elsa/api/tasks/{taskId}/complete</c>.</summary>
    public Task<WorkflowRunResult> CompleteTaskAsync(string taskId, JsonNode? result, string? idempotencyKey, CancellationToken ct) =>
        ResumeAsync("task", idempotencyKey, new { taskId, result }, bookmarkId: null, TaskBookmarks.Hash(taskId), new JsonObject { ["result"] = result?.DeepClone() },
            () => new NotFoundException($"Task '{taskId}' does not exist.", "TASK_NOT_FOUND"), ct);

    /// <summary>
    /// Resumes one bookmark as an idempotent command: the stored answer of the key and the bookmark are read in one round
    /// trip; the step commits the key with its rows.
    /// </summary>
    private async Task<WorkflowRunResult> ResumeAsync(string operation, string? key, object request, string? bookmarkId, string? hash, JsonObject? input,
        Func<NotFoundException> missing, CancellationToken ct)
    {
        if (key is not null)
            IdempotencyKeys.Validate(key);
        var ticket = key is null ? null : new IdempotencyTicket(key, operation, IdempotencyKeys.Hash(new { operation, request }));
        using var gate = key is null ? null : await _locks.AcquireAsync("idem:" + key, ct);
        for (var attempt = 1; ; attempt++)
        {
            // The step runs on the context that found the bookmark: one connection for the command.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var (stored, bookmark) = await store.FindForResumeAsync(db, key, bookmarkId, hash, ct);
            if (ticket is not null && IdempotencyKeys.Check(stored, ticket.Key, operation, ticket.RequestHash) is { } answered)
                return JsonSerializer.Deserialize<WorkflowRunResult>(answered.Response, WorkflowJson.Options)! with { Replayed = true };
            try
            {
                return await runner.ResumeAsync(bookmark ?? throw missing(), input, ticket, ct, context: db);
            }
            catch (ConcurrentIdempotentCommandException) when (attempt < 3)
            {
                // Loop: the lookup now finds the other process's answer.
            }
        }
    }

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
                resumed.Add(await runner.ResumeAsync(bookmark, input, ticket: null, ct));
            }
            catch (ConflictException ex) when (ex.Code != InstanceHolds.HeldCode || waiting.Count > 1)
            {
                // Another command resumed it first: it is not ours to resume again. (A held instance takes no events; when it
                // is the only one waiting, the caller hears why.)
            }
        }

        var started = new List<WorkflowRunResult>();
        foreach (var trigger in triggers)
        {
            // With an idempotency key the started instance's id is derived from it, so a retry finds it instead of starting another.
            var startedId = idempotencyKey is null ? null : Ids.Derived(idempotencyKey, trigger.Id);
            if (startedId is not null && await InstanceExistsAsync(startedId, ct))
                continue;
            var request = new StartWorkflowRequest(trigger.DefinitionId, Input: input, CorrelationId: correlationId, InstanceId: startedId, TriggerActivityId: trigger.ActivityId);
            started.Add(await runner.StartAsync(request, ticket: null, runNow: true, ct, trigger.DefinitionVersionId));
        }

        var result = new EventTriggerResult(resumed, started);
        if (idempotencyKey is not null)
            await StoreIdempotencyAsync(new IdempotencyTicket(idempotencyKey, "event", requestHash), result, ct);
        return result;
    }

    public Task<WorkflowRunResult> CancelAsync(string instanceId, string? idempotencyKey, CancellationToken ct) =>
        Idempotent("cancel", idempotencyKey, new { instanceId }, ct, ticket => runner.StepAsync(instanceId, ticket, ct, async executor =>
        {
            if (executor.Status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled)
                throw new ConflictException("INSTANCE_ENDED", $"Workflow instance '{instanceId}' has already ended ({executor.Status}).");
            await executor.CancelAsync();
        }));

    /// <summary>
    /// Deletes an instance with its bookmarks and journal (Elsa's delete). One that has not ended is cancelled first, in a
    /// step of its own, so what it waits on (timers, human tasks) is closed as a cancellation closes it. Human tasks stay,
    /// as the audit trail of their case.
    /// </summary>
    public async Task DeleteAsync(string instanceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await db.WorkflowInstances.Where(i => i.Id == instanceId).Select(i => (WorkflowStatus?)i.Status).FirstOrDefaultAsync(ct)
                     ?? throw new NotFoundException($"Workflow instance '{instanceId}' does not exist.", "INSTANCE_NOT_FOUND");
        if (status is WorkflowStatus.Running or WorkflowStatus.Suspended or WorkflowStatus.Faulted)
            await runner.StepAsync(instanceId, null, ct, executor => executor.CancelAsync());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Bookmarks.Where(b => b.InstanceId == instanceId).ExecuteDeleteAsync(ct);
        await db.ActivityExecutions.Where(r => r.InstanceId == instanceId).ExecuteDeleteAsync(ct);
        await db.ExecutionLog.Where(r => r.InstanceId == instanceId).ExecuteDeleteAsync(ct);
        await db.PendingEvents.Where(e => e.InstanceId == instanceId).ExecuteDeleteAsync(ct);
        await db.WorkflowInstances.Where(i => i.Id == instanceId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<bool> InstanceExistsAsync(string instanceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WorkflowInstances.AnyAsync(i => i.Id == instanceId, ct);
    }

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
        var stored = IdempotencyKeys.Check(await store.FindIdempotencyAsync(db, key, ct), key, operation, requestHash);
        return stored is null ? null : JsonSerializer.Deserialize<T>(stored.Response, WorkflowJson.Options);
    }

    private async Task StoreIdempotencyAsync<T>(IdempotencyTicket ticket, T response, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IdempotencyKeys.Add(ticket.Record(response, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IdempotencyKeys.IsDuplicateKey(ex))
        {
            // Stored by a concurrent duplicate: its answer stands.
        }
    }

}
