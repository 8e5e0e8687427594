namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>An activity execution without its data (Elsa's ActivityExecutionRecordSummary).</summary>
public sealed record ActivityExecutionSummaryModel(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    DateTimeOffset StartedAt,
    bool HasBookmarks,
    string Status,
    DateTimeOffset? CompletedAt)
{
    public static ActivityExecutionSummaryModel From(ExportTaxCheck.Engine.Persistence.ActivityExecutionRecord r) => new(
        r.Id, r.InstanceId, r.ActivityId, r.ActivityNodeId ?? r.ActivityId, r.ActivityType, 1, r.ActivityName, r.StartedAt, r.HasBookmarks,
        ActivityExecutionModel.StatusOf(r.Status), r.CompletedAt);
}
