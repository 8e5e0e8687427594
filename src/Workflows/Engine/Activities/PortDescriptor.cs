using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities;

public sealed record PortDescriptor(string Name, string DisplayName, string Type = "Flow", bool IsBrowsable = true)
{
    public JsonObject? Metadata { get; init; }
}
