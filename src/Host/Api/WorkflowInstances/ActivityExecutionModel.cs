using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>One execution of one activity, as Elsa's activity-execution records read.</summary>
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
    JsonNode? Payload,
    JsonNode? Outputs,
    JsonNode? Outcomes,
    JsonNode? Exception,
    int Attempt,
    long Sequence)
{
    // Elsa has no Suspended execution status: a waiting activity is still Running there.
    public static ActivityExecutionModel From(ActivityExecutionRecord r) => new(
        r.Id,
        r.InstanceId,
        r.ActivityId,
        r.ActivityNodeId ?? r.ActivityId,
        r.ActivityType,
        1,
        r.ActivityName,
        r.Status == ActivityStatus.Suspended ? "Running" : r.Status.ToString(),
        r.StartedAt,
        r.CompletedAt,
        r.HasBookmarks,
        Stored(r.Payload),
        Stored(r.Outputs),
        Stored(r.Outcomes),
        Stored(r.Exception),
        r.Attempt,
        r.Sequence);

    /// <summary>A JSON column of the journal as the JSON it holds.</summary>
    internal static JsonNode? Stored(string? json) => json is null ? null : JsonNode.Parse(json);
}
