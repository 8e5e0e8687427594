using System.Buffers;
using System.Security.Claims;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Returns.Shared;

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
            return node.Deserialize<T>(ReturnsJson.Requests) ?? throw new InvalidRequestException("BODY_REQUIRED", "A JSON object body is required.");
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException("REQUEST_MALFORMED", $"The request body does not have the expected shape: {ex.Message.Split('\n')[0]}");
        }
    }

    /// <summary>The request body in memory, refused with 413 once it passes <paramref name="maxBytes"/> (whatever Content-Length said).</summary>
    public static async Task<MemoryStream> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        // Sized for the body when its length is declared; the chunk read into is borrowed (a request's body is usually a few hundred bytes).
        var buffer = new MemoryStream(request.ContentLength is { } length && length <= maxBytes ? (int)length : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    await buffer.DisposeAsync();
                    throw new PayloadTooLargeException(maxBytes);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer;
    }

    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request, CancellationToken ct, long maxBytes = MaxJsonBodyBytes)
    {
        if (request.ContentLength > maxBytes)
            throw new PayloadTooLargeException(maxBytes);
        using var buffer = await ReadBodyAsync(request, maxBytes, ct);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        if (bytes.Trim(" \t\r\n"u8).IsEmpty)
            return null;
        // The JSON reader decodes strings only when they are read, so invalid UTF-8 would surface later, as an exception
        // in whichever handler reads that string first.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw new InvalidRequestException("REQUEST_MALFORMED", "The request body is not valid UTF-8.");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions
            {
                AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128, AllowDuplicateProperties = false,
            });
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : "";
            throw new InvalidRequestException("REQUEST_MALFORMED", $"The request body is not valid JSON{line} (or names a property twice).");
        }
        EnsureStorableText(node);
        return node;
    }

    /// <summary>
    /// Reads every property name and string of the body once. A lone surrogate escape (<c>\ud800</c>) is valid JSON but
    /// not a string .NET can decode, and it would fail wherever the string is first read; a NUL character (<c>\u0000</c>)
    /// is a string PostgreSQL cannot store in a text column. Both are refused here, before anything acts on the body.
    /// </summary>
    private static void EnsureStorableText(JsonNode? node)
    {
        try
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        EnsureNoNul(key);
                        EnsureStorableText(child);
                    }
                    break;
                case JsonArray array:
                    foreach (var child in array)
                        EnsureStorableText(child);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    EnsureNoNul(value.GetValue<string>());
                    break;
            }
        }
        catch (InvalidOperationException)
        {
            throw new InvalidRequestException("REQUEST_MALFORMED", "The request body holds a string that is not valid Unicode (an unpaired surrogate escape).");
        }
    }

    private static void EnsureNoNul(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
            throw new InvalidRequestException("REQUEST_MALFORMED", "The request body holds a NUL character (\\u0000); text cannot contain it.");
    }

    /// <summary>
    /// Reads a form or multipart body; one that cannot be read (no boundary, a boundary that never comes, a truncated
    /// part, more fields or longer keys than the form reader's limits) is a 400 that says so. The multipart reader
    /// reports a body that ends before its closing boundary as an IOException; Kestrel's own refusals (a body over its
    /// limit) are BadHttpRequestExceptions and keep their status.
    /// </summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is { } contentType && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            && (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
                || Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(mediaType.Boundary).Length is 0 or > MaxMultipartBoundaryLength))
        {
            throw new InvalidRequestException("MULTIPART_BOUNDARY_INVALID", $"A multipart body needs a boundary of 1 to {MaxMultipartBoundaryLength} characters in its Content-Type.");
        }
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is IOException and not BadHttpRequestException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw new InvalidRequestException("REQUEST_MALFORMED", $"The form body cannot be read: {ex.Message}");
        }
    }

    /// <summary>The form reader's own limit (RFC 2046 allows 70 characters).</summary>
    private const int MaxMultipartBoundaryLength = 70;

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
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
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
        : Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? value
        : throw new InvalidRequestException(code, $"{field} is one of {string.Join(", ", Enum.GetNames<T>())}; not '{text}'.");

    /// <summary>The header a command's idempotency key travels in; handlers bind it with <c>[FromHeader(Name = ...)]</c>.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// The <c>Idempotency-Key</c> header as the handler bound it (<c>[FromHeader]</c>), trimmed and scoped to the caller;
    /// null when absent or blank, a 400 when longer than 200 characters. The scope is the caller's enterprise (an
    /// exporter's keys act for it) or else the caller itself, so one caller's key neither tells another that it exists
    /// nor can be taken first by another to make the owner's command fail.
    /// </summary>
    public static string? IdempotencyKey(string? header, ClaimsPrincipal caller)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        var key = header.Trim();
        if (key.Length > MaxIdempotencyKeyLength)
            throw new InvalidRequestException("IDEMPOTENCY_KEY_INVALID", $"An idempotency key must be 1 to {MaxIdempotencyKeyLength} characters long.");
        return IdempotencyScope(caller) + "/" + key;
    }

    /// <summary>A short, stable name of whose keys these are (at most 66 characters, so a scoped key fits the key column).</summary>
    public static string IdempotencyScope(ClaimsPrincipal caller)
    {
        var scope = caller.FindFirstValue(Auth.Roles.EnterpriseClaim) is { Length: > 0 } enterprise ? "e:" + enterprise
            : "u:" + (caller.FindFirstValue(ClaimTypes.NameIdentifier) ?? caller.Identity?.Name ?? "anonymous");
        return scope.Length <= 66 ? scope : "h:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope)))[..32];
    }
}
