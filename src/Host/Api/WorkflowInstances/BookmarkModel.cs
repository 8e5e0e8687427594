using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>What an instance waits on; a RunTask's task id is in the payload.</summary>
public sealed record BookmarkModel(
    string Id,
    string Name,
    string ActivityId,
    string ActivityNodeId,
    string ActivityInstanceId,
    JsonObject? Payload,
    DateTimeOffset? DueAt)
{
    /// <param name="b">The bookmark.</param>
    /// <param name="nodeId">The node id of the activity that waits on it, when its execution is known.</param>
    public static BookmarkModel From(BookmarkInfo b, string? nodeId = null) => new(b.Id, b.Name, b.ActivityId, nodeId ?? b.ActivityId, b.ActivityExecutionId, b.Payload, b.DueAt);
}
