using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Definitions;

public sealed class Endpoint
{
    public string Activity { get; set; } = "";
    public string? Port { get; set; }

    [JsonExtensionData]
    public Dictionary<string, object?>? Extra { get; set; }
}
