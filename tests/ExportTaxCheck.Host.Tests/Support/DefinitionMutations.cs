using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>
/// Breaks real Elsa 3 definitions the ways a hand-edited file or a buggy client does: required fields dropped, values
/// of the wrong type, unknown activity types, dangling and duplicate connections, duplicate ids, broken expressions,
/// bad cron expressions, huge strings and deep nesting.
/// </summary>
public static class DefinitionMutations
{
    private static readonly string[] BrokenJavaScript = ["(((", "return ;;; }", "function (", "let x = ;", "getVariable('a'", "}{", "\"unterminated"];

    private static readonly string[] BrokenLiquid = ["{% if %}", "{{ x | }}", "{% for x in %}{% endfor", "{{{{"];

    private static readonly string[] BadCron = ["* * *", "61 * * * *", "", "@every", "0 0 31 2 *", "BadCronExpression", "* * * * * * * *"];

    private static readonly Func<JsonObject, Random, string>[] Kinds =
    [
        DropRequiredField, WrongType, UnknownActivityType, DanglingConnection, DuplicateConnection, DuplicateId, BadExpression, BadExpression,
        UnknownExpressionType, BadCronExpression, HugeString, DeepNesting, BadVariables, BadRetryPolicy, BadVersion, WrongLiteralType,
    ];

    /// <summary>Applies one to three mutations to a copy of <paramref name="definition"/>; returns the copy and what was done.</summary>
    public static (JsonObject Definition, string What) Mutate(JsonObject definition, Random random)
    {
        var copy = (JsonObject)definition.DeepClone();
        var count = random.Next(1, 4);
        var done = new List<string>();
        for (var i = 0; i < count; i++)
            done.Add(Kinds[random.Next(Kinds.Length)](copy, random));
        return (copy, string.Join("; ", done));
    }

    // An earlier mutation may have replaced the root or its lists with something else: then there is nothing to change.
    private static JsonArray Activities(JsonObject definition) => definition["root"] is JsonObject root && root["activities"] is JsonArray a ? a : [];

    private static JsonArray Connections(JsonObject definition) => definition["root"] is JsonObject root && root["connections"] is JsonArray c ? c : [];

    private static JsonObject? Pick(JsonArray array, Random random) =>
        array.Count == 0 ? null : array[random.Next(array.Count)] as JsonObject;

