using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

// Alterations (Elsa's alterations API) done to a loaded instance: retry (schedule) an activity, cancel an activity,
// modify a variable. Each is journaled; what it leaves scheduled runs in the same step.
public sealed partial class WorkflowExecutor
{
    /// <summary>
    /// Schedules an activity again (Elsa's ScheduleActivity): an existing execution by id (a faulted one is retried as a
    /// new attempt), else a new execution of the activity inside the nearest running execution of its parent.
    /// </summary>
    internal async Task<string> ScheduleActivityAsync(string? activityInstanceId, string? activityId, string by)
    {
        if (activityInstanceId is not null && _state.Executions.TryGetValue(activityInstanceId, out var existing))
        {
            if (existing.Status == ActivityStatus.Faulted)
            {
                existing.Attempt++;
                foreach (var incident in _state.Incidents.Where(i => i.ActivityExecutionId == existing.Id && i.ResolvedAt is null))
                    incident.ResolvedAt = Now;
            }
            existing.Status = ActivityStatus.Scheduled;
            existing.RetryBookmarkId = null;
            _state.Queue.Remove(existing.Id);
            _state.Queue.Insert(0, existing.Id);
            var message = $"Activity '{existing.ActivityId}' (execution {existing.Id}) scheduled again, attempt {existing.Attempt}.";
            LogInstanceEvent("Altered", message, new JsonObject { ["alteration"] = "ScheduleActivity", ["activityInstanceId"] = existing.Id, ["by"] = by });
            await RunAfterAlterationAsync();
            return message;
        }

        if (activityId is null)
            throw new Alterations.AlterationFailedException(activityInstanceId is null
                ? "Either ActivityInstanceId or ActivityId must be specified"
                : $"Activity execution context with ID {activityInstanceId} not found");
        if (!Graph.TryGetActivity(activityId, out var activity))
            throw new Alterations.AlterationFailedException($"Activity with ID {activityId} not found");
        var parentNodeId = Graph.ParentNodeIdOf(activity.NodeId);
        var parent = parentNodeId is null ? null
            : _state.Executions.Values.Where(e => e.Status == ActivityStatus.Running && Graph.TryResolve(e, out var a) && a.NodeId == parentNodeId)
                .OrderByDescending(e => e.Sequence).FirstOrDefault();
        if (parent is null)
            throw new Alterations.AlterationFailedException($"Could not find parent activity execution context for activity with ID {activityId}");
        var scheduled = Schedule(activity, parent.Id, backward: false);
        var text = $"Activity '{activityId}' scheduled in execution {parent.Id} (new execution {scheduled.Id}).";
        LogInstanceEvent("Altered", text, new JsonObject { ["alteration"] = "ScheduleActivity", ["activityId"] = activityId, ["by"] = by });
        await RunAfterAlterationAsync();
        return text;
    }

    /// <summary>Cancels the executions of an activity, or one by id (Elsa's CancelActivity); their flowchart carries on.</summary>
    internal async Task<string> CancelActivityAsync(string? activityInstanceId, string? activityId, string by)
    {
        if (activityInstanceId is null && activityId is null)
            throw new Alterations.AlterationFailedException("Either ActivityInstanceId or ActivityId must be specified");
        var targets = _state.Executions.Values
            .Where(e => activityInstanceId is not null ? e.Id == activityInstanceId : e.ActivityId == activityId || e.NodeId == activityId)
            .ToList();
        if (targets.Count == 0)
            throw new Alterations.AlterationFailedException(activityInstanceId is not null
                ? $"Activity execution context with ID {activityInstanceId} not found"
                : $"Activity execution contexts for activity with ID {activityId} not found");
        if (IsTerminal && Status != WorkflowStatus.Faulted)
            throw new Alterations.AlterationFailedException($"The workflow instance has ended ({Status}).");

        if (Status == WorkflowStatus.Faulted && !_state.Executions.Values.Any(e => e.Status == ActivityStatus.Faulted && !targets.Contains(e)))
            Status = WorkflowStatus.Running;
        foreach (var target in targets)
        {
            if (_state.Executions.ContainsKey(target.Id))
                await CancelOneAsync(target);
        }
        var message = $"Cancelled {targets.Count} execution(s) of activity '{targets[0].ActivityId}'.";
        LogInstanceEvent("Altered", message, new JsonObject { ["alteration"] = "CancelActivity", ["activityId"] = targets[0].ActivityId, ["by"] = by });
        await RunAfterAlterationAsync();
        return message;
    }

    /// <summary>Sets a variable by id or name (Elsa's ModifyVariable), where it is declared: the workflow or an execution.</summary>
    internal string ModifyVariable(string variableId, JsonNode? value, string by)
    {
        if (Graph.Definition.Variables?.FirstOrDefault(v => v.Id == variableId || v.Name == variableId) is { } declared)
        {
            _state.Variables[declared.Name] = TypedInitialValue(declared, value?.DeepClone());
        }
        else if (_state.Executions.Values.FirstOrDefault(e => e.Variables?.ContainsKey(variableId) == true) is { } holder)
        {
            holder.Variables![variableId] = value?.DeepClone();
        }
        else
        {
            throw new Alterations.AlterationFailedException($"Variable with ID {variableId} not found");
        }

        var message = $"Variable '{variableId}' set to {value?.ToJsonString() ?? "null"}.";
        LogInstanceEvent("Altered", message, new JsonObject { ["alteration"] = "ModifyVariable", ["variableId"] = variableId, ["value"] = value?.DeepClone(), ["by"] = by });
        return message;
    }

    /// <summary>Records a migration in the journal (the version itself is changed by the step runner).</summary>
    internal void LogMigration(int from, int to, string by) =>
        LogInstanceEvent("Altered", $"Migrated from version {from} to version {to}.", new JsonObject { ["alteration"] = "Migrate", ["from"] = from, ["to"] = to, ["by"] = by });

    /// <summary>Runs what the alteration left scheduled, as Elsa dispatches an altered instance with scheduled work.</summary>
    private async Task RunAfterAlterationAsync()
    {
        if (_state.Queue.Count == 0)
        {
            if (!IsTerminal)
                Status = Pending.Any() ? WorkflowStatus.Suspended : WorkflowStatus.Finished;
            return;
        }
        if (Status is WorkflowStatus.Faulted && !_state.Executions.Values.Any(e => e.Status == ActivityStatus.Faulted))
            Status = WorkflowStatus.Running;
        if (Status is WorkflowStatus.Faulted or WorkflowStatus.Suspended)
            Status = WorkflowStatus.Running;
        await RunQueueAsync();
    }

    /// <summary>The activities and flowcharts a state refers to that a graph lacks (a migration to it would strand them).</summary>
    internal static IReadOnlyList<string> MissingIn(WorkflowState state, WorkflowGraph graph) =>
        state.Executions.Values.Where(e => !graph.TryResolve(e, out _)).Select(e => e.NodeId ?? e.ActivityId).Distinct(StringComparer.Ordinal).ToList();
}
