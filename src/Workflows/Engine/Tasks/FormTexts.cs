using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// A form's label or help text: either a text of the workspace catalogue (translated by the page) or the analyst's own
/// words in both languages, <c>{ "en": "…", "zh-CN": "…" }</c>.
/// </summary>
public static class FormTexts
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    /// <summary>The text for <paramref name="culture"/> (Chinese for any zh culture, else English); a plain string as it is.</summary>
    public static string? In(JsonNode? text, string culture) => text switch
    {
        JsonValue v when v.TryGetValue<string>(out var plain) => plain,
        JsonObject both => Of(both, culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English) ?? Of(both, English) ?? Of(both, Chinese),
        _ => null,
    };

    /// <summary>True when the text is written in the definition in both languages (the page shows it as it is, not through the catalogue).</summary>
    public static bool IsOwn(JsonNode? text) => text is JsonObject;

    /// <summary>Definition-time problem of a text: a string, or an object with a non-empty <c>en</c> and <c>zh-CN</c>.</summary>
    public static string? Problem(JsonNode? text) => text switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out _) => null,
        JsonObject both when Of(both, English) is { Length: > 0 } && Of(both, Chinese) is { Length: > 0 } => null,
        _ => $"must be a text or {{ \"{English}\": \"…\", \"{Chinese}\": \"…\" }} with both languages",
    };

    private static string? Of(JsonObject both, string language) => both[language] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
