using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>
/// Which definition (and version) a workflow-definition activity node runs. As in Elsa, the activity type decides: its
/// descriptor names the definition (the ids a node carries are overwritten when Elsa constructs the activity), and the
/// node's version picks that version when it exists, else the version the type describes.
/// </summary>
public sealed record WorkflowDefinitionReference(string DefinitionId, int? Version, string? FallbackVersionId)
{
    /// <summary>The key the loaded definition is kept under for the graph.</summary>
    public string Key => $"{DefinitionId}|{Version}|{FallbackVersionId}";

    /// <summary>The node's reference when its type is a workflow used as an activity; null for any other activity.</summary>
    public static WorkflowDefinitionReference? From(ActivityNode node, ActivityDescriptor descriptor)
    {
        if (descriptor.ClrType != typeof(WorkflowDefinitionActivity))
            return null;
        var definitionId = Text(descriptor.CustomProperties["WorkflowDefinitionId"]) ?? Text(node.GetProperty("workflowDefinitionId"));
        if (definitionId is null)
            return null;
        return new WorkflowDefinitionReference(definitionId, node.Version, Text(descriptor.CustomProperties["WorkflowDefinitionVersionId"]));
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
