using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Branching;

/// <summary>One case of a Switch: <c>{ label, condition: { type, value }, activity }</c>.</summary>
public sealed class SwitchCase
{
    public string Label { get; set; } = "";
    public JsonObject? Condition { get; set; }
    public ActivityNode? Activity { get; set; }
}
