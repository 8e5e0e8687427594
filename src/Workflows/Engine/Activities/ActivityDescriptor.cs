using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Activities;

/// <summary>The toolbox entry Studio reads for one activity type (Elsa's ActivityDescriptor JSON).</summary>
public sealed record ActivityDescriptor
{
    public required string TypeName { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; } = 1;
    public required string Category { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public ActivityKind Kind { get; init; }
    public bool IsContainer { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }
    public bool RunAsynchronously { get; init; }
    public JsonObject CustomProperties { get; init; } = [];
    public JsonObject ConstructionProperties { get; init; } = [];
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];
    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];
    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];
    public JsonArray Attributes { get; init; } = [];

    /// <summary>The fixed outcome names; null for activities whose ports depend on their inputs (FlowSwitch).</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? Outcomes { get; init; }

    [JsonIgnore]
    public Type ClrType { get; init; } = typeof(object);

    [JsonIgnore]
    public RetryPolicy? DefaultRetryPolicy { get; init; }
}
