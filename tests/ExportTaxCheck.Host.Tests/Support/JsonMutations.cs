using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>
/// Ways to break a JSON request: malformed text around a valid body, and field-level changes inside it (nulls, wrong
/// types, huge numbers, deep nesting). All choices come from the caller's <see cref="Random"/>, so a seed reproduces them.
/// </summary>
public static class JsonMutations
{
    private static readonly JsonSerializerOptions DeepWriter = new() { MaxDepth = 4096 };

    /// <summary>The node as JSON text, also when it is nested deeper than the serializer's default of 64.</summary>
    public static string Text(JsonNode? node) => node is null ? "null" : node.ToJsonString(DeepWriter);

    /// <summary>Bodies that are not a usable JSON object at all, built from a valid <paramref name="valid"/> body.</summary>
    public static IEnumerable<BadBody> Malformed(JsonNode valid, Random random)
    {
        var text = valid.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(text);
        yield return new("truncated", text[..random.Next(1, Math.Max(2, text.Length - 1))]);
        yield return new("truncated after the first brace", "{");
        yield return new("trailing garbage", text + " }{\"extra\": 1}");
        yield return new("two documents", text + text);
        yield return new("top-level array", "[" + text + "]");
        yield return new("top-level string", "\"" + text.Replace("\"", "'", StringComparison.Ordinal) + "\"");
        yield return new("top-level number", "42");
        yield return new("top-level true", "true");
        yield return new("top-level null", "null", mayBeAccepted: true);
        yield return new("empty body", "", mayBeAccepted: true);
        yield return new("whitespace body", " \r\n\t ", mayBeAccepted: true);
        yield return new("single quotes", text.Replace("\"", "'", StringComparison.Ordinal));
        yield return new("unquoted keys", "{model: 1, input: {a: 2}}");
        yield return new("NaN literal", "{\"value\": NaN}");
        yield return new("duplicate keys", DuplicateFirstKey(text));
        yield return new("invalid UTF-8 inside a string", Splice(bytes, random, [0xC3, 0x28]));
        yield return new("invalid UTF-8 lead bytes", [0xFF, 0xFE, .. bytes]);
        yield return new("UTF-16 body", Encoding.Unicode.GetBytes(text));
        yield return new("lone surrogate escape", InsertIntoFirstString(text, "\\ud800"));
        yield return new("NUL character escape", InsertIntoFirstString(text, "\\u0000"));
        yield return new("nesting 10,000 deep", new string('[', 10_000) + new string(']', 10_000));
        yield return new("object nesting 200 deep in a field", Nest(text, 200));
        yield return new("no content type", bytes, null, MayBeAccepted: true);
        yield return new("XML content type", "<model><definitionId>x</definitionId></model>", "application/xml");
        yield return new("form content type", "model=x&publish=true", "application/x-www-form-urlencoded");
        yield return new("JSON with an unknown charset", bytes, "application/json; charset=ebcdic", MayBeAccepted: true);
        yield return new("multipart without boundary", "--x\r\n\r\n--x--", "multipart/form-data");
    }

    /// <summary>Up to <paramref name="count"/> copies of <paramref name="valid"/>, each with one field nulled, removed, retyped or overflowed.</summary>
    public static IEnumerable<BadBody> FieldMutations(JsonNode valid, Random random, int count)
    {
        var paths = Paths(valid).ToList();
        if (paths.Count == 0)
            yield break;
        for (var i = 0; i < count; i++)
        {
            var copy = valid.DeepClone();
            var path = paths[random.Next(paths.Count)];
            var what = Mutate(copy, path, random);
            yield return new($"{what} at {path}", Text(copy), mayBeAccepted: true);
        }
    }

