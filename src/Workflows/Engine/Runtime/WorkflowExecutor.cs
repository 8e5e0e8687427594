using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Runs one instance of one definition version in memory until every branch waits or the flowchart ends.
/// Flowchart semantics follow Elsa 3's counter-based mode: a connection is visited when its source completes,
/// followed when the source took that port; an activity with several inbound connections waits until all are
/// visited and runs if any was followed (FlowJoin: WaitAll needs all followed, WaitAny runs on the first and
/// cancels the other inbound branches); an activity none of whose inbound connections was followed is skipped,
/// and the skip flows on so that downstream joins resolve; loop-back connections schedule their target directly.
/// </summary>
public sealed partial class WorkflowExecutor : IExpressionScope
{
    internal const string RetryBookmarkName = "ExportTaxCheck.Retry";
    private const string TriggerConsumedProperty = "triggerConsumed";

    private readonly WorkflowInstanceRecord _instance;
    private readonly WorkflowState _state;
    private object? _lastResult;

    public WorkflowExecutor(WorkflowGraph graph, WorkflowInstanceRecord instance, WorkflowState state, StepEnvironment environment)
    {
        Graph = graph;
        _instance = instance;
        _state = state;
        Environment = environment;
        Status = instance.Status;
    }

    public WorkflowGraph Graph { get; }
    public StepEnvironment Environment { get; }
    public WorkflowStatus Status { get; private set; }
    public WorkflowState State => _state;

    private DateTimeOffset Now => Environment.Clock.GetUtcNow();

    private bool IsTerminal => Status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled;

    /// <summary>Starts the instance: the root flowchart runs from its start activity (or the trigger that started it).</summary>
    public async Task StartAsync(JsonObject? input, string? triggerActivityId)
    {
        await PrepareStartAsync(input, triggerActivityId);
        await RunQueueAsync();
    }

    /// <summary>Schedules the root flowchart without running it (dispatch: a worker runs it after the commit).</summary>
    public Task PrepareStartAsync(JsonObject? input, string? triggerActivityId)
    {
        _state.Input = input ?? [];
        _state.TriggerActivityId = triggerActivityId;
        foreach (var variable in Graph.Definition.Variables ?? [])
        {
            var initial = variable.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0 ? null : variable.Value?.DeepClone();
            _state.Variables[variable.Name] = TypedInitialValue(variable, initial);
        }

        var root = Schedule(Graph.Root.Id, scopeId: null, backward: false);
        _state.RootExecutionId = root.Id;
        Status = WorkflowStatus.Running;
        return Task.CompletedTask;
    }

    /// <summary>Runs what is scheduled (a dispatched start, or work a crash left behind).</summary>
    public async Task ContinueAsync()
    {
        // Executions that were running when the process stopped never finished: run them again (at least once).
        foreach (var execution in _state.Executions.Values.Where(e => e.Status == ActivityStatus.Running).ToList())
        {
            execution.Status = ActivityStatus.Scheduled;
            if (!_state.Queue.Contains(execution.Id))
                _state.Queue.Insert(0, execution.Id);
        }

        await RunQueueAsync();
    }

    /// <summary>Resumes the execution that owns the bookmark, then runs on.</summary>
    public async Task ResumeAsync(BookmarkRecord bookmark, JsonObject? input)
    {
        if (!_state.Executions.TryGetValue(bookmark.ActivityExecutionId, out var execution) || execution.Status != ActivityStatus.Suspended)
            throw new BookmarkNotWaitingException(bookmark.Id);

        Environment.Effects.ConsumedBookmarkId = bookmark.Id;
        execution.BookmarkIds.Remove(bookmark.Id);

        if (bookmark.Name == RetryBookmarkName)
        {
            execution.RetryBookmarkId = null;
            execution.Attempt++;
            execution.Status = ActivityStatus.Scheduled;
            _state.Queue.Insert(0, execution.Id);
            Status = WorkflowStatus.Running;
            await RunQueueAsync();
            return;
        }

        var activity = Graph.GetActivity(execution.ActivityId);
        var payload = bookmark.Payload is null ? new JsonObject() : JsonNode.Parse(bookmark.Payload) as JsonObject ?? [];
        var context = new ActivityContext(this, execution, activity, new BookmarkResumption(bookmark.Id, bookmark.Name, payload, input ?? []));
        execution.Status = ActivityStatus.Running;
        Status = WorkflowStatus.Running;
        ActivityResult result;
        try
        {
            result = await activity.ResumeAsync(context);
        }
        // A refusal of what the caller sent (wrong outcome, invalid form) goes back to the caller; nothing is committed.
        catch (Exception ex) when (ex is not OperationCanceledException and not ProblemException)
        {
            await FaultAsync(execution, context, ex);
            await RunQueueAsync();
            return;
        }

        await HandleResultAsync(execution, context, result);
        await RunQueueAsync();
    }

