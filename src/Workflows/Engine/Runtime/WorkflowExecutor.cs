using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Flow;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Runs one instance of one definition version in memory until every branch waits or the workflow ends, the way Elsa 3
/// runs it: the root activity is scheduled, an activity either completes (taking ports), waits on bookmarks, or stays
/// running while the children it scheduled run (a flowchart, a loop, a sequence, a workflow used as an activity); a
/// child's completion is handed to its parent. Flowcharts run counter-based (Elsa's default) or token-based with merge
/// modes, as the run selects (<see cref="FlowchartExecutionMode"/>).
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

    /// <summary>Starts the instance: the root activity runs (a flowchart from its start activity, or the trigger that started it).</summary>
    public async Task StartAsync(JsonObject? input, string? triggerActivityId, FlowchartExecutionMode mode = FlowchartExecutionMode.CounterBased, JsonObject? properties = null)
    {
        await PrepareStartAsync(input, triggerActivityId, mode, properties);
        await RunQueueAsync();
    }

    /// <summary>Schedules the root activity without running it (dispatch: a worker runs it after the commit).</summary>
    public Task PrepareStartAsync(JsonObject? input, string? triggerActivityId, FlowchartExecutionMode mode = FlowchartExecutionMode.CounterBased, JsonObject? properties = null)
    {
        _state.Input = input ?? [];
        _state.TriggerActivityId = triggerActivityId;
        foreach (var (key, value) in properties ?? [])
            _state.Properties[key] = value?.DeepClone();
        // The mode is the run's, fixed at its start and kept with the instance, as Elsa keeps it in the workflow state.
        _state.Properties[FlowchartModes.PropertyKey] = mode.ToString();
        foreach (var variable in Graph.Definition.Variables ?? [])
            _state.Variables[variable.Name] = TypedInitialValue(variable, InitialValueOf(variable));

        var root = Schedule(Graph.RootActivity, scopeId: null, backward: false);
        _state.RootExecutionId = root.Id;
        Status = WorkflowStatus.Running;
        return Task.CompletedTask;
    }

    /// <summary>Runs what is scheduled (a dispatched start, or work a crash left behind).</summary>
    public async Task ContinueAsync()
    {
        // Executions that were running when the process stopped never finished: run them again (at least once). A
        // composite that waits for its children is running too, but its children are what is left to do.
        foreach (var execution in _state.Executions.Values.Where(e => e.Status == ActivityStatus.Running && !e.IsComposite).ToList())
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

        var activity = Graph.Resolve(execution);
        var payload = bookmark.Payload is null ? new JsonObject() : JsonNode.Parse(bookmark.Payload) as JsonObject ?? [];
        var context = new ActivityContext(this, execution, activity, new BookmarkResumption(bookmark.Id, bookmark.Name, payload, input ?? []));
        execution.Status = ActivityStatus.Running;
        Status = WorkflowStatus.Running;
        Log(execution, "Resumed", payload: new JsonObject { ["bookmark"] = bookmark.Name });
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
        await CancelAllAsync();
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

        var activity = Graph.Resolve(execution);
        execution.Status = ActivityStatus.Running;
        execution.StartedAt = Now;
        execution.Sequence = ++_state.Sequence;
        DeclareNodeVariables(execution, activity.Node);
        Journal(execution, ActivityStatus.Running, null, null);
        Log(execution, "Started");

        if (activity is Flowchart)
        {
            execution.IsComposite = true;
            await StartFlowchartAsync(execution, activity);
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

    private ActivityExecution Schedule(Activity activity, string? scopeId, bool backward, string? tag = null, JsonObject? variables = null)
    {
        var execution = new ActivityExecution
        {
            Id = Ids.New(),
            ActivityId = activity.Id,
            NodeId = activity.NodeId,
            ActivityType = activity.Node.Type,
            ScopeId = scopeId,
            Status = ActivityStatus.Scheduled,
            Backward = backward,
            ScheduledAt = Now,
            Tag = tag,
            // Parsed from text, so that every value reads as JSON does after the state is stored (an int as any number).
            Variables = variables is null ? null : JsonNode.Parse(variables.ToJsonString()) as JsonObject,
        };
        _state.Executions[execution.Id] = execution;
        _state.Queue.Add(execution.Id);
        return execution;
    }

    /// <summary>Schedules a child of <paramref name="parent"/> (the body of a loop, the next step of a sequence); it runs after what is queued.</summary>
    internal ActivityExecution ScheduleChild(ActivityExecution parent, ActivityNode child, string? tag, JsonObject? variables)
    {
        parent.IsComposite = true;
        var activity = Graph.ChildOf(Graph.Resolve(parent).NodeId, child);
        return Schedule(activity, parent.Id, backward: false, tag, variables);
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

    internal ActivityExecution? ParentOf(ActivityExecution execution) =>
        execution.ScopeId is not null && _state.Executions.TryGetValue(execution.ScopeId, out var parent) ? parent : null;

    internal ActivityNode? ParentFlowchartOf(ActivityExecution execution) =>
        ParentOf(execution) is { } parent && Graph.Resolve(parent) is Flowchart flowchart ? flowchart.Node : null;

    internal bool IsTriggerOfWorkflow(ActivityExecution execution)
    {
        if (_state.TriggerActivityId != execution.ActivityId || _state.Properties.ContainsKey(TriggerConsumedProperty))
            return false;
        _state.Properties[TriggerConsumedProperty] = true;
        return true;
    }

    private JsonNode? InitialValueOf(VariableDefinition variable) =>
        variable.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0 ? null : variable.Value?.DeepClone();
}
