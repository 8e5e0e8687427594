using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

// The journal: one record per execution attempt (what Studio's activity-execution endpoints read) and the event log in
// the order things happened (what its journal pane pages through).
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
            Graph.TryResolve(execution, out var activity);
            record = new ActivityExecutionRecord
            {
                Id = id,
                InstanceId = InstanceId,
                ActivityId = execution.ActivityId,
                ActivityType = execution.ActivityType,
                ActivityName = activity?.Node.Name,
                ActivityNodeId = activity?.NodeId ?? execution.NodeId ?? Graph.NodeIdOf(execution.ActivityId),
                ParentActivityExecutionId = execution.ScopeId,
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
        // What the record keeps of the inputs and outputs follows Elsa's log persistence modes.
        // The workflow's modes are those of the nearest workflow around the activity (a workflow used as an activity has its own).
        var resolvedNode = Graph.TryResolve(execution, out var resolved) ? resolved : null;
        var workflowProperties = Graph.DefinitionAround(resolvedNode?.NodeId ?? "").CustomProperties;
        if (context is { EvaluatedInputs.Count: > 0 })
            record.Inputs = LogPersistence.Filter(workflowProperties, resolvedNode?.Node.CustomProperties, "inputs", context.EvaluatedInputs).ToJsonString();
        if (status == ActivityStatus.Completed && _state.ActivityOutputs.TryGetValue(OutputKeyOf(execution), out var outputs))
            record.Outputs = LogPersistence.Filter(workflowProperties, resolvedNode?.Node.CustomProperties, "outputs", outputs).ToJsonString();
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

    /// <summary>Logs one journal event of an execution (Started, Suspended, Resumed, Completed, Faulted, Canceled).</summary>
    private void Log(ActivityExecution execution, string eventName, string? message = null, JsonObject? payload = null)
    {
        Graph.TryResolve(execution, out var activity);
        LogEvent(execution.Id, execution.ScopeId, execution.ActivityId, activity?.NodeId ?? execution.NodeId ?? Graph.NodeIdOf(execution.ActivityId),
            execution.ActivityType, activity?.Node.Name, eventName, message, payload);
    }

    /// <summary>Logs an event about the instance itself (an alteration) against its root activity.</summary>
    internal void LogInstanceEvent(string eventName, string message, JsonObject? payload)
    {
        var root = Graph.RootActivity;
        LogEvent(_state.RootExecutionId, null, root.Id, root.NodeId, root.Node.Type, root.Node.Name, eventName, message, payload);
    }

    private void LogEvent(string? executionId, string? parentExecutionId, string activityId, string nodeId, string activityType, string? activityName,
        string eventName, string? message, JsonObject? payload)
    {
        Environment.Effects.Log.Add(new ExecutionLogRecord
        {
            Id = Ids.New(),
            InstanceId = InstanceId,
            ActivityExecutionId = executionId,
            ParentActivityExecutionId = parentExecutionId,
            ActivityId = activityId,
            NodeId = nodeId,
            ActivityType = activityType,
            ActivityName = activityName,
            EventName = eventName,
            Message = message,
            Payload = payload?.ToJsonString(),
            Timestamp = Now,
            Sequence = ++_state.LogSequence,
        });
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
}
