using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Http;

/// <summary>Headers written in a definition as JSON (<c>{ "name": "value" }</c> or <c>{ "name": ["a", "b"] }</c>).</summary>
internal static class HttpHeaderValues
{
    public static Dictionary<string, string[]> From(JsonNode? node)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (node is JsonValue text && text.TryGetValue<string>(out var raw) && raw.TrimStart().StartsWith('{'))
            node = JsonNode.Parse(raw);
        if (node is not JsonObject obj)
            return headers;
        foreach (var (name, value) in obj)
        {
            headers[name] = value switch
            {
                JsonArray array => array.Select(v => v is JsonValue s && s.TryGetValue<string>(out var t) ? t : v?.ToJsonString() ?? "").ToArray(),
                JsonValue v when v.TryGetValue<string>(out var t) => [t],
                null => [],
                _ => [value.ToJsonString()],
            };
        }
        return headers;
    }
}