    /// <summary>Every field path in the tree (<c>lines[0].qty</c>), depth first, not descending into very large arrays.</summary>
    public static IEnumerable<string> Paths(JsonNode node, string prefix = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    yield return path;
                    if (child is not null)
                        foreach (var nested in Paths(child, path))
                            yield return nested;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < Math.Min(array.Count, 3); i++)
                {
                    var path = $"{prefix}[{i}]";
                    yield return path;
                    if (array[i] is { } child)
                        foreach (var nested in Paths(child, path))
                            yield return nested;
                }
                break;
        }
    }

    /// <summary>Applies one random change at <paramref name="path"/> and says which.</summary>
    public static string Mutate(JsonNode root, string path, Random random)
    {
        var (parent, key, index) = Locate(root, path);
        var current = key is not null ? ((JsonObject)parent)[key] : ((JsonArray)parent)[index];
        var (what, replacement, remove) = random.Next(10) switch
        {
            9 => ("string of 5000 characters", JsonValue.Create(new string('s', 5000)), false),
            0 => ("null", (JsonNode?)null, false),
            1 => ("removed", null, true),
            2 => ("wrong type", WrongType(current, random), false),
            3 => ("huge number", JsonNode.Parse("1e400"), false),
            4 => ("30-digit number", JsonNode.Parse("123456789012345678901234567890"), false),
            5 => ("negative number", JsonValue.Create(-2147483649L), false),
            6 => ("deep nesting", JsonNode.Parse(new string('[', 150) + new string(']', 150), documentOptions: new JsonDocumentOptions { MaxDepth = 4096 }), false),
            7 => ("empty string", JsonValue.Create(""), false),
            _ => ("wrong type", WrongType(current, random), false),
        };
        if (parent is JsonObject obj)
        {
            if (remove)
                obj.Remove(key!);
            else
                obj[key!] = replacement;
        }
        else
        {
            var array = (JsonArray)parent;
            if (remove)
                array.RemoveAt(index);
            else
                array[index] = replacement;
        }
        return what;
    }

    /// <summary>A value of another JSON kind than <paramref name="current"/>.</summary>
    public static JsonNode? WrongType(JsonNode? current, Random random)
    {
        JsonNode?[] candidates =
        [
            JsonValue.Create(42), JsonValue.Create("not-the-right-type"), JsonValue.Create(true), new JsonArray(1, "a"), new JsonObject { ["unexpected"] = 1 },
            JsonValue.Create(-1.5e300), new JsonArray(),
        ];
        var kind = current?.GetValueKind();
        var others = candidates.Where(c => c!.GetValueKind() != kind).ToList();
        return others[random.Next(others.Count)]!.DeepClone();
    }

    private static (JsonNode Parent, string? Key, int Index) Locate(JsonNode root, string path)
    {
        var parts = new List<(string? Key, int Index)>();
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            if (name.Length > 0)
                parts.Add((name, -1));
            for (var rest = bracket < 0 ? "" : segment[bracket..]; rest.Length > 0; rest = rest[(rest.IndexOf(']', StringComparison.Ordinal) + 1)..])
                parts.Add((null, int.Parse(rest[1..rest.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)));
        }
        var node = root;
        for (var i = 0; i < parts.Count - 1; i++)
            node = parts[i].Key is { } k ? node[k]! : node[parts[i].Index]!;
        return (node, parts[^1].Key, parts[^1].Index);
    }

    private static string DuplicateFirstKey(string text)
    {
        var end = text.IndexOf(':', StringComparison.Ordinal);
        return end > 1 && text.StartsWith('{') ? "{" + text[1..end] + ": 1, " + text[1..] : "{\"a\": 1, \"a\": 2}";
    }

    private static string InsertIntoFirstString(string text, string escape)
    {
        // The first string value: after the first ':"'.
        var at = text.IndexOf(":\"", StringComparison.Ordinal);
        return at < 0 ? "{\"text\": \"" + escape + "\"}" : text[..(at + 2)] + escape + text[(at + 2)..];
    }

    private static byte[] Splice(byte[] bytes, Random random, byte[] insert)
    {
        var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'"').ToList();
        var at = quotes.Count > 1 ? quotes[random.Next(quotes.Count - 1)] + 1 : bytes.Length / 2;
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }

    private static string Nest(string text, int depth)
    {
        var nested = string.Concat(Enumerable.Repeat("{\"n\":", depth)) + "1" + new string('}', depth);
        return text.StartsWith('{') && text.Length > 2 ? "{\"nested\": " + nested + ", " + text[1..] : nested;
    }
}
