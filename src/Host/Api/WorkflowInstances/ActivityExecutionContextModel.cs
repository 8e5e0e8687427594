using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>An execution not yet completed (scheduled, running or waiting), as Elsa's workflow state lists it.</summary>
public sealed record ActivityExecutionContextModel(
    string Id,
    string? ParentContextId,
    string ScheduledActivityNodeId,
    string Status,
    DateTimeOffset? StartedAt,
    JsonObject Properties)
{
    public static ActivityExecutionContextModel From(ActivityExecution e) =>
        new(e.Id, e.ScopeId, e.NodeId ?? e.ActivityId, ActivityExecutionModel.StatusOf(e.Status), e.StartedAt, e.Properties);
}
