using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// Task forms: <c>[{ name, label, type, required, requiredFor: [outcomes], options, pattern, description }]</c>, with
/// types text, multiline, number, date, boolean, select, multiselect and json. The server checks what the
/// officer submitted against the form, so a page or a script cannot complete a task with a bad value.
/// </summary>
public static class TaskForms
{
    private static readonly HashSet<string> Types = ["text", "multiline", "number", "date", "boolean", "select", "multiselect", "json"];

    /// <summary>Definition-time problems of a form (unknown type, missing name, select without options).</summary>
    public static IEnumerable<string> CheckDefinition(JsonArray? form)
    {
        if (form is null)
            yield break;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in form)
        {
            if (node is not JsonObject field || Text(field, "name") is not { Length: > 0 } name)
            {
                yield return "every form field needs a name.";
                continue;
            }
            if (!names.Add(name))
                yield return $"form field '{name}' appears twice.";
            var type = Text(field, "type") ?? "text";
            if (!Types.Contains(type))
                yield return $"form field '{name}' has unknown type '{type}' (use {string.Join(", ", Types)}).";
            if (type is "select" or "multiselect" && field["options"] is not JsonArray { Count: > 0 })
                yield return $"form field '{name}' needs options.";
            if (Text(field, "pattern") is { } pattern && !IsRegex(pattern))
                yield return $"form field '{name}' has an invalid pattern.";
            foreach (var property in new[] { "label", "description" })
            {
                if (FormTexts.Problem(field[property]) is { } problem)
                    yield return $"form field '{name}': {property} {problem}.";
            }
            foreach (var option in (field["options"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (FormTexts.Problem(option["label"]) is { } problem)
                    yield return $"form field '{name}', option '{option["value"]}': label {problem}.";
            }
        }
    }

    /// <summary>Checks submitted data; throws a 400 problem naming every bad field.</summary>
    public static void Validate(JsonArray? form, JsonObject data, string outcome)
    {
        if (form is null)
            return;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in form.OfType<JsonObject>())
        {
            var name = Text(field, "name");
            if (string.IsNullOrEmpty(name))
                continue;
            var label = FormTexts.In(field["label"], FormTexts.English) ?? name;
            var value = data[name];
            var required = field["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req
                           || field["requiredFor"] is JsonArray when && when.Any(o => o?.ToString() == outcome);
            if (IsEmpty(value))
            {
                if (required)
                    errors[name] = [$"{label} is required."];
                continue;
            }
            if (Check(field, value!) is { } problem)
                errors[name] = [$"{label} {problem}"];
        }
        if (errors.Count > 0)
            throw new InvalidRequestException("FORM_INVALID", "The task form has errors: " + string.Join(" ", errors.Values.SelectMany(e => e)), errors);
    }

    private static string? Check(JsonObject field, JsonNode value)
    {
        var type = Text(field, "type") ?? "text";
        var options = field["options"] is JsonArray o ? o.Select(x => x is JsonObject opt ? Text(opt, "value") : x?.ToString()).ToHashSet(StringComparer.Ordinal) : null;
        switch (type)
        {
            case "number":
                if (value is not JsonValue n || !(n.TryGetValue<decimal>(out _) || (n.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out _))))
                    return "must be a number.";
                break;
            case "date":
                if (value is not JsonValue d || !d.TryGetValue<string>(out var ds) || !DateOnly.TryParseExact(ds, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    return "must be a date (YYYY-MM-DD).";
                break;
            case "boolean":
                if (value is not JsonValue b || !(b.TryGetValue<bool>(out _) || (b.TryGetValue<string>(out var bs) && bool.TryParse(bs, out _))))
                    return "must be true or false.";
                break;
            case "select":
                if (value is not JsonValue sv || options is null || !options.Contains(sv.ToString()))
                    return $"must be one of: {string.Join(", ", options ?? [])}.";
                break;
            case "multiselect":
                if (value is not JsonArray items || options is null || items.Any(i => i is null || !options.Contains(i.ToString())))
                    return $"must be a list of: {string.Join(", ", options ?? [])}.";
                break;
            case "json":
                break;
            default:
                if (value is not JsonValue t || !t.TryGetValue<string>(out var text))
                    return "must be text.";
                if (field["maxLength"] is JsonValue ml && ml.TryGetValue<int>(out var max) && text.Length > max)
                    return $"must be at most {max} characters.";
                if (Text(field, "pattern") is { } pattern && IsRegex(pattern) && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                    return "has the wrong format.";
                break;
        }
        return null;
    }

    private static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s)) || value is JsonArray { Count: 0 };

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
