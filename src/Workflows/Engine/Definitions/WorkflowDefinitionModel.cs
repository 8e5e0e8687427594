using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Definitions;

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
            EmbeddedActivities.AssignNodeIds(node, nodeId);
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
