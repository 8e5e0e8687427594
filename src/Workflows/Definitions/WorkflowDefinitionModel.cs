using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Workflows.Definitions;

/// <summary>
/// An Elsa 3 workflow definition as it travels over the wire and sits in a file.
/// Properties the engine does not use are kept in <see cref="Extra"/> so that a file survives a load/save round trip.
/// </summary>
public sealed class WorkflowDefinitionModel
{
    [JsonPropertyName("$schema")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; set; }

    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public string? Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public int Version { get; set; } = 1;
    public string? ToolVersion { get; set; }
    public List<VariableDefinition>? Variables { get; set; }
    public JsonArray? Inputs { get; set; }
    public JsonArray? Outputs { get; set; }
    public JsonArray? Outcomes { get; set; }
    public JsonObject? CustomProperties { get; set; }
    public bool? IsReadonly { get; set; }
    public bool? IsSystem { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public JsonObject? Options { get; set; }
    public ActivityNode? Root { get; set; }

    /// <summary>Unknown properties, kept for the round trip (values are JsonElement when read, JsonNode when set).</summary>
    [JsonExtensionData]
    public Dictionary<string, object?>? Extra { get; set; }

    public WorkflowDefinitionModel Clone() => WorkflowJson.Clone(this);

    /// <summary>
    /// Gives every activity without one Elsa's <c>nodeId</c>: the path of ids from the workflow down
    /// (<c>Workflow1:{rootId}:{activityId}</c>). Studio keys its graph by it.
    /// </summary>
    public WorkflowDefinitionModel AssignNodeIds()
    {
        if (Root is not null)
            Assign(Root, "Workflow1");
        return this;

        static void Assign(ActivityNode node, string parentPath)
        {
            var nodeId = $"{parentPath}:{node.Id}";
            if (node.GetNodeId() != nodeId)
                node.SetProperty("nodeId", nodeId);
            foreach (var child in node.Activities ?? [])
                Assign(child, nodeId);
        }
    }

    /// <summary>Fills the collections and options Studio dereferences, so that none is sent as null.</summary>
    public WorkflowDefinitionModel WithStudioDefaults()
    {
        Variables ??= [];
        Inputs ??= [];
        Outputs ??= [];
        Outcomes ??= [];
        CustomProperties ??= [];
        Options ??= new JsonObject { ["autoUpdateConsumingWorkflows"] = false };
        IsReadonly ??= false;
        IsSystem ??= false;
        return this;
    }
}

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

    /// <summary>Children of a container (<c>Elsa.Flowchart</c>).</summary>
    public List<ActivityNode>? Activities { get; set; }

    /// <summary>Connections of a container (<c>Elsa.Flowchart</c>).</summary>
    public List<Connection>? Connections { get; set; }

    /// <summary>
    /// Inputs and unknown properties (values are JsonElement when read from JSON, JsonNode when set in code).
    /// A dictionary of objects rather than a JsonObject: .NET 10.0.12 writes JsonObject extension data as invalid JSON.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, object?>? Properties { get; set; }

    [JsonIgnore]
    public bool IsContainer => Activities is not null;

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

/// <summary>An input's expression: <c>{ "type": "Literal" | "Variable" | "JavaScript" | "Liquid" | "Object", "value": ... }</c>.</summary>
public sealed record ExpressionModel(string Type, JsonNode? Value, string? TypeName)
{
    public static ExpressionModel? FromInput(JsonNode? input)
    {
        if (input is JsonValue literal)
            return new ExpressionModel("Literal", literal.DeepClone(), null);
        if (input is not JsonObject obj)
            return null;
        var typeName = obj["typeName"] is JsonValue tn && tn.TryGetValue<string>(out var t) ? t : null;
        if (obj["expression"] is not JsonObject expression)
            return null;
        var type = expression["type"] is JsonValue et && et.TryGetValue<string>(out var s) ? s : "Literal";
        return new ExpressionModel(type, expression["value"], typeName);
    }

    /// <summary>The expression's value as written, for Literal/JavaScript/Liquid source text.</summary>
    public string? Text => Value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(),
    };
}

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
