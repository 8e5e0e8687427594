using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Returns.Shared;

/// <summary>System.Text.Json cannot create an <see cref="IReadOnlySet{T}"/>; the domain's sets are read as hash sets.</summary>
internal sealed class ReadOnlySetConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlySet<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ReadOnlySetConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ReadOnlySetConverter<T> : JsonConverter<IReadOnlySet<T>>
    {
        public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<HashSet<T>>(ref reader, options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToList(), options);
    }
}
