using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// What a definition may change in a step's form. The step's code reads the fields of its default form, so each must stay:
/// with its name and type (and widget), at least as required (for the same outcomes), with no option the code does not
/// know and no looser length or pattern. Labels, help texts, order, option labels, fewer options and extra
/// fields are the analyst's to change.
/// </summary>
public static class TaskFormGuard
{
    /// <summary>One sentence per field the definition's <paramref name="form"/> breaks; none when it keeps <paramref name="defaults"/>.</summary>
    public static IEnumerable<string> Check(JsonArray? form, JsonArray? defaults)
    {
        if (form is null || defaults is null)
            yield break;
        var fields = form.OfType<JsonObject>().Where(f => Text(f, "name") is not null).GroupBy(f => Text(f, "name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var expected in defaults.OfType<JsonObject>())
        {
            var name = Text(expected, "name")!;
            if (!fields.TryGetValue(name, out var field))
            {
                yield return $"form field '{name}' is missing; the step reads it, so the form must keep it (its label, help and options may change).";
                continue;
            }
            foreach (var problem in Compare(name, expected, field))
                yield return problem;
        }
    }

    private static IEnumerable<string> Compare(string name, JsonObject expected, JsonObject field)
    {
        var type = Text(expected, "type") ?? "text";
        if ((Text(field, "type") ?? "text") != type)
            yield return $"form field '{name}' must stay of type '{type}', not '{Text(field, "type") ?? "text"}'.";
        if (Text(expected, "widget") is { } widget && Text(field, "widget") != widget)
            yield return $"form field '{name}' must keep widget '{widget}'.";
        if (IsTrue(expected, "required") && !IsTrue(field, "required"))
            yield return $"form field '{name}' must stay required.";
        var requiredFor = Strings(field["requiredFor"]);
        if (!IsTrue(field, "required") && Strings(expected["requiredFor"]).Except(requiredFor, StringComparer.Ordinal).ToList() is { Count: > 0 } dropped)
            yield return $"form field '{name}' must stay required for {string.Join(", ", dropped)}.";
        if (expected["options"] is JsonArray known)
        {
            var values = known.Select(OptionValue).ToHashSet(StringComparer.Ordinal);
            var offered = (field["options"] as JsonArray ?? []).Select(OptionValue).ToList();
            if (offered.FirstOrDefault(o => !values.Contains(o)) is { } unknown)
                yield return $"form field '{name}' offers option '{unknown}', which the step does not know (use {string.Join(", ", values)}).";
        }
        if (Text(expected, "pattern") is { } pattern && Text(field, "pattern") != pattern)
            yield return $"form field '{name}' must keep its pattern {pattern}.";
        if (expected["maxLength"] is JsonValue m && m.TryGetValue<int>(out var max)
            && !(field["maxLength"] is JsonValue f && f.TryGetValue<int>(out var given) && given <= max))
            yield return $"form field '{name}' must keep a maxLength of at most {max}.";
    }

    private static bool IsTrue(JsonObject field, string name) => field[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static List<string> Strings(JsonNode? node) => node is JsonArray items ? items.Select(i => i?.ToString() ?? "").ToList() : [];

    private static string OptionValue(JsonNode? option) => option is JsonObject o ? o["value"]?.ToString() ?? "" : option?.ToString() ?? "";

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
