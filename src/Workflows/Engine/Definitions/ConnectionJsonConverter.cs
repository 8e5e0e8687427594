using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Definitions;

internal sealed class ConnectionJsonConverter : JsonConverter<Connection>
{
    // A null entry in connections[] comes to Read, which refuses it, instead of becoming a null connection.
    public override bool HandleNull => true;

    public override Connection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject obj)
            throw new JsonException("A connection must be a JSON object.");

        var connection = new Connection();
        string? legacySourcePort = null, legacyTargetPort = null;
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "source":
                    connection.Source = ReadEndpoint(value, options);
                    break;
                case "target":
                    connection.Target = ReadEndpoint(value, options);
                    break;
                case "sourcePort":
                    legacySourcePort = Port(value);
                    break;
                case "targetPort":
                    legacyTargetPort = Port(value);
                    break;
                default:
                    connection.Extra ??= [];
                    connection.Extra[key] = value?.DeepClone();
                    break;
            }
        }

        if (legacySourcePort is not null)
            connection.Source.Port ??= legacySourcePort;
        if (legacyTargetPort is not null)
            connection.Target.Port ??= legacyTargetPort;
        return connection;
    }

    private static Endpoint ReadEndpoint(JsonNode? node, JsonSerializerOptions options) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var id) => new Endpoint { Activity = id },
        // The validator looks the activity up by id: an endpoint without one is malformed, not merely dangling.
        JsonObject o => o.Deserialize<Endpoint>(options) is { Activity: not null } endpoint
            ? endpoint
            : throw new JsonException("A connection endpoint needs the id of its activity."),
        _ => throw new JsonException("A connection endpoint must be an activity id or { activity, port }."),
    };

    private static string? Port(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var port) => port,
        _ => throw new JsonException("A connection port must be a string."),
    };

    public override void Write(Utf8JsonWriter writer, Connection value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("source");
        JsonSerializer.Serialize(writer, value.Source, options);
        writer.WritePropertyName("target");
        JsonSerializer.Serialize(writer, value.Target, options);
        if (value.Extra is not null)
        {
            foreach (var (key, node) in value.Extra)
            {
                writer.WritePropertyName(key);
                if (node is null)
                    writer.WriteNullValue();
                else
                    node.WriteTo(writer, options);
            }
        }
        writer.WriteEndObject();
    }
}