    /// <summary>Cancels the instance: every waiting activity is cancelled and its bookmarks closed.</summary>
    public async Task CancelAsync()
    {
        await CancelAllAsync(except: null);
        Status = WorkflowStatus.Cancelled;
    }

    private async Task RunQueueAsync()
    {
        var budget = Environment.MaxActivitiesPerStep;
        if (_state.Queue.Count > 0 && !IsTerminal && !CountStep())
            await StopOverQuotaAsync(_state.Queue[0], "StepRateExceeded",
                $"The instance ran more than {Environment.Limits.MaxStepsPerMinute} steps within a minute (Runtime:MaxStepsPerMinute).");
        while (_state.Queue.Count > 0 && !IsTerminal)
        {
            Environment.CancellationToken.ThrowIfCancellationRequested();
            var id = _state.Queue[0];
            _state.Queue.RemoveAt(0);
            if (!_state.Executions.TryGetValue(id, out var execution) || execution.Status != ActivityStatus.Scheduled)
                continue;

            if (--budget < 0)
            {
                await FaultAsync(execution, null, new ActivityFaultException("StepBudgetExceeded",
                    $"More than {Environment.MaxActivitiesPerStep} activities ran in one step without waiting; the flow probably loops without end.", retryable: false));
                break;
            }

            await ExecuteAsync(execution);
        }

        if (!IsTerminal)
            Status = _state.Queue.Count > 0 ? WorkflowStatus.Running
                : _state.Executions.Count > 0 ? WorkflowStatus.Suspended
                : WorkflowStatus.Finished;
    }

