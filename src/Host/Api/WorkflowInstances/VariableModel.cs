using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>A variable's value; Elsa keys variables by id, ours by name, so both are the name.</summary>
public sealed record VariableModel(string Id, string Name, JsonNode? Value);
