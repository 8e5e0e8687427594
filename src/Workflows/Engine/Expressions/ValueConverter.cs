using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Expressions;

/// <summary>Converts expression results and stored JSON values to the CLR type an input asks for.</summary>
public static class ValueConverter
{
    public static T? Convert<T>(object? value) => (T?)Convert(value, typeof(T));

    public static object? Convert(object? value, Type targetType)
    {
        var target = Nullable.GetUnderlyingType(targetType) ?? targetType;
        if (value is JsonNode node)
            return FromJson(node, target);
        if (value is JsonElement element)
            return FromJson(JsonSerializer.SerializeToNode(element), target);
        if (value is null)
            return target.IsValueType && Nullable.GetUnderlyingType(targetType) is null ? Activator.CreateInstance(target) : null;
        if (target.IsInstanceOfType(value))
            return value;
        if (target == typeof(object))
            return value;
        if (target == typeof(string))
            return value switch
            {
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                IDictionary or IList => JsonSerializer.Serialize(value, WorkflowJson.Options),
                _ => value.ToString(),
            };
        if (target == typeof(JsonNode) || target == typeof(JsonObject) || target == typeof(JsonArray))
            return FromJson(ToJson(value), target);
        if (value is string text)
            return Parse(text, target);
        if (target.IsEnum)
            return Enum.ToObject(target, value);
        if (target == typeof(TimeSpan) && value is IConvertible)
            return TimeSpan.FromMilliseconds(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        return FromJson(ToJson(value), target);
    }

    public static object? Parse(string text, Type target)
    {
        try
        {
            if (target == typeof(string) || target == typeof(object))
                return text;
            if (target == typeof(bool))
                return string.IsNullOrWhiteSpace(text) ? false : bool.Parse(text.Trim());
            if (target.IsEnum)
                return Enum.Parse(target, text.Trim(), ignoreCase: true);
            if (target == typeof(TimeSpan))
                return TimeSpan.Parse(text.Trim(), CultureInfo.InvariantCulture);
            if (target == typeof(DateOnly))
                return DateOnly.Parse(text.Trim(), CultureInfo.InvariantCulture);
            if (target == typeof(DateTimeOffset))
                return DateTimeOffset.Parse(text.Trim(), CultureInfo.InvariantCulture);
            if (target == typeof(DateTime))
                return DateTime.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            if (target == typeof(Guid))
                return Guid.Parse(text.Trim());
            if (target == typeof(decimal))
                return decimal.Parse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture);
            if (typeof(IConvertible).IsAssignableFrom(target))
                return System.Convert.ChangeType(text.Trim(), target, CultureInfo.InvariantCulture);
            if (target == typeof(JsonNode) || target == typeof(JsonObject) || target == typeof(JsonArray))
                return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, target, WorkflowJson.Options);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException or JsonException or InvalidCastException)
        {
            throw new ExpressionException($"'{Shorten(text)}' is not a valid {target.Name}.", ex);
        }
    }

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonSerializer.SerializeToNode(element),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), WorkflowJson.Options),
    };

    private static object? FromJson(JsonNode? node, Type target)
    {
        if (node is null)
            return target.IsValueType ? Activator.CreateInstance(target) : null;
        if (target == typeof(JsonNode) || target.IsInstanceOfType(node))
            return node.DeepClone();
        if (target == typeof(object))
            return ToPlain(node);
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            return Parse(value.GetValue<string>(), target);
        if (target == typeof(string))
            return node is JsonValue v ? v.ToJsonString().Trim('"') : node.ToJsonString();
        try
        {
            return node.Deserialize(target, WorkflowJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ExpressionException($"{Shorten(node.ToJsonString())} is not a valid {target.Name}.", ex);
        }
    }

    /// <summary>JSON to plain CLR values: string, bool, decimal, long, Dictionary, List.</summary>
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<object>() is JsonElement e ? e.GetString() : value.GetValue<object>()?.ToString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Values built in code keep their CLR type (an int is not read as a long); those parsed from text read as any.
            JsonValueKind.Number => value.TryGetValue<long>(out var l) ? l
                : value.TryGetValue<int>(out var i) ? (long)i
                : value.TryGetValue<decimal>(out var d) ? d
                : value.TryGetValue<double>(out var f) ? f
                : decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.Null => null,
            _ => value.ToJsonString(),
        },
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
