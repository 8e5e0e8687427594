using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>The one set of JSON options for Elsa-shaped documents, and load/save helpers.</summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            // Chinese goods names and reasons stay readable in stored and exported JSON.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Parses a definition; a UTF-8 byte order mark is accepted. Throws <see cref="DefinitionFormatException"/>.</summary>
    public static WorkflowDefinitionModel Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json = json.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(json))
            throw new DefinitionFormatException("The workflow definition is empty.");
        try
        {
            return JsonSerializer.Deserialize<WorkflowDefinitionModel>(json, Options)
                   ?? throw new DefinitionFormatException("The workflow definition is null.");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } ? $" at {ex.Path}" : "";
            var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new DefinitionFormatException($"The workflow definition is not valid JSON{where}{line}: {FirstSentence(ex.Message)}", ex);
        }
    }

    public static WorkflowDefinitionModel Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
            utf8 = utf8[3..];
        return Parse(Encoding.UTF8.GetString(utf8));
    }

    public static string Serialize(WorkflowDefinitionModel model, bool indented = false) =>
        JsonSerializer.Serialize(model, indented ? IndentedOptions : Options);

    public static T Clone<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Options), Options)!;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
