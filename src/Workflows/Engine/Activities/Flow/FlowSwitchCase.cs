using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Flow;

/// <summary>One case of a FlowSwitch: <c>{ label, condition: { type, value } }</c>.</summary>
public sealed class FlowSwitchCase
{
    public string Label { get; set; } = "";
    public JsonObject? Condition { get; set; }
}
