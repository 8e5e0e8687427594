using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>What an activity sees while it runs: its inputs, the instance's variables, bookmarks, the step's database work.</summary>
public sealed class ActivityContext : IExpressionScope
{
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

    /// <summary>The flowchart this activity runs in.</summary>
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

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask<T?> GetAsync<T>(Input<T> input)
    {
        if (input.Expression is null)
            return input.DefaultValue;
        try
        {
            return (T?)await _executor.Environment.Evaluator.EvaluateAsync(input.Expression, typeof(T), this, CancellationToken);
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

    public void SetOutput<T>(Output<T> output, T? value)
    {
        var json = ValueConverter.ToJson(value);
        _executor.SetActivityOutput(Activity.Id, output.Name, json);
        if (output.VariableId is { } variable && _executor.Graph.ResolveVariable(variable) is not null)
            SetVariable(variable, json);
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

    // IExpressionScope: the activity sees the instance's scope.
    public string InstanceId => _executor.InstanceId;
    public string? CorrelationId { get => _executor.CorrelationId; set => _executor.CorrelationId = value; }
    public string? InstanceName { get => _executor.InstanceName; set => _executor.InstanceName = value; }
    public string DefinitionId => _executor.DefinitionId;
    public string DefinitionVersionId => _executor.DefinitionVersionId;
    public int DefinitionVersion => _executor.DefinitionVersion;
    public JsonObject WorkflowInput => _executor.WorkflowInput;
    public IReadOnlyCollection<string> VariableNames => _executor.VariableNames;
    public bool HasVariable(string nameOrId) => _executor.HasVariable(nameOrId);
    public object? GetVariable(string nameOrId) => _executor.GetVariable(nameOrId);
    public void SetVariable(string nameOrId, object? value) => _executor.SetVariable(nameOrId, value);
    public object? GetActivityOutput(string activityIdOrName, string? outputName) => _executor.GetActivityOutput(activityIdOrName, outputName);
    public object? LastResult => _executor.LastResult;
}
