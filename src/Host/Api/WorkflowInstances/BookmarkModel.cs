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
    public static BookmarkModel From(BookmarkInfo b) => new(b.Id, b.Name, b.ActivityId, b.ActivityId, b.ActivityExecutionId, b.Payload, b.DueAt);
}
