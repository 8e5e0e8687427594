using System.Data.Common;
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
public sealed partial class StepRunner(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkflowGraphCache graphs,
    ExpressionEvaluator evaluator,
    IServiceProvider services,
    TimeProvider clock,
    WorkSignals signals,
    InstanceLocks instanceLocks,
    StepStore store,
    GroupCommit groupCommit,
    InstanceSnapshots snapshots,
    IOptions<RuntimeOptions> options,
    EngineTelemetry telemetry,
    ILogger<StepRunner> logger)
{
    private const int MaxCommitAttempts = 5;

    internal async Task<WorkflowRunResult> StartAsync(StartWorkflowRequest request, IdempotencyTicket? ticket, bool runNow, CancellationToken ct,
        string? versionId = null, Func<WorkflowDbContext, Task<bool>>? guard = null, Func<WorkflowDbContext, WorkflowInstanceRecord, CancellationToken, Task>? prepare = null)
    {
        // The graph's definition carries the version's ids and number as stored; the name is the row's.
        var (graph, versionName) = await VersionToStartAsync(request, versionId, ct);
        if (request.TriggerActivityId is { } triggerId && !graph.TryGetActivity(triggerId, out _))
            throw new InvalidRequestException("UNKNOWN_TRIGGER_ACTIVITY", $"Activity '{triggerId}' is not part of workflow definition '{request.DefinitionId}'.");
        var mode = FlowchartModeOf(graph, request.Properties);

        var instanceId = string.IsNullOrWhiteSpace(request.InstanceId) ? Ids.New() : request.InstanceId.Trim();
        var started = Stopwatch.GetTimestamp();
        using var span = telemetry.StartStep("start", instanceId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var instanceLock = await instanceLocks.AcquireAsync(instanceId, db, ct);
        using var running = groupCommit.Running();
        ColumnLengths.Ensure<WorkflowInstanceRecord>(db, nameof(WorkflowInstanceRecord.Id), instanceId, "instanceId");
        ColumnLengths.Ensure<WorkflowInstanceRecord>(db, nameof(WorkflowInstanceRecord.CorrelationId), request.CorrelationId, "correlationId");
        ColumnLengths.Ensure<WorkflowInstanceRecord>(db, nameof(WorkflowInstanceRecord.Name), request.Name, "name");
        // A drawn id is new; one the caller chose may be taken.
        if (!string.IsNullOrWhiteSpace(request.InstanceId) && await store.ExistsAsync(db, instanceId, ct))
            throw new ConflictException("INSTANCE_EXISTS", $"Workflow instance '{instanceId}' already exists.");

        var now = clock.GetUtcNow();
        var instance = new WorkflowInstanceRecord
        {
            Id = instanceId,
            DefinitionId = graph.Definition.DefinitionId,
            DefinitionVersionId = graph.VersionId,
            DefinitionVersion = graph.Definition.Version,
            Name = request.Name ?? versionName,
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
        var properties = request.Properties?.DeepClone() as JsonObject ?? [];
        if (request.ParentInstanceId is { } parentId)
            properties["ParentInstanceId"] = parentId;
        if (runNow)
        {
            await executor.StartAsync(request.Input, request.TriggerActivityId, mode, properties);
        }
        else
        {
            await executor.PrepareStartAsync(request.Input, request.TriggerActivityId, mode, properties);
        }

        var created = new LoadedInstance(instance, [], IsNew: true);
        var result = await CommitAsync(db, created, executor, effects, ticket, guard, ct);
        Observe(span, started, created, effects, incidentsBefore: 0, executor.State.Incidents.Count);
        if (result.Status == WorkflowStatus.Running)
            signals.InstanceRunnable(instanceId);
        return result;
    }

    /// <summary>
    /// Resumes <paramref name="bookmark"/>; <paramref name="guard"/>, when given, runs in the step's transaction before it
    /// commits (a pending event marked delivered by the step that delivers it) and refuses the step when it answers false.
    /// </summary>
    internal Task<WorkflowRunResult> ResumeAsync(BookmarkRecord bookmark, JsonObject? input, IdempotencyTicket? ticket, CancellationToken ct,
        Func<WorkflowDbContext, Task<bool>>? guard = null, WorkflowDbContext? context = null)
    {
        if (bookmark.Status != BookmarkStatus.Active)
            throw Spent(bookmark);
        return StepAsync(bookmark.InstanceId, ticket, ct, guard: guard, refuseHeld: true, context: context, act: async executor =>
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

    /// <summary>
    /// The compiled graph of the version a start runs, and the version's name. The version is looked up without its JSON
    /// first; only one not compiled yet (or changed since, a draft saved again) is read whole.
    /// </summary>
    private async Task<(WorkflowGraph Graph, string? Name)> VersionToStartAsync(StartWorkflowRequest request, string? versionId, CancellationToken ct)
    {
        var versions = request.Versions ?? VersionOptions.Published;
        WorkflowDefinitionRecord version;
        // One connection throughout: a start that took a second one while holding this could wait on the pool forever
        // once every pooled connection is held by such a start.
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            if (versionId is null)
            {
                var head = await DefinitionService.FindHeadAsync(read, request.DefinitionId, versions, ct)
                           ?? throw new NotFoundException($"Workflow definition '{request.DefinitionId}' has no {versions.ToString().ToLowerInvariant()} version.", "DEFINITION_NOT_FOUND");
                if (graphs.TryGet(head.Id, head.Revision, out var compiled))
                    return (compiled, head.Name);
                versionId = head.Id;
            }

            version = await read.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == versionId, ct)
                      ?? throw new NotFoundException($"Workflow definition version '{versionId}' does not exist.", "DEFINITION_NOT_FOUND");
        }

        return (await graphs.GetAsync(version, ct), version.Name);
    }

    /// <summary>
    /// The run's flowchart mode; refused when the run or definition asks for counter-based flow while an activity sets a
    /// merge mode, which only token flow honours (it would otherwise be silently ignored, as Elsa's counter flow does).
    /// </summary>
    private FlowchartExecutionMode FlowchartModeOf(WorkflowGraph graph, JsonObject? properties)
    {
        if (FlowchartModes.IsInvalid(properties?[FlowchartModes.PropertyKey]))
            throw new InvalidRequestException("EXECUTION_MODE_INVALID",
                $"Property '{FlowchartModes.PropertyKey}' must be TokenBased, CounterBased or Default, not {properties![FlowchartModes.PropertyKey]!.ToJsonString()}.");
        var mode = FlowchartModes.Resolve(graph.Definition, properties, options.Value.FlowchartExecutionMode, graph.FirstMergeMode);
        if (mode == FlowchartExecutionMode.CounterBased && graph.FirstMergeMode is { } merge)
            throw new InvalidRequestException("MERGE_MODE_NEEDS_TOKEN_FLOW",
                $"Activity '{merge.Node.Id}' ({merge.Node.Type}) sets customProperties.mergeMode '{merge.Value}', which only token-based flowcharts honour; this run is counter-based. Run it with '{FlowchartModes.PropertyKey}' TokenBased (or leave the mode unset).");
        return mode;
    }

    /// <summary>
    /// Moves an instance to another version of its definition (Elsa's Migrate alteration): refused when the instance runs
    /// or waits in activities that version lacks, since they would be stranded there.
    /// </summary>
    internal async Task<string> MigrateAsync(string instanceId, int targetVersion, string by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var instanceLock = await instanceLocks.AcquireAsync(instanceId, db, ct);
        var loaded = await LoadAsync(db, instanceId, ct);
        var instance = loaded.Instance;
        var target = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == instance.DefinitionId && d.Version == targetVersion, ct)
                     ?? throw new Alterations.AlterationFailedException($"Workflow definition with ID {instance.DefinitionId} and version {targetVersion} not found");
        var graph = await graphs.GetAsync(target, ct);
        var state = JsonSerializer.Deserialize<WorkflowState>(instance.State, WorkflowJson.Options) ?? new WorkflowState();
        if (WorkflowExecutor.MissingIn(state, graph) is { Count: > 0 } missing)
            throw new Alterations.AlterationFailedException(
                $"Version {targetVersion} of {instance.DefinitionId} lacks activities the instance runs or waits in: {string.Join(", ", missing)}.");

        var from = instance.DefinitionVersion;
        instance.DefinitionVersionId = target.Id;
        instance.DefinitionVersion = target.Version;
        var effects = new StepEffects();
        var executor = new WorkflowExecutor(graph, instance, state, Environment(db, effects, ct));
        executor.LogMigration(from, targetVersion, by);
        await CommitAsync(db, loaded, executor, effects, ticket: null, guard: null, ct);
        return $"Migrated from version {from} to version {targetVersion}.";
    }

    private static ConflictException Spent(BookmarkRecord bookmark) =>
        new("BOOKMARK_SPENT", $"Bookmark '{bookmark.Id}' ({bookmark.Name}) of instance '{bookmark.InstanceId}' was already resumed or cancelled.");

    /// <summary>
    /// Loads the instance, lets <paramref name="act"/> drive the executor, commits; retries on a concurrent commit. The
    /// step runs on <paramref name="context"/> when the caller has one open (it stays the caller's to dispose).
    /// </summary>
    internal async Task<WorkflowRunResult> StepAsync(string instanceId, IdempotencyTicket? ticket, CancellationToken ct, Func<WorkflowExecutor, Task> act, bool refuseHeld = false,
        Func<WorkflowDbContext, Task<bool>>? guard = null, WorkflowDbContext? context = null)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = telemetry.StartStep("resume", instanceId);
        // Every attempt runs on one unit of work, whose connection carries the instance lock on PostgreSQL; it outlives the lock.
        await using var owned = context is null ? await dbFactory.CreateDbContextAsync(ct) : null;
        var db = owned ?? context!;
        await using var instanceLock = await instanceLocks.AcquireAsync(instanceId, db, ct);
        using var running = groupCommit.Running();
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
                db.ChangeTracker.Clear();
            var (loaded, state) = attempt == 1 && await SnapshotAsync(db, instanceId, ct) is { } snapshot
                ? snapshot
                : await LoadWithStateAsync(db, instanceId, ct);
            var instance = loaded.Instance;
            // A held instance takes no resume and runs no work until it is let go (a cancellation still may end it).
            if (refuseHeld && instance.HeldAt is not null)
                throw new ConflictException(InstanceHolds.HeldCode, $"Workflow instance '{instanceId}' is held; it resumes when it is let go.");

            var graph = await GraphOfAsync(db, instance.DefinitionVersionId, ct);
            var effects = new StepEffects();
            var executor = new WorkflowExecutor(graph, instance, state, Environment(db, effects, ct));
            var incidentsBefore = state.Incidents.Count;
            await act(executor);
            try
            {
                var result = await CommitAsync(db, loaded, executor, effects, ticket, guard, ct);
                Observe(span, started, loaded, effects, incidentsBefore, executor.State.Incidents.Count);
                if (result.Status == WorkflowStatus.Running)
                    signals.InstanceRunnable(instanceId);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxCommitAttempts)
            {
                LogStepRetry(instanceId, attempt);
            }
        }
    }

    // Activities whose execution ended in this step count once; one still waiting counts when it ends.
    private void Observe(Span? span, long started, LoadedInstance loaded, StepEffects effects, int incidentsBefore, int incidentsAfter) =>
        telemetry.StepCommitted(span, loaded.Instance.DefinitionId, loaded.Instance.Status.ToString(), Stopwatch.GetElapsedTime(started), loaded.BatchSize,
            effects.Journal.Values.Where(r => r.Status is not (ActivityStatus.Running or ActivityStatus.Suspended or ActivityStatus.Scheduled))
                .Select(r => (r.ActivityType, r.Status.ToString(), r.StartedAt, r.CompletedAt)),
            Math.Max(0, incidentsAfter - incidentsBefore));

    private async Task<WorkflowGraph> GraphOfAsync(WorkflowDbContext db, string versionId, CancellationToken ct)
    {
        if (graphs.TryGetForInstance(versionId, out var cached))
            return cached;
        var version = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == versionId, ct)
                      ?? throw new ConflictException("DEFINITION_VERSION_MISSING", $"Definition version '{versionId}' of this instance no longer exists.");
        return await graphs.GetAsync(version, ct);
    }

    /// <summary>
    /// The instance as this process's last committed step of it left it, when nobody has committed a step of it since:
    /// its revision in the database, read under the instance lock, is the snapshot's.
    /// </summary>
    private async Task<(LoadedInstance Loaded, WorkflowState State)?> SnapshotAsync(WorkflowDbContext db, string instanceId, CancellationToken ct)
    {
        if (!snapshots.TryTake(instanceId, out var snapshot) || await store.RevisionAsync(db, instanceId, ct) != snapshot.Instance.Revision)
            return null;
        snapshots.CountUse();
        return (Stepping(db, snapshot.Instance, snapshot.ActiveBookmarks), snapshot.State);
    }

    private async Task<(LoadedInstance Loaded, WorkflowState State)> LoadWithStateAsync(WorkflowDbContext db, string instanceId, CancellationToken ct)
    {
        var loaded = await LoadAsync(db, instanceId, ct);
        return (loaded, JsonSerializer.Deserialize<WorkflowState>(loaded.Instance.State, WorkflowJson.Options) ?? new WorkflowState());
    }

    private StepEnvironment Environment(WorkflowDbContext db, StepEffects effects, CancellationToken ct) =>
        new(services, clock, evaluator, db, effects, ct) { Limits = options.Value };

    /// <summary>
    /// The instance with its active bookmarks, read in one round trip. The step's unit of work knows it as the instance
    /// it steps, so a module that holds or lets go of the instance in the step (a hold released by a task) changes this
    /// same record, which the step then writes.
    /// </summary>
    private async Task<LoadedInstance> LoadAsync(WorkflowDbContext db, string instanceId, CancellationToken ct)
    {
        var (instance, active) = await store.LoadAsync(db, instanceId, ct)
                                 ?? throw new NotFoundException($"Workflow instance '{instanceId}' does not exist.", "INSTANCE_NOT_FOUND");
        return Stepping(db, instance, active);
    }

    /// <summary>The instance a step runs, made known to its unit of work as the one it steps.</summary>
    private static LoadedInstance Stepping(WorkflowDbContext db, WorkflowInstanceRecord instance, List<BookmarkRecord> active)
    {
        db.SteppingInstance = instance;
        return new LoadedInstance(instance, active, IsNew: false);
    }

    private async Task<WorkflowRunResult> CommitAsync(WorkflowDbContext db, LoadedInstance loaded, WorkflowExecutor executor, StepEffects effects,
        IdempotencyTicket? ticket, Func<WorkflowDbContext, Task<bool>>? guard, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var state = executor.State;
        var instance = loaded.Instance;
        var finishes = executor.Status == WorkflowStatus.Finished && (loaded.IsNew || loaded.ReadStatus != WorkflowStatus.Finished);
        instance.Status = executor.Status;
        instance.State = JsonSerializer.Serialize(state, WorkflowJson.Options);
        instance.UpdatedAt = now;
        instance.IncidentCount = state.Incidents.Count;
        if (executor.Status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled)
            instance.FinishedAt ??= now;
        if (!loaded.IsNew)
            instance.Revision++;
        if (finishes && ParentWakeUp(instance, state, now) is { } wakeUp)
            effects.PublishedEvents.Add(wakeUp);

        var activeAfter = ActiveAfter(loaded.ActiveBookmarks, effects);
        var result = Result(instance, activeAfter, effects, state);
        var answer = ticket?.Record(result, now);

        // The step's rows, in the transaction <paramref name="sql"/> holds on <paramref name="target"/>'s connection (the
        // step's own, or one shared with other steps by group commit); EF Core joins it only for the guard and the modules' rows.
        async Task WriteStepAsync(StepSql sql, WorkflowDbContext target)
        {
            if (guard is not null && !await guard(await sql.EnlistAsync(target, ct)))
                throw new ConflictException("GUARD_FAILED", "Another node did this work first.");
            await WriteAsync(sql, loaded, effects, answer, now, ct);
            db.SteppingInstance = null;
            await GroupCommit.SaveTrackedAsync(db, sql, target, ct);
        }

        loaded.BatchSize = await groupCommit.CommitAsync(db, WriteStepAsync);
        snapshots.Keep(instance, activeAfter, state);

        if (effects.NewBookmarks.Any(b => b.DueAt is not null))
            signals.TimerArmed();
        if (effects.PublishedEvents.Count > 0)
            signals.EventQueued();
        // Per step, so at Debug: the lines are in the instance's journal too.
        foreach (var line in effects.Lines)
            LogLine(instance.Id, line);
        return result;
    }

    /// <summary>The engine's rows of the step, in its transaction; refuses a spent bookmark and a changed instance.</summary>
    private static async Task WriteAsync(StepSql sql, LoadedInstance loaded, StepEffects effects, IdempotencyRecord? answer, DateTimeOffset now, CancellationToken ct)
    {
        var instance = loaded.Instance;
        if (effects.ConsumedBookmarkId is { } consumed && !await StepWrites.ConsumeBookmarkAsync(sql, consumed, now, ct))
            throw new ConflictException("BOOKMARK_SPENT", $"Bookmark '{consumed}' of instance '{instance.Id}' was already resumed or cancelled.");
        await StepWrites.CancelBookmarksAsync(sql, effects.ClosedBookmarkIds, now, ct);
        if (loaded.IsNew)
            await StepWrites.InsertInstanceAsync(sql, instance, ct);
        else if (!await StepWrites.UpdateInstanceAsync(sql, instance, loaded.ReadRevision, ct))
            throw new DbUpdateConcurrencyException($"Workflow instance '{instance.Id}' changed since this step read it.");
        await StepWrites.InsertBookmarksAsync(sql, effects.NewBookmarks, ct);
        // Records of executions that started in an earlier step exist: they are updated without being read first.
        await StepWrites.InsertJournalAsync(sql, effects.Journal.Values.Where(r => effects.NewJournalIds.Contains(r.Id)).ToList(), ct);
        await StepWrites.UpdateJournalAsync(sql, effects.Journal.Values.Where(r => !effects.NewJournalIds.Contains(r.Id)).ToList(), ct);
        await StepWrites.InsertLogAsync(sql, effects.Log, ct);
        await StepWrites.InsertEventsAsync(sql, effects.PublishedEvents, ct);
        if (answer is null)
            return;
        try
        {
            await StepWrites.InsertIdempotencyAsync(sql, answer, ct);
        }
        catch (DbException ex) when (StepSql.IsUniqueViolation(ex))
        {
            // The same idempotency key committed in another process a moment ago.
            throw new ConcurrentIdempotentCommandException(answer.Key, ex);
        }
    }

    /// <summary>
    /// A child that its parent waits for (ExecuteWorkflow, DispatchWorkflow) wakes the parent when it finishes: a local
    /// event, written in the child's finishing transaction, that carries its output to the parent's bookmark.
    /// </summary>
    private static PendingEventRecord? ParentWakeUp(WorkflowInstanceRecord instance, WorkflowState state, DateTimeOffset now)
    {
        if (state.Properties[ChildWorkflows.WaitForCompletionProperty] is not JsonValue wait || !wait.TryGetValue<bool>(out var waits) || !waits
            || state.Properties[ChildWorkflows.ParentInstanceIdProperty] is not JsonValue parent || !parent.TryGetValue<string>(out var parentId))
            return null;
        return new PendingEventRecord
        {
            Id = Ids.New(),
            EventName = ChildWorkflows.CompletedEventName(instance.Id),
            InstanceId = parentId,
            Payload = state.Output.ToJsonString(),
            CreatedAt = now,
        };
    }

    /// <summary>Where an instance stands now, as a command's answer (for a child started by a step that is being retried).</summary>
    internal async Task<WorkflowRunResult> ResultOfAsync(string instanceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (instance, active) = await store.LoadAsync(db, instanceId, ct)
                                 ?? throw new NotFoundException($"Workflow instance '{instanceId}' does not exist.", "INSTANCE_NOT_FOUND");
        var state = JsonSerializer.Deserialize<WorkflowState>(instance.State, WorkflowJson.Options) ?? new WorkflowState();
        return Result(instance, active, new StepEffects(), state);
    }

    /// <summary>
    /// The answer: the instance with the bookmarks active once the step has committed, and what the step wrote. It holds
    /// copies of the state's parts: the state object itself may serve the instance's next step (<see cref="InstanceSnapshots"/>).
    /// </summary>
    private static WorkflowRunResult Result(WorkflowInstanceRecord instance, List<BookmarkRecord> active, StepEffects effects, WorkflowState state)
    {
        var bookmarks = active.ConvertAll(BookmarkInfo.From);
        return new WorkflowRunResult(instance.Id, instance.DefinitionId, instance.DefinitionVersionId, instance.DefinitionVersion, instance.Status,
            instance.CorrelationId, bookmarks, state.Incidents.ConvertAll(i => i with { }), (JsonObject)state.Output.DeepClone(), effects.Lines.ToList());
    }

    /// <summary>The instance's active bookmarks once the step has committed: those it read, less the spent, plus the new.</summary>
    private static List<BookmarkRecord> ActiveAfter(List<BookmarkRecord> active, StepEffects effects) =>
        active.Where(b => b.Id != effects.ConsumedBookmarkId && !effects.ClosedBookmarkIds.Contains(b.Id)).Concat(effects.NewBookmarks).ToList();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} changed under step attempt {Attempt}; retrying")]
    private partial void LogStepRetry(string instanceId, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "[{InstanceId}] {Line}")]
    private partial void LogLine(string instanceId, string line);
}
