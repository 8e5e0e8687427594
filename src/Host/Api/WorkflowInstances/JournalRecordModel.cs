using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>
/// One event of the journal as Elsa's WorkflowExecutionLogRecord reads it (with <c>nodeId</c>, by which Studio finds the
/// node on the diagram); <c>activityState</c> holds the inputs as the activity evaluated them.
/// </summary>
public sealed record JournalRecordModel(
    string Id,
    string WorkflowDefinitionId,
    string WorkflowDefinitionVersionId,
    string WorkflowInstanceId,
    int WorkflowVersion,
    string ActivityInstanceId,
    string? ParentActivityInstanceId,
    string ActivityId,
    string NodeId,
    string ActivityNodeId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    DateTimeOffset Timestamp,
    long Sequence,
    string EventName,
    string? Message,
    string? Source,
    JsonNode? ActivityState,
    JsonNode? Payload)
{
    public static JournalRecordModel From(ExecutionLogRecord r, InstanceSummary instance, ActivityExecutionRecord? execution) => new(
        r.Id,
        instance.DefinitionId,
        instance.DefinitionVersionId,
        r.InstanceId,
        instance.Version,
        r.ActivityExecutionId ?? r.Id,
        r.ParentActivityExecutionId,
        r.ActivityId,
        r.NodeId,
        r.NodeId,
        r.ActivityType,
        1,
        r.ActivityName,
        r.Timestamp,
        r.Sequence,
        r.EventName,
        r.Message,
        null,
        ActivityExecutionModel.Stored(execution?.Inputs),
        ActivityExecutionModel.Stored(r.Payload));
}
