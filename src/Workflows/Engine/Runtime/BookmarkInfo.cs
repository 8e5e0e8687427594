using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

public sealed record BookmarkInfo(string Id, string Name, string ActivityId, string ActivityExecutionId, JsonObject? Payload, DateTimeOffset? DueAt);
