using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

/// <summary>Elsa's answer to save and publish: the definition as served (with links) and what the save found.</summary>
public sealed record SaveDefinitionResponse(JsonObject WorkflowDefinition, bool AlreadyPublished, int ConsumingWorkflowCount, IReadOnlyList<string> ValidationErrors);
