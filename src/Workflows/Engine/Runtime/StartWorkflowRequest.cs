using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

public sealed record StartWorkflowRequest(
    string DefinitionId,
    VersionOptions? Versions = null,
    JsonObject? Input = null,
    string? CorrelationId = null,
    string? InstanceId = null,
    string? TriggerActivityId = null,
    string? Name = null,
    string? IdempotencyKey = null,
    string? ParentInstanceId = null,
    JsonObject? Properties = null);
