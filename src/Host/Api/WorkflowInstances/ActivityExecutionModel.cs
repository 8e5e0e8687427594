using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>One execution of one activity, as Elsa's ActivityExecutionRecord reads (Studio's activity details).</summary>
public sealed record ActivityExecutionModel(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    bool HasBookmarks,
    JsonNode? ActivityState,
    JsonNode? Payload,
    JsonNode? Outputs,
    JsonNode? Outcomes,
    JsonObject Properties,
    JsonObject Metadata,
    JsonNode? Exception,
    int AggregateFaultCount,
    string? SchedulingActivityExecutionId,
    int Attempt,
    long Sequence)
{
    public static ActivityExecutionModel From(ActivityExecutionRecord r) => new(
        r.Id,
        r.InstanceId,
        r.ActivityId,
        r.ActivityNodeId ?? r.ActivityId,
        r.ActivityType,
        1,
        r.ActivityName,
        StatusOf(r.Status),
        r.StartedAt,
        r.CompletedAt,
        r.HasBookmarks,
        Stored(r.Inputs),
        Stored(r.Payload),
        Stored(r.Outputs),
        Stored(r.Outcomes),
        Stored(r.Outcomes) is JsonArray outcomes ? new JsonObject { ["Outcomes"] = outcomes } : [],
        [],
        ExceptionOf(r.Exception),
        r.Status == ActivityStatus.Faulted ? 1 : 0,
        r.ParentActivityExecutionId,
        r.Attempt,
        r.Sequence);

    /// <summary>
    /// Elsa's activity statuses: Pending, Running (a waiting activity is still running there), Completed, Canceled, Faulted.
    /// </summary>
    public static string StatusOf(ActivityStatus status) => status switch
    {
        ActivityStatus.Scheduled => "Pending",
        ActivityStatus.Suspended or ActivityStatus.Running => "Running",
        ActivityStatus.Cancelled => "Canceled",
        _ => status.ToString(),
    };

    /// <summary>Elsa's ExceptionState (<c>{ type, message, stackTrace }</c>) from the journal's exception.</summary>
    private static JsonObject? ExceptionOf(string? stored) => Stored(stored) is JsonObject e
        ? new JsonObject { ["type"] = e["type"]?.DeepClone(), ["message"] = e["message"]?.DeepClone(), ["stackTrace"] = null, ["code"] = e["code"]?.DeepClone() }
        : null;

    /// <summary>A JSON column of the journal as the JSON it holds.</summary>
    internal static JsonNode? Stored(string? json) => json is null ? null : JsonNode.Parse(json);
}
