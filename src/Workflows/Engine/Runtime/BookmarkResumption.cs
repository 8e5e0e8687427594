using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>What arrives when a bookmark is resumed.</summary>
public sealed record BookmarkResumption(string BookmarkId, string Name, JsonObject Payload, JsonObject Input);
