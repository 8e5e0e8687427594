using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>
/// A flowchart connection <c>{ source: { activity, port }, target: { activity, port }, vertices }</c>.
/// The Elsa 3.0 form <c>{ source: "id", target: "id", sourcePort, targetPort }</c> is read too and written in the current form.
/// </summary>
[JsonConverter(typeof(ConnectionJsonConverter))]
public sealed class Connection
{
    public Endpoint Source { get; set; } = new();
    public Endpoint Target { get; set; } = new();

    /// <summary>Everything else on the connection (vertices, designer data), kept as is.</summary>
    public JsonObject? Extra { get; set; }

    public Connection()
    {
    }

    public Connection(string sourceActivity, string sourcePort, string targetActivity, string targetPort = "In")
    {
        Source = new Endpoint { Activity = sourceActivity, Port = sourcePort };
        Target = new Endpoint { Activity = targetActivity, Port = targetPort };
    }

    public override string ToString() => $"{Source.Activity}:{Source.Port}->{Target.Activity}:{Target.Port}";
}
