using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>A workflow variable: <c>{ id, name, typeName, value, storageDriverTypeName, isArray }</c>.</summary>
public sealed class VariableDefinition
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string TypeName { get; set; } = "Object";
    public JsonNode? Value { get; set; }
    public string? StorageDriverTypeName { get; set; }
    public bool? IsArray { get; set; }

    [JsonExtensionData]
    public Dictionary<string, object?>? Extra { get; set; }
}
