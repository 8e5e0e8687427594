using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Runtime;

// What expressions and activities see of the instance (IExpressionScope), and the journal of each execution.
public sealed partial class WorkflowExecutor
{
    private void Journal(ActivityExecution execution, ActivityStatus status, ActivityContext? context, IReadOnlyList<string>? outcomes, Exception? exception = null)
    {
        var id = execution.Attempt == 1 ? execution.Id : $"{execution.Id}.{execution.Attempt}";
        var effects = Environment.Effects;
        if (!effects.Journal.TryGetValue(id, out var record))
        {
            // One record per attempt: the first step that journals an attempt inserts it, later steps update it.
            if (execution.JournaledAttempt < execution.Attempt)
            {
                effects.NewJournalIds.Add(id);
                execution.JournaledAttempt = execution.Attempt;
                _state.JournalRecords++;
            }
            record = new ActivityExecutionRecord
            {
                Id = id,
                InstanceId = InstanceId,
                ActivityId = execution.ActivityId,
                ActivityType = execution.ActivityType,
                ActivityName = Graph.TryGetActivity(execution.ActivityId, out var activity) ? activity.Node.Name : null,
                ActivityNodeId = Graph.NodeIdOf(execution.ActivityId),
                Attempt = execution.Attempt,
                StartedAt = execution.StartedAt ?? Now,
                Sequence = execution.Sequence,
            };
            effects.Journal[id] = record;
        }

        record.Status = status;
        record.HasBookmarks = execution.BookmarkIds.Count > 0;
        if (status is ActivityStatus.Completed or ActivityStatus.Faulted or ActivityStatus.Cancelled)
            record.CompletedAt = Now;
        if (outcomes is not null)
            record.Outcomes = JsonSerializer.Serialize(outcomes);
        if (context is { JournalData.Count: > 0 })
            record.Payload = context.JournalData.ToJsonString();
        if (_state.ActivityOutputs.TryGetValue(execution.ActivityId, out var outputs) && status == ActivityStatus.Completed)
            record.Outputs = outputs.ToJsonString();
        if (exception is not null)
        {
            record.Exception = new JsonObject
            {
                ["type"] = exception.GetType().Name,
                ["message"] = exception.Message,
                ["code"] = (exception as ActivityFaultException)?.Code,
            }.ToJsonString();
        }
    }

    private static JsonNode? TypedInitialValue(VariableDefinition variable, JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
            return value;
        // Studio stores initial values as text ("0", "true"); keep numbers and booleans typed.
        return variable.TypeName switch
        {
            "Int32" or "Int64" or "Double" or "Decimal" or "Single" when decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number)
                => JsonValue.Create(number),
            "Boolean" when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            _ => value,
        };
    }

    public string InstanceId => _instance.Id;
    public string? CorrelationId { get => _instance.CorrelationId; set => _instance.CorrelationId = value; }
    public string? InstanceName { get => _instance.Name; set => _instance.Name = value; }
    public string DefinitionId => _instance.DefinitionId;
    public string DefinitionVersionId => _instance.DefinitionVersionId;
    public int DefinitionVersion => _instance.DefinitionVersion;
    public JsonObject WorkflowInput => _state.Input;
    public IReadOnlyCollection<string> VariableNames => Graph.VariableNames;

    public bool HasVariable(string nameOrId) => Graph.ResolveVariable(nameOrId) is not null;

    public object? GetVariable(string nameOrId)
    {
        var name = Graph.ResolveVariable(nameOrId) ?? throw new ExpressionException($"Variable '{nameOrId}' is not declared in this workflow.");
        return _state.Variables.GetValueOrDefault(name)?.DeepClone();
    }

    public void SetVariable(string nameOrId, object? value)
    {
        var name = Graph.ResolveVariable(nameOrId) ?? throw new ExpressionException($"Variable '{nameOrId}' is not declared in this workflow.");
        _state.Variables[name] = ValueConverter.ToJson(value);
    }

    internal void SetActivityOutput(string activityId, string outputName, JsonNode? value)
    {
        if (!_state.ActivityOutputs.TryGetValue(activityId, out var outputs))
            _state.ActivityOutputs[activityId] = outputs = [];
        outputs[outputName] = value?.DeepClone();
        _lastResult = value;
    }

    public object? GetActivityOutput(string activityIdOrName, string? outputName)
    {
        var activityId = Graph.TryGetActivity(activityIdOrName, out _) ? activityIdOrName
            : Graph.Activities.FirstOrDefault(a => a.Node.Name == activityIdOrName)?.Id;
        if (activityId is null || !_state.ActivityOutputs.TryGetValue(activityId, out var outputs))
            return null;
        return outputName is null ? outputs.FirstOrDefault().Value?.DeepClone() : outputs[outputName]?.DeepClone();
    }

    public object? LastResult => _lastResult;
}
