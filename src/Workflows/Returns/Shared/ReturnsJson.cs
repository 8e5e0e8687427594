using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Returns.Shared;

public static class ReturnsJson
{
    /// <summary>The one serializer setting for the domain's stored and wire JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new ReadOnlySetConverterFactory() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Requests are read more strictly than stored data: a null where the contract has no null, or a missing
    /// constructor argument, is a format error naming the field, not a NullReferenceException wherever it is first used.
    /// </summary>
    public static JsonSerializerOptions Requests { get; } = new(Options) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is empty.");
}
