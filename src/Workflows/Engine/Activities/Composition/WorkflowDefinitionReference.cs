using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>Which definition (and version) a workflow-definition activity node runs, as Elsa reads it from the node.</summary>
public sealed record WorkflowDefinitionReference(string DefinitionId, string? VersionId, int? Version)
{
    /// <summary>The key the loaded definition is kept under for the graph.</summary>
    public string Key => $"{DefinitionId}|{VersionId}|{(VersionId is null ? Version : null)}";

    /// <summary>The node's reference when its type is a workflow used as an activity; null for any other activity.</summary>
    public static WorkflowDefinitionReference? From(ActivityNode node, ActivityDescriptor descriptor)
    {
        if (descriptor.ClrType != typeof(WorkflowDefinitionActivity))
            return null;
        var definitionId = Text(node.GetProperty("workflowDefinitionId")) ?? Text(descriptor.CustomProperties["WorkflowDefinitionId"]);
        if (definitionId is null)
            return null;
        var versionId = Text(node.GetProperty("workflowDefinitionVersionId"))
                        ?? (Text(node.GetProperty("workflowDefinitionId")) is null ? Text(descriptor.CustomProperties["WorkflowDefinitionVersionId"]) : null);
        return new WorkflowDefinitionReference(definitionId, versionId, node.Version);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
