using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>One event of Elsa's journal (a workflow execution log record).</summary>
public sealed record JournalRecordModel(
    string Id,
    string WorkflowDefinitionId,
    string WorkflowDefinitionVersionId,
    string WorkflowInstanceId,
    int WorkflowVersion,
    string ActivityInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    DateTimeOffset Timestamp,
    long Sequence,
    string EventName,
    string? Message,
    JsonNode? Payload)
{
    /// <summary>Elsa's journal is a log of events; each execution yields Started and, when it ended, its closing event.</summary>
    public static IEnumerable<JournalRecordModel> From(ActivityExecutionRecord r, string definitionId, string versionId, int version)
    {
        JournalRecordModel Record(string eventName, DateTimeOffset timestamp, long sequence, JsonNode? payload) => new(
            $"{r.Id}:{eventName}",
            definitionId,
            versionId,
            r.InstanceId,
            version,
            r.Id,
            r.ActivityId,
            r.ActivityNodeId ?? r.ActivityId,
            r.ActivityType,
            1,
            r.ActivityName,
            timestamp,
            sequence,
            eventName,
            eventName == "Faulted" ? ActivityExecutionModel.Stored(r.Exception)?["message"]?.GetValue<string>() : null,
            payload);

        yield return Record("Started", r.StartedAt, r.Sequence * 2, null);
        var closing = r.Status switch
        {
            ActivityStatus.Completed => "Completed",
            ActivityStatus.Faulted => "Faulted",
            ActivityStatus.Cancelled => "Canceled",
            ActivityStatus.Suspended => "Suspended",
            _ => null,
        };
        if (closing is not null)
            yield return Record(closing, r.CompletedAt ?? r.StartedAt, r.Sequence * 2 + 1, ActivityExecutionModel.Stored(r.Payload));
    }
}
