using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Tests.Support;

/// <summary>Activity JSON for nesting in tests (a loop's body, a sequence's steps), as Studio writes it.</summary>
public static class Nodes
{
    public static JsonObject Activity(string id, string type, params (string Name, JsonNode? Value)[] properties)
    {
        var node = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (name, value) in properties)
            node[name] = value;
        return node;
    }

    public static JsonObject Input(string typeName, string syntax, JsonNode? value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = syntax, ["value"] = value },
    };

    public static JsonObject WriteLine(string id, string text, string syntax = "Literal") =>
        Activity(id, "Elsa.WriteLine", ("text", Input("String", syntax, text)));

    /// <summary>A flowchart of activities run one after the other (each one's Done to the next).</summary>
    public static JsonObject Chain(string id, params JsonObject[] activities)
    {
        var connections = new JsonArray();
        for (var i = 1; i < activities.Length; i++)
        {
            connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = activities[i - 1]["id"]!.GetValue<string>(), ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = activities[i]["id"]!.GetValue<string>(), ["port"] = "In" },
            });
        }
        return Activity(id, "Elsa.Flowchart", ("activities", new JsonArray(activities.Select(a => (JsonNode?)a).ToArray())), ("connections", connections));
    }
}
