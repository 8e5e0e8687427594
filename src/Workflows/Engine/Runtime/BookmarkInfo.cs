using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

public sealed record BookmarkInfo(string Id, string Name, string ActivityId, string ActivityExecutionId, JsonObject? Payload, DateTimeOffset? DueAt)
{
    public static BookmarkInfo From(BookmarkRecord b) =>
        new(b.Id, b.Name, b.ActivityId, b.ActivityExecutionId, b.Payload is null ? null : JsonNode.Parse(b.Payload) as JsonObject, b.DueAt);
}
