using System.Diagnostics;
using Span = System.Diagnostics.Activity;
using ExportTaxCheck.Engine.Telemetry;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Runs one step of one instance: takes the instance lock, loads the instance and the exact definition version it
/// started on, lets the interpreter run until every branch waits or the flow ends, and commits instance state,
/// bookmarks, journal, the module's rows and the command's idempotency key in one transaction.
/// </summary>
public sealed class StepRunner(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    DefinitionService definitions,
    WorkflowGraphCache graphs,
    ExpressionEvaluator evaluator,
    IServiceProvider services,
    TimeProvider clock,
    WorkSignals signals,
    InstanceLocks instanceLocks,
    IOptions<RuntimeOptions> options,
    EngineTelemetry telemetry,
    ILogger<StepRunner> logger)
{
    private const int MaxCommitAttempts = 5;

    internal async Task<WorkflowRunResult> StartAsync(StartWorkflowRequest request, IdempotencyTicket? ticket, bool runNow, CancellationToken ct,
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
        var started = Stopwatch.GetTimestamp();
        using var span = telemetry.StartStep("start", instanceId);
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
        Observe(span, started, instance, effects, incidentsBefore: 0, executor.State.Incidents.Count);
        if (result.Status == WorkflowStatus.Running)
            signals.InstanceRunnable(instanceId);
        return result;
    }

    internal Task<WorkflowRunResult> ResumeAsync(BookmarkRecord bookmark, JsonObject? input, IdempotencyTicket? ticket, CancellationToken ct)
    {
        if (bookmark.Status != BookmarkStatus.Active)
            throw Spent(bookmark);
        return StepAsync(bookmark.InstanceId, ticket, ct, refuseHeld: true, act: async executor =>
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
    internal async Task<WorkflowRunResult> StepAsync(string instanceId, IdempotencyTicket? ticket, CancellationToken ct, Func<WorkflowExecutor, Task> act, bool refuseHeld = false)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = telemetry.StartStep("resume", instanceId);
        await using var instanceLock = await instanceLocks.AcquireAsync(instanceId, ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var instance = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == instanceId, ct)
                           ?? throw new NotFoundException($"Workflow instance '{instanceId}' does not exist.", "INSTANCE_NOT_FOUND");
            // A held instance takes no resume and runs no work until it is let go (a cancellation still may end it).
            if (refuseHeld && instance.HeldAt is not null)
                throw new ConflictException(InstanceHolds.HeldCode, $"Workflow instance '{instanceId}' is held; it resumes when it is let go.");

            var graph = await GraphOfAsync(db, instance.DefinitionVersionId, ct);
            var state = JsonSerializer.Deserialize<WorkflowState>(instance.State, WorkflowJson.Options) ?? new WorkflowState();
            var effects = new StepEffects();
            var executor = new WorkflowExecutor(graph, instance, state, Environment(db, effects, ct));
            var incidentsBefore = state.Incidents.Count;
            await act(executor);
            try
            {
                var result = await CommitAsync(db, instance, executor, effects, ticket, guard: null, ct);
                Observe(span, started, instance, effects, incidentsBefore, executor.State.Incidents.Count);
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

    // Activities whose execution ended in this step count once; one still waiting counts when it ends.
    private void Observe(Span? span, long started, WorkflowInstanceRecord instance, StepEffects effects, int incidentsBefore, int incidentsAfter) =>
        telemetry.StepCommitted(span, instance.DefinitionId, instance.Status.ToString(), Stopwatch.GetElapsedTime(started), batchSize: 1,
            effects.Journal.Values.Where(r => r.Status is not (ActivityStatus.Running or ActivityStatus.Suspended or ActivityStatus.Scheduled))
                .Select(r => (r.ActivityType, r.Status.ToString(), r.StartedAt, r.CompletedAt)),
            Math.Max(0, incidentsAfter - incidentsBefore));

    private async Task<WorkflowGraph> GraphOfAsync(WorkflowDbContext db, string versionId, CancellationToken ct)
    {
        if (graphs.TryGetForInstance(versionId, out var cached))
            return cached;
        var version = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == versionId, ct)
                      ?? throw new ConflictException("DEFINITION_VERSION_MISSING", $"Definition version '{versionId}' of this instance no longer exists.");
        return graphs.Get(version);
    }

    private StepEnvironment Environment(WorkflowDbContext db, StepEffects effects, CancellationToken ct) =>
        new(services, clock, evaluator, db, effects, ct) { Limits = options.Value };

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
            db.IdempotencyKeys.Add(ticket.Record(result, now));

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
            .Select(BookmarkInfo.From)
            .ToList();
        return new WorkflowRunResult(instance.Id, instance.DefinitionId, instance.DefinitionVersionId, instance.DefinitionVersion, instance.Status,
            instance.CorrelationId, bookmarks, state.Incidents.ToList(), (JsonObject)state.Output.DeepClone(), effects.Lines.ToList());
    }
}
