using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// What an activity sees while it runs: its inputs, the variables in its scope, bookmarks, its children (for composites),
/// the step's database work.
/// </summary>
public sealed class ActivityContext : IExpressionScope
{
    private const string IsBreakingProperty = "IsBreaking";
    private readonly WorkflowExecutor _executor;

    internal ActivityContext(WorkflowExecutor executor, ActivityExecution execution, Activity activity, BookmarkResumption? resumption)
    {
        _executor = executor;
        Execution = execution;
        Activity = activity;
        Resumption = resumption;
    }

    public ActivityExecution Execution { get; }
    public Activity Activity { get; }
    public ActivityNode Node => Activity.Node;

    /// <summary>The flowchart this activity runs in, if its parent is one.</summary>
    public ActivityNode? ParentFlowchart => _executor.ParentFlowchartOf(Execution);

    /// <summary>Set when the activity runs because one of its bookmarks was resumed.</summary>
    public BookmarkResumption? Resumption { get; }

    /// <summary>True when this activity is the trigger that started the instance (it should not wait again).</summary>
    public bool IsTriggerOfWorkflow => _executor.IsTriggerOfWorkflow(Execution);

    public DateTimeOffset Now => _executor.Environment.Clock.GetUtcNow();
    public TimeProvider Clock => _executor.Environment.Clock;
    public IServiceProvider Services => _executor.Environment.Services;
    public CancellationToken CancellationToken => _executor.Environment.CancellationToken;

    /// <summary>The step's unit of work: what an activity adds here commits with the step, or not at all.</summary>
    public WorkflowDbContext Db => _executor.Environment.Db;

    /// <summary>Data shown with this execution in the journal.</summary>
    public JsonObject JournalData { get; } = [];

    /// <summary>The inputs as they were evaluated, shown with the execution in Studio.</summary>
    public JsonObject EvaluatedInputs { get; } = [];

    /// <summary>Per-execution state a composite keeps between its children (an index, the tags of parallel branches).</summary>
    public JsonObject Properties => Execution.Properties;

    /// <summary>Set on a loop, sequence or fork when a Break below was sent up through it.</summary>
    public bool IsBreaking
    {
        get => Properties[IsBreakingProperty] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        set => Properties[IsBreakingProperty] = value;
    }

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask<T?> GetAsync<T>(Input<T> input)
    {
        if (input.Expression is null)
            return input.DefaultValue;
        try
        {
            var value = (T?)await _executor.Environment.Evaluator.EvaluateAsync(input.Expression, typeof(T), this, CancellationToken);
            RecordInput(input.Name, value);
            return value;
        }
        catch (ExpressionException ex)
        {
            throw new ExpressionException($"Input '{input.Name}' of activity '{Activity.Id}': {ex.Message}", ex);
        }
    }

