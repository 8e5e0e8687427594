using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>
/// One activity of a definition. Inputs are top-level properties of the activity object in Elsa's JSON
/// (<c>"text": { "typeName": "String", "expression": { "type": "Literal", "value": "Hi" } }</c>); they and every
/// property the engine does not name live in <see cref="Properties"/>.
/// </summary>
public sealed class ActivityNode
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public int Version { get; set; } = 1;
    public string? Name { get; set; }
    public JsonObject? CustomProperties { get; set; }
    public JsonObject? Metadata { get; set; }

    /// <summary>Children of a flowchart or a sequence (<c>Elsa.Flowchart</c>, <c>Elsa.Sequence</c>).</summary>
    public List<ActivityNode>? Activities { get; set; }

    /// <summary>Connections of a flowchart (<c>Elsa.Flowchart</c>).</summary>
    public List<Connection>? Connections { get; set; }

    /// <summary>
    /// Inputs and unknown properties (values are JsonElement when read from JSON, JsonNode when set in code).
    /// A dictionary of objects rather than a JsonObject: .NET 10.0.12 writes JsonObject extension data as invalid JSON.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, object?>? Properties { get; set; }

    /// <summary>
    /// A flowchart: children joined by connections. Decided by the type, not by the presence of <c>activities</c>, which a
    /// sequence has too.
    /// </summary>
    [JsonIgnore]
    public bool IsFlowchart => Type == FlowchartType;

    public const string FlowchartType = "Elsa.Flowchart";

    /// <summary>The JSON of one input or property (a copy), or null when absent.</summary>
    public JsonNode? GetProperty(string name)
    {
        if (Properties is null)
            return null;
        if (Properties.TryGetValue(name, out var value))
            return JsonBag.ToNode(value);
        foreach (var (key, item) in Properties)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return JsonBag.ToNode(item);
        }
        return null;
    }

    /// <summary>The expression bound to an input, or null when the input is absent or empty.</summary>
    public ExpressionModel? GetInputExpression(string name) => ExpressionModel.FromInput(GetProperty(name));

    public ActivityNode SetInput(string name, string typeName, string expressionType, JsonNode? value)
    {
        Properties ??= [];
        Properties[name] = new JsonObject
        {
            ["typeName"] = typeName,
            ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value },
        };
        return this;
    }

    public ActivityNode SetProperty(string name, JsonNode? value)
    {
        Properties ??= [];
        Properties[name] = value;
        return this;
    }

    // Methods, not properties: an ignored property named like a JSON key would swallow that key on read.

    /// <summary>The value of <c>customProperties.canStartWorkflow</c> (Elsa 3.0 wrote it on the activity itself).</summary>
    public bool GetCanStartWorkflow() =>
        ReadBool(CustomProperties, "canStartWorkflow") || ReadBool(Properties, "canStartWorkflow");

    public string? GetNodeId() =>
        GetProperty("nodeId") is JsonValue v && v.TryGetValue<string>(out var id) && id.Length > 0 ? id : null;

    public string GetDisplayText() =>
        Metadata?["displayText"] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : Name ?? Id;

    private static bool ReadBool(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    private static bool ReadBool(Dictionary<string, object?>? bag, string name) =>
        bag is not null && bag.TryGetValue(name, out var item) && JsonBag.ToNode(item) is JsonValue value && value.TryGetValue<bool>(out var b) && b;
}
