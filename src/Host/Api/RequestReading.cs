using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Workflows;
using ExportTaxCheck.Workflows.Definitions;

namespace ExportTaxCheck.Host.Api;

/// <summary>
/// Reads request bodies as JSON ourselves, so that every malformed body gets a 400 that says what is wrong,
/// and bodies over the limit a 413, instead of the framework's generic errors.
/// </summary>
public static class RequestReading
{
    public const long MaxJsonBodyBytes = 4 * 1024 * 1024;

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, bool allowEmpty, CancellationToken ct)
    {
        var node = await ReadNodeAsync(request, ct);
        return node switch
        {
            JsonObject obj => obj,
            null when allowEmpty => [],
            null => throw new InvalidRequestException("BODY_REQUIRED", "A JSON object body is required."),
            _ => throw new InvalidRequestException("BODY_NOT_OBJECT", "The request body must be a JSON object."),
        };
    }

    /// <summary>Reads the body as <typeparamref name="T"/> with the domain's JSON settings; a missing or malformed body is a 400.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var node = await ReadNodeAsync(request, ct, maxBytes);
        if (node is not JsonObject)
            throw new InvalidRequestException(node is null ? "BODY_REQUIRED" : "BODY_NOT_OBJECT", "A JSON object body is required.");
        try
        {
            return node.Deserialize<T>(Workflows.Returns.ReturnsJson.Options) ?? throw new InvalidRequestException("BODY_REQUIRED", "A JSON object body is required.");
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException("REQUEST_MALFORMED", $"The request body does not have the expected shape: {ex.Message.Split('\n')[0]}");
        }
    }

    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request, CancellationToken ct, long maxBytes = MaxJsonBodyBytes)
    {
        if (request.ContentLength > maxBytes)
            throw new PayloadTooLargeException(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new PayloadTooLargeException(maxBytes);
            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        if (bytes.Trim(" \t\r\n"u8).IsEmpty)
            return null;
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 });
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : "";
            throw new InvalidRequestException("REQUEST_MALFORMED", $"The request body is not valid JSON{line}.");
        }
    }

    public static WorkflowDefinitionModel ReadDefinition(JsonNode? node, string what)
    {
        if (node is not JsonObject obj)
            throw new InvalidRequestException("DEFINITION_REQUIRED", $"{what} must be a workflow definition object.");
        try
        {
            // Studio sends back the links we served; they are not part of the definition.
            var definition = (JsonObject)obj.DeepClone();
            definition.Remove("links");
            return WorkflowJson.Parse(definition.ToJsonString());
        }
        catch (DefinitionFormatException ex)
        {
            throw new InvalidRequestException("DEFINITION_MALFORMED", ex.Message);
        }
    }

    public static string? String(JsonObject body, string name)
    {
        var node = Get(body, name);
        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a string."),
        };
    }

    public static bool? Bool(JsonObject body, string name)
    {
        var node = Get(body, name);
        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be true or false."),
        };
    }

    public static int? Int(JsonObject body, string name)
    {
        var node = Get(body, name);
        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<int>(out var i) => i,
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, out var parsed) => parsed,
            _ => throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a whole number."),
        };
    }

    public static JsonObject? Object(JsonObject body, string name)
    {
        var node = Get(body, name);
        return node switch
        {
            null => null,
            JsonObject obj => (JsonObject)obj.DeepClone(),
            _ => throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a JSON object."),
        };
    }

    public static List<string>? StringList(JsonObject body, string name) => Get(body, name) switch
    {
        null => null,
        JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a list of strings.")).ToList(),
        _ => throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a list of strings."),
    };

    public static JsonNode? Get(JsonObject body, string name)
    {
        if (body.TryGetPropertyValue(name, out var value))
            return value;
        foreach (var (key, node) in body)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return node;
        }
        return null;
    }

    public static VersionOptions? Versions(string? text) =>
        text is null ? null
        : VersionOptions.TryParse(text, out var options) ? options
        : throw new InvalidRequestException("VERSION_OPTIONS_INVALID", $"'{text}' is not a version option: use Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a version number.");

    /// <summary>An enum value by its name, in any case; a number or an unknown name is a 400 that lists the names.</summary>
    public static T? EnumName<T>(string? text, string code, string field) where T : struct, Enum =>
        text is null ? null
        : Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _) ? value
        : throw new InvalidRequestException(code, $"{field} is one of {string.Join(", ", Enum.GetNames<T>())}; not '{text}'.");

    public static string? IdempotencyKey(HttpRequest request) =>
        request.Headers.TryGetValue("Idempotency-Key", out var key) && !string.IsNullOrWhiteSpace(key) ? key.ToString().Trim() : null;
}

public sealed class PayloadTooLargeException(long limit)
    : ProblemException(413, "Payload too large", "PAYLOAD_TOO_LARGE", $"The request body is larger than {limit / 1024 / 1024} MiB.");