    private async Task ExecuteAsync(ActivityExecution execution)
    {
        if (JournalFull)
        {
            await StopOverQuotaAsync(execution.Id, "JournalQuotaExceeded",
                $"The instance wrote {_state.JournalRecords} journal records (Runtime:MaxJournalRecords); activity '{execution.ActivityId}' was not run.");
            return;
        }

        var activity = Graph.GetActivity(execution.ActivityId);
        execution.Status = ActivityStatus.Running;
        execution.StartedAt = Now;
        execution.Sequence = ++_state.Sequence;
        Journal(execution, ActivityStatus.Running, null, null);

        if (activity.Node.IsContainer)
        {
            await StartContainerAsync(execution, activity.Node);
            return;
        }

        var context = new ActivityContext(this, execution, activity, resumption: null);
        ActivityResult result;
        try
        {
            result = await activity.ExecuteAsync(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FaultAsync(execution, context, ex);
            return;
        }

        await HandleResultAsync(execution, context, result);
    }

    private async Task StartContainerAsync(ActivityExecution execution, ActivityNode container)
    {
        var flowchart = Graph.GetFlowchart(container.Id);
        var start = flowchart.FindStart(_state.TriggerActivityId);
        if (start is null)
        {
            await CompleteAsync(execution, null, ["Done"]);
            return;
        }

        _state.Scopes[execution.Id] = new FlowScope { StartActivityId = start.Id };
        Schedule(start.Id, execution.Id, backward: false);
    }

    private async Task HandleResultAsync(ActivityExecution execution, ActivityContext context, ActivityResult result)
    {
        switch (result)
        {
            case ActivityResult.Completed completed:
                await CompleteAsync(execution, context, completed.Outcomes);
                break;
            case ActivityResult.SuspendedResult:
                if (execution.BookmarkIds.Count == 0)
                {
                    await FaultAsync(execution, context, new ActivityFaultException("NoBookmark", $"Activity '{execution.ActivityId}' suspended without creating a bookmark.", retryable: false));
                    return;
                }
                execution.Status = ActivityStatus.Suspended;
                Journal(execution, ActivityStatus.Suspended, context, null);
                break;
            case ActivityResult.CompleteContainer:
                var scopeId = execution.ScopeId;
                await CompleteAsync(execution, context, [], notifyParent: false);
                if (scopeId is not null && _state.Executions.TryGetValue(scopeId, out var container))
                {
                    await CancelChildrenAsync(container.Id);
                    await CompleteAsync(container, null, ["Done"]);
                }
                break;
            case ActivityResult.CompleteWorkflow:
                await CompleteAsync(execution, context, [], notifyParent: false);
                await CancelAllAsync(except: null);
                Status = WorkflowStatus.Finished;
                break;
        }
    }

    private async Task CompleteAsync(ActivityExecution execution, ActivityContext? context, IReadOnlyList<string> outcomes, bool notifyParent = true)
    {
        execution.Status = ActivityStatus.Completed;
        CloseBookmarks(execution);
        _state.Executions.Remove(execution.Id);
        _state.Scopes.Remove(execution.Id);
        Journal(execution, ActivityStatus.Completed, context, outcomes);

        if (execution.ScopeId is null)
        {
            // The root flowchart is done: so is the workflow.
            Status = WorkflowStatus.Finished;
            return;
        }

        if (notifyParent)
            await OnChildCompletedAsync(execution, outcomes);
    }

    private async Task OnChildCompletedAsync(ActivityExecution child, IReadOnlyList<string> outcomes)
    {
        if (IsTerminal || child.ScopeId is null || !_state.Executions.TryGetValue(child.ScopeId, out var container))
            return;

        var scheduled = await ScheduleOutboundAsync(container, child.ActivityId, outcomes, child.Backward);
        if (!scheduled)
            await CompleteContainerIfIdleAsync(container);
    }

    private async Task CompleteContainerIfIdleAsync(ActivityExecution container)
    {
        if (!IsTerminal && _state.Executions.ContainsKey(container.Id) && !HasPendingWork(container.Id))
            await CompleteAsync(container, null, ["Done"]);
    }

    private bool HasPendingWork(string scopeId) => _state.Executions.Values.Any(e => e.ScopeId == scopeId);

    private async Task CancelExecutionAsync(ActivityExecution execution)
    {
        if (_state.Scopes.ContainsKey(execution.Id))
            await CancelChildrenAsync(execution.Id);

        if (execution.Status is ActivityStatus.Suspended or ActivityStatus.Running && Graph.TryGetActivity(execution.ActivityId, out var activity))
            await activity.OnCancelledAsync(new ActivityContext(this, execution, activity, resumption: null));

        var wasStarted = execution.Status != ActivityStatus.Scheduled;
        execution.Status = ActivityStatus.Cancelled;
        CloseBookmarks(execution);
        _state.Queue.Remove(execution.Id);
        _state.Executions.Remove(execution.Id);
        _state.Scopes.Remove(execution.Id);
        if (wasStarted)
            Journal(execution, ActivityStatus.Cancelled, null, null);
    }

    private async Task FaultAsync(ActivityExecution execution, ActivityContext? context, Exception exception)
    {
        var activity = Graph.GetActivity(execution.ActivityId);
        var policy = RetryPolicies.For(activity);
        var retryable = exception is not ExpressionException and not ActivityFaultException { Retryable: false } and not ActivityBindingException;
        Journal(execution, ActivityStatus.Faulted, context, null, exception);

        foreach (var bookmarkId in execution.BookmarkIds)
            Environment.Effects.CloseBookmark(bookmarkId);
        execution.BookmarkIds.Clear();

        if (retryable && execution.Attempt < policy.MaxAttempts)
        {
            var delay = policy.DelayBeforeAttempt(execution.Attempt + 1);
            var retryId = CreateBookmark(execution, new BookmarkRequest(RetryBookmarkName,
                new JsonObject { ["executionId"] = execution.Id, ["attempt"] = execution.Attempt + 1 },
                new JsonObject { ["error"] = exception.Message }, Now + delay));
            execution.RetryBookmarkId = retryId;
            execution.Status = ActivityStatus.Suspended;
            return;
        }

        // An activity may turn a spent retry budget into an outcome of its own (a remote call's Unavailable port).
        if (retryable && context is not null && activity is IRetriesExhaustedHandler handler
            && await handler.OnRetriesExhaustedAsync(context, exception) is { } fallback)
        {
            execution.Status = ActivityStatus.Running;
            await HandleResultAsync(execution, context, fallback);
            return;
        }

        _state.Incidents.Add(new Incident
        {
            ActivityId = execution.ActivityId,
            ActivityType = execution.ActivityType,
            ActivityExecutionId = execution.Id,
            Message = exception.Message,
            Code = (exception as ActivityFaultException)?.Code,
            ExceptionType = exception.GetType().Name,
            StackTrace = exception is ActivityFaultException ? null : exception.StackTrace,
            Attempts = execution.Attempt,
            Timestamp = Now,
        });

        if (ContinuesOnIncident())
        {
            execution.Status = ActivityStatus.Faulted;
            _state.Executions.Remove(execution.Id);
            _state.Scopes.Remove(execution.Id);
            if (execution.ScopeId is not null && _state.Executions.TryGetValue(execution.ScopeId, out var container))
                await CompleteContainerIfIdleAsync(container);
            else if (execution.ScopeId is null)
                Status = WorkflowStatus.Faulted;
            return;
        }

        execution.Status = ActivityStatus.Faulted;
        _state.Executions.Remove(execution.Id);
        await CancelAllAsync(except: null);
        Status = WorkflowStatus.Faulted;
    }

    private bool ContinuesOnIncident() =>
        Graph.Definition.Options?["incidentStrategyType"] is JsonValue v && v.TryGetValue<string>(out var type)
        && type.Contains("Continue", StringComparison.OrdinalIgnoreCase);

    private ActivityExecution Schedule(string activityId, string? scopeId, bool backward)
    {
        var activity = Graph.GetActivity(activityId);
        var execution = new ActivityExecution
        {
            Id = Ids.New(),
            ActivityId = activityId,
            ActivityType = activity.Node.Type,
            ScopeId = scopeId,
            Status = ActivityStatus.Scheduled,
            Backward = backward,
            ScheduledAt = Now,
        };
        _state.Executions[execution.Id] = execution;
        _state.Queue.Add(execution.Id);
        return execution;
    }

    internal string CreateBookmark(ActivityExecution execution, BookmarkRequest request)
    {
        var id = Ids.New();
        Environment.Effects.NewBookmarks.Add(new BookmarkRecord
        {
            Id = id,
            InstanceId = InstanceId,
            ActivityExecutionId = execution.Id,
            ActivityId = execution.ActivityId,
            Name = request.Name,
            Hash = BookmarkHash.Compute(request.Kind ?? request.Name, request.Stimulus),
            CorrelationId = request.CorrelationId ?? CorrelationId,
            Payload = request.Payload?.ToJsonString(),
            DueAt = request.DueAt,
            CreatedAt = Now,
            Status = BookmarkStatus.Active,
        });
        execution.BookmarkIds.Add(id);
        return id;
    }

    private void CloseBookmarks(ActivityExecution execution)
    {
        foreach (var id in execution.BookmarkIds)
            Environment.Effects.CloseBookmark(id);
        execution.BookmarkIds.Clear();
        if (execution.RetryBookmarkId is { } retry)
            Environment.Effects.CloseBookmark(retry);
        execution.RetryBookmarkId = null;
    }

    internal ActivityNode? ParentFlowchartOf(ActivityExecution execution) =>
        execution.ScopeId is not null && _state.Executions.TryGetValue(execution.ScopeId, out var container)
            ? Graph.GetActivity(container.ActivityId).Node
            : null;

    internal bool IsTriggerOfWorkflow(ActivityExecution execution)
    {
        if (_state.TriggerActivityId != execution.ActivityId || _state.Properties.ContainsKey(TriggerConsumedProperty))
            return false;
        _state.Properties[TriggerConsumedProperty] = true;
        return true;
    }
}
