using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>A trigger a published definition offers: how new instances of it start.</summary>
public sealed record TriggerRequest(string Name, JsonObject? Stimulus = null, JsonObject? Payload = null, DateTimeOffset? FirstDueAt = null);
