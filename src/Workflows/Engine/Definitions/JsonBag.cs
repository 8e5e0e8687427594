using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>Values of extension-data dictionaries as JSON nodes.</summary>
public static class JsonBag
{
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        System.Text.Json.JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => System.Text.Json.JsonSerializer.SerializeToNode(value, WorkflowJson.Options),
    };
}