    /// <summary>Every <c>{ typeName, expression: { type, value } }</c> input in the tree.</summary>
    private static List<JsonObject> Inputs(JsonNode? node)
    {
        var found = new List<JsonObject>();
        Walk(node);
        return found;

        void Walk(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject obj:
                    if (obj["expression"] is JsonObject && obj.ContainsKey("typeName"))
                        found.Add(obj);
                    foreach (var (_, child) in obj)
                        Walk(child);
                    break;
                case JsonArray array:
                    foreach (var child in array)
                        Walk(child);
                    break;
            }
        }
    }

    private static string DropRequiredField(JsonObject definition, Random random)
    {
        var activity = Pick(Activities(definition), random);
        var connection = Pick(Connections(definition), random);
        switch (random.Next(8))
        {
            case 0:
                definition.Remove("root");
                return "root dropped";
            case 1:
                (definition["root"] as JsonObject)?.Remove("type");
                return "root type dropped";
            case 2:
                (definition["root"] as JsonObject)?.Remove("activities");
                return "root activities dropped";
            case 3 when activity is not null:
                activity.Remove("id");
                return "an activity id dropped";
            case 4 when activity is not null:
                activity.Remove("type");
                return "an activity type dropped";
            case 5 when connection is not null:
                connection.Remove(random.Next(2) == 0 ? "source" : "target");
                return "a connection end dropped";
            case 6 when connection is not null && connection["source"] is JsonObject source:
                source.Remove(random.Next(2) == 0 ? "activity" : "port");
                return "a connection source field dropped";
            default:
                definition.Remove("definitionId");
                return "definitionId dropped";
        }
    }

    private static string WrongType(JsonObject definition, Random random)
    {
        var paths = JsonMutations.Paths(definition).ToList();
        var path = paths[random.Next(paths.Count)];
        var (parentPath, name) = path.LastIndexOf('.') is var dot and > 0 ? (path[..dot], path[(dot + 1)..]) : ("", path);
        var parent = parentPath.Length == 0 ? definition : Navigate(definition, parentPath);
        if (parent is JsonObject obj && !name.Contains('[', StringComparison.Ordinal))
        {
            obj[name] = JsonMutations.WrongType(obj[name], random);
            return $"wrong type at {path}";
        }
        definition["root"] = JsonMutations.WrongType(definition["root"], random);
        return "wrong type at root";
    }

    private static JsonNode? Navigate(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            node = node is JsonObject obj ? obj[bracket < 0 ? segment : segment[..bracket]] : null;
            if (bracket >= 0 && node is JsonArray array)
                node = array[int.Parse(segment[(bracket + 1)..segment.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)];
        }
        return node;
    }

    private static string UnknownActivityType(JsonObject definition, Random random)
    {
        string[] types = ["Elsa.NoSuchActivity", "", "elsa.writeline", "Elsa.WriteLine, Elsa.Core", "System.IO.File", "Elsa.Flowchart.Nested.Nope"];
        var type = types[random.Next(types.Length)];
        if (Pick(Activities(definition), random) is { } activity)
            activity["type"] = type;
        else
            Activities(definition).Add(new JsonObject { ["id"] = "ghost-type", ["type"] = type });
        return $"activity type '{type}'";
    }

    private static string DanglingConnection(JsonObject definition, Random random)
    {
        var activity = Pick(Activities(definition), random)?["id"]?.GetValue<string>() ?? "a";
        var toGhost = random.Next(2) == 0;
        (definition["root"] as JsonObject)?.TryAdd("connections", new JsonArray());
        Connections(definition).Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = toGhost ? activity : "ghost", ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = toGhost ? "ghost" : activity, ["port"] = "In" },
        });
        return toGhost ? "connection to a missing activity" : "connection from a missing activity";
    }

    private static string DuplicateConnection(JsonObject definition, Random random)
    {
        if (Pick(Connections(definition), random) is not { } connection)
            return DanglingConnection(definition, random);
        Connections(definition).Add(connection.DeepClone());
        if (random.Next(2) == 0 && connection["source"] is JsonObject source)
            source["port"] = "NoSuchPort";
        return "duplicate connection";
    }

    private static string DuplicateId(JsonObject definition, Random random)
    {
        var activities = Activities(definition);
        if (activities.Count < 2)
        {
            if (definition["root"] is JsonObject root)
                root["id"] = activities.Count == 1 ? activities[0]?["id"]?.DeepClone() : "x";
            return "root id equals an activity id";
        }
        var first = random.Next(activities.Count);
        var second = (first + 1 + random.Next(activities.Count - 1)) % activities.Count;
        activities[second]!["id"] = activities[first]!["id"]?.DeepClone();
        return "duplicate activity id";
    }

    private static string BadExpression(JsonObject definition, Random random)
    {
        var inputs = Inputs(definition);
        var input = inputs.Count == 0 ? AddWriteLine(definition) : inputs[random.Next(inputs.Count)];
        var javaScript = random.Next(3) != 0;
        var value = javaScript ? BrokenJavaScript[random.Next(BrokenJavaScript.Length)] : BrokenLiquid[random.Next(BrokenLiquid.Length)];
        input["expression"] = new JsonObject { ["type"] = javaScript ? "JavaScript" : "Liquid", ["value"] = value };
        return $"{(javaScript ? "JavaScript" : "Liquid")} expression '{value}'";
    }

    private static string UnknownExpressionType(JsonObject definition, Random random)
    {
        var inputs = Inputs(definition);
        var input = inputs.Count == 0 ? AddWriteLine(definition) : inputs[random.Next(inputs.Count)];
        string[] types = ["Python", "", "C#", "javascript ", "Variable"];
        var type = types[random.Next(types.Length)];
        input["expression"] = random.Next(2) == 0
            ? new JsonObject { ["type"] = type, ["value"] = type == "Variable" ? "undeclaredVariable" : "1 + 1" }
            : new JsonObject { ["type"] = "JavaScript", ["value"] = new JsonObject { ["not"] = "a string" } };
        return $"expression type '{type}'";
    }

    private static string BadCronExpression(JsonObject definition, Random random)
    {
        var cron = BadCron[random.Next(BadCron.Length)];
        Activities(definition).Add(new JsonObject
        {
            ["id"] = "bad-cron-" + random.Next(1000),
            ["type"] = "Elsa.Cron",
            ["cronExpression"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = cron } },
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
        });
        return $"cron '{cron}'";
    }

    private static string HugeString(JsonObject definition, Random random)
    {
        var huge = new string('長', random.Next(20_000, 60_000));
        switch (random.Next(3))
        {
            case 0:
                definition["name"] = huge;
                return "name of " + huge.Length + " characters";
            case 1:
                definition["definitionId"] = huge[..5000];
                return "definitionId of 5000 characters";
            default:
                var inputs = Inputs(definition);
                var input = inputs.Count == 0 ? AddWriteLine(definition) : inputs[random.Next(inputs.Count)];
                input["expression"]!["value"] = huge;
                return "expression value of " + huge.Length + " characters";
        }
    }

    private static string DeepNesting(JsonObject definition, Random random)
    {
        var depth = random.Next(2) == 0 ? 70 : 300;
        if (random.Next(2) == 0)
        {
            JsonNode nested = new JsonObject { ["leaf"] = 1 };
            for (var i = 0; i < depth; i++)
                nested = new JsonObject { ["n"] = nested };
            definition["customProperties"] = nested;
            return $"customProperties nested {depth} deep";
        }
        JsonObject node = new() { ["id"] = "leaf", ["type"] = "Elsa.WriteLine" };
        for (var i = 0; i < depth; i++)
            node = new JsonObject { ["id"] = "f" + i, ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray(node), ["connections"] = new JsonArray() };
        Activities(definition).Add(node);
        return $"flowcharts nested {depth} deep";
    }

    private static string BadVariables(JsonObject definition, Random random)
    {
        var variables = new JsonArray(
            new JsonObject { ["id"] = "v1", ["name"] = "amount", ["typeName"] = "Int32", ["value"] = "not a number" },
            new JsonObject { ["id"] = "v2", ["name"] = "amount", ["typeName"] = "NoSuchType" },
            new JsonObject { ["id"] = "v3", ["name"] = null, ["typeName"] = "String" });
        definition["variables"] = random.Next(3) == 0 ? JsonValue.Create("variables") : variables;
        return "bad variables";
    }

    private static string BadRetryPolicy(JsonObject definition, Random random)
    {
        var activity = Pick(Activities(definition), random) ?? AddActivity(definition);
        JsonNode[] policies =
        [
            new JsonObject { ["maxAttempts"] = -1 }, new JsonObject { ["initialInterval"] = "forever" }, JsonValue.Create("retry"),
            new JsonObject { ["maxAttempts"] = 3, ["backoffCoefficient"] = 0, ["maximumInterval"] = "-00:01:00" },
        ];
        var custom = activity["customProperties"] as JsonObject ?? [];
        custom["retryPolicy"] = policies[random.Next(policies.Length)].DeepClone();
        activity["customProperties"] = custom;
        return "bad retry policy";
    }

    private static string BadVersion(JsonObject definition, Random random)
    {
        JsonNode?[] versions = [JsonValue.Create("one"), JsonValue.Create(-5), JsonNode.Parse("1e10"), JsonValue.Create(int.MaxValue), null];
        definition["version"] = versions[random.Next(versions.Length)]?.DeepClone();
        return "bad version";
    }

    private static string WrongLiteralType(JsonObject definition, Random random)
    {
        string[] typeNames = ["Int32", "TimeSpan", "DateTimeOffset", "Boolean", "Decimal", "String[]", "NoSuchType"];
        var inputs = Inputs(definition);
        var input = inputs.Count == 0 ? AddWriteLine(definition) : inputs[random.Next(inputs.Count)];
        var typeName = typeNames[random.Next(typeNames.Length)];
        input["typeName"] = typeName;
        input["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "certainly not a " + typeName };
        return $"literal that is not a {typeName}";
    }

    private static JsonObject AddWriteLine(JsonObject definition)
    {
        var activity = AddActivity(definition);
        var input = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "x" } };
        activity["text"] = input;
        return input;
    }

    private static JsonObject AddActivity(JsonObject definition)
    {
        var activity = new JsonObject { ["id"] = "added-" + Activities(definition).Count, ["type"] = "Elsa.WriteLine" };
        if (definition["root"] is JsonObject root)
        {
            root.TryAdd("activities", new JsonArray());
            (root["activities"] as JsonArray)?.Add(activity);
        }
        return activity;
    }
}