    public async ValueTask<T> GetRequiredAsync<T>(Input<T> input)
    {
        var value = await GetAsync(input);
        if (value is null || value is string { Length: 0 })
            throw new ActivityFaultException("InputRequired", $"Input '{input.Name}' of activity '{Activity.Id}' is required.", retryable: false);
        return value;
    }

    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type type) =>
        _executor.Environment.Evaluator.EvaluateAsync(expression, type, this, CancellationToken);

    public void SetOutput<T>(Output<T> output, T? value) => SetOutput(output.Name, output.VariableId, ValueConverter.ToJson(value));

    /// <summary>Sets an output by name; when the definition binds it to a variable in scope, the variable too.</summary>
    public void SetOutput(string name, string? variableId, JsonNode? value)
    {
        _executor.SetActivityOutput(Execution, name, value);
        if (variableId is not null && HasVariable(variableId))
            SetVariable(variableId, value);
    }

    public string CreateBookmark(BookmarkRequest request) => _executor.CreateBookmark(Execution, request);

    /// <summary>
    /// Waits until <paramref name="due"/>: a timer bookmark of this execution that the timer sweep resumes once. It fires no
    /// sooner than <see cref="RuntimeOptions.MinimumTimerInterval"/> from now, whatever an expression computed.
    /// </summary>
    public void WaitUntil(string bookmarkName, DateTimeOffset due)
    {
        var earliest = Now + _executor.Environment.Limits.MinimumTimerInterval;
        if (due < earliest)
            due = earliest;
        CreateBookmark(new BookmarkRequest(bookmarkName, new JsonObject { ["executionId"] = Execution.Id }, new JsonObject { ["dueAt"] = due }, due));
        JournalData["dueAt"] = due;
    }

    public void WriteLine(string text)
    {
        _executor.Environment.Effects.Lines.Add(text);
        JournalData["text"] = text;
        Services.GetService<ILineWriter>()?.WriteLine(InstanceId, text);
    }

    /// <summary>Publishes an event after this step commits; <paramref name="localToInstance"/> limits it to this instance.</summary>
    public void PublishEvent(string eventName, string? correlationId, bool localToInstance, JsonObject? payload) =>
        _executor.Environment.Effects.PublishedEvents.Add(new PendingEventRecord
        {
            Id = Ids.New(),
            EventName = eventName,
            CorrelationId = correlationId,
            InstanceId = localToInstance ? InstanceId : null,
            Payload = payload?.ToJsonString(),
            CreatedAt = Now,
        });

    /// <summary>Cancels the activities upstream of this one that still run or wait (join semantics).</summary>
    public ValueTask CancelInboundAncestorsAsync() => _executor.CancelInboundAncestorsAsync(Execution);

    /// <summary>
    /// Schedules an embedded child (a loop's body, a sequence's next step) to run after what is queued, with variables only
    /// it and what it runs see; false when there is no child to run.
    /// </summary>
    public bool ScheduleChild(ActivityNode? child, string? tag = null, JsonObject? variables = null)
    {
        if (child is null)
            return false;
        _executor.ScheduleChild(Execution, child, tag, variables);
        return true;
    }

    /// <summary>
    /// Sets an output of the container (Elsa.SetOutput): the nearest workflow used as an activity that declares it, else
    /// the workflow's own output.
    /// </summary>
    public void SetContainerOutput(string name, JsonNode? value) => _executor.SetContainerOutput(Execution, name, value);

    /// <summary>Declares (or sets) a variable on this execution, seen by it and its descendants.</summary>
    public void DeclareVariable(string name, JsonNode? value)
    {
        Execution.Variables ??= [];
        Execution.Variables[name] = value is null ? null : JsonNode.Parse(value.ToJsonString());
    }

    /// <summary>Runs a workflow instance of another definition (ExecuteWorkflow, DispatchWorkflow), through the runtime's child runner.</summary>
    internal WorkflowExecutor Executor => _executor;

    private void RecordInput(string name, object? value)
    {
        try
        {
            EvaluatedInputs[name] = ValueConverter.ToJson(value);
        }
        catch (NotSupportedException)
        {
            // A value that has no JSON form is simply not shown.
        }
    }

    // IExpressionScope: the instance, and the variables in this execution's scope (nearest declaration first).
    public string InstanceId => _executor.InstanceId;
    public string? CorrelationId { get => _executor.CorrelationId; set => _executor.CorrelationId = value; }
    public string? InstanceName { get => _executor.InstanceName; set => _executor.InstanceName = value; }
    public string DefinitionId => _executor.DefinitionId;
    public string DefinitionVersionId => _executor.DefinitionVersionId;
    public int DefinitionVersion => _executor.DefinitionVersion;
    public JsonObject WorkflowInput => _executor.WorkflowInput;
    public IReadOnlyCollection<string> VariableNames => _executor.VariableNamesFor(Execution);
    public bool HasVariable(string nameOrId) => _executor.HasVariableFor(Execution, nameOrId);
    public object? GetVariable(string nameOrId) => _executor.GetVariableFor(Execution, nameOrId);
    public void SetVariable(string nameOrId, object? value) => _executor.SetVariableFor(Execution, nameOrId, value);
    public object? GetActivityOutput(string activityIdOrName, string? outputName) => _executor.GetActivityOutput(activityIdOrName, outputName);
    public object? LastResult => _executor.LastResult;
    public IReadOnlyCollection<string> WorkflowInputNames => _executor.WorkflowInputNamesFor(Execution);
    public IEnumerable<(string ActivityName, string OutputName)> NamedActivityOutputs => _executor.NamedActivityOutputs;
}
