using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ExportTaxCheck.Returns.Shared;

/// <summary>
/// Writes each instance of the given immutable types once per serializer setting: the next time the same instance is
/// written, its JSON is copied as it was. A case file keeps most of what it holds from one step to the next (the same
/// timeline entries, lines, documents, declarations: a step makes a new file with <c>with</c> around them), yet every
/// save and every answer wrote all of it again. The bytes are those the setting itself wrote (the same setting without
/// this factory), so the output does not change; only instances are remembered, never values, so a changed entry (a new
/// instance) is written afresh. Reading is the setting's own, without this factory.
/// </summary>
public sealed class WrittenOnceConverterFactory(params Type[] types) : JsonConverterFactory
{
    // One plain copy per setting, shared by every type it reads and by the setting's other users (ReturnsJson).
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Plain = [];

    private readonly HashSet<Type> _types = [.. types];

    public override bool CanConvert(Type typeToConvert) => _types.Contains(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(WrittenOnceConverter<>).MakeGenericType(typeToConvert), this, options)!;

    /// <summary>One per setting and type (the setting keeps it): the instances it wrote, with their JSON.</summary>
    private sealed class WrittenOnceConverter<T>(WrittenOnceConverterFactory factory, JsonSerializerOptions options) : JsonConverter<T>
        where T : class
    {
        private readonly ConditionalWeakTable<T, byte[]> _written = [];
        private readonly Lazy<JsonTypeInfo<T>> _own = new(() => (JsonTypeInfo<T>)Own(options, factory, typeof(T)).GetTypeInfo(typeof(T)));
        private readonly Lazy<JsonTypeInfo<T>> _read = new(() => (JsonTypeInfo<T>)Without(options).GetTypeInfo(typeof(T)));

        // Read in one go by the setting without any of this, not part by part through it.
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, _read.Value);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            // Kept JSON is compact: indented output is written in place, at its own depth.
            if (writer.Options.Indented)
            {
                JsonSerializer.Serialize(writer, value, _own.Value);
                return;
            }
            if (!_written.TryGetValue(value, out var json))
            {
                json = JsonSerializer.SerializeToUtf8Bytes(value, _own.Value);
                _written.AddOrUpdate(value, json);
            }
            writer.WriteRawValue(json, skipInputValidation: true);
        }
    }

    /// <summary>
    /// The same setting without any written-once parts (for reading: there is nothing to keep), made once per setting and
    /// shared: copy it to change it.
    /// </summary>
    public static JsonSerializerOptions Without(JsonSerializerOptions options) =>
        Plain.GetValue(options, static setting =>
        {
            var plain = new JsonSerializerOptions(setting);
            foreach (var factory in plain.Converters.OfType<WrittenOnceConverterFactory>().ToList())
                plain.Converters.Remove(factory);
            // Shared, so settled now, with the reflection resolver where the setting had none yet (a setting not used yet has
            // none, and a copy made then would have none when a reader asks it for a type).
            plain.MakeReadOnly(populateMissingResolver: true);
            return plain;
        });

    /// <summary>
    /// The setting <paramref name="type"/> itself is written with: the same, but for <paramref name="type"/>, which it writes
    /// as it would without this factory; the other types in it are still written once (the lines of a case whose status
    /// changed, the entries of a new timeline).
    /// </summary>
    private static JsonSerializerOptions Own(JsonSerializerOptions options, WrittenOnceConverterFactory factory, Type type)
    {
        var own = new JsonSerializerOptions(options);
        own.Converters.Remove(factory);
        if (factory._types.Where(t => t != type).ToArray() is { Length: > 0 } others)
            own.Converters.Add(new WrittenOnceConverterFactory(others));
        return own;
    }
}
