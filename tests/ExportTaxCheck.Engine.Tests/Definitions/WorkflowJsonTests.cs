using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Definitions;

public class WorkflowJsonTests
{
    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Samples.All)
            data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void ParseThenSerialize_ElsaSample_KeepsEveryField(string file)
    {
        var text = File.ReadAllText(Samples.PathOf(file));
        var original = JsonNode.Parse(text.TrimStart('\uFEFF'))!;

        var saved = JsonNode.Parse(WorkflowJson.Serialize(WorkflowJson.Parse(text)))!;

        Assert.True(JsonNode.DeepEquals(Normalize(original), Normalize(saved)),
            $"{file} changed in a round trip.\nBefore: {Normalize(original)!.ToJsonString()}\nAfter:  {Normalize(saved)!.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Serialize_Twice_IsStable(string file)
    {
        var once = WorkflowJson.Serialize(WorkflowJson.Parse(File.ReadAllText(Samples.PathOf(file))));
        var twice = WorkflowJson.Serialize(WorkflowJson.Parse(once));
        Assert.Equal(once, twice);
    }

    [Fact]
    public void Parse_LegacyConnection_ReadsPortsIntoEndpoints()
    {
        var model = WorkflowJson.Parse(File.ReadAllText(Samples.PathOf("ImportAndExecute-implicit-loop.json")));
        var loopBack = model.Root!.Connections!.Single(c => c.Source.Activity == "WriteLine2");
        Assert.Equal("Done", loopBack.Source.Port);
        Assert.Equal("WriteLine1", loopBack.Target.Activity);
        Assert.Equal("In", loopBack.Target.Port);
    }

    [Fact]
    public void Parse_InputExpression_ExposesTypeAndValue()
    {
        var model = WorkflowJson.Parse(File.ReadAllText(Samples.PathOf("ImportAndExecute-implicit-loop.json")));
        var decision = model.Root!.Activities!.Single(a => a.Type == "Elsa.FlowDecision");
        var condition = decision.GetInputExpression("condition");
        Assert.Equal("JavaScript", condition!.Type);
        Assert.Equal("getCounter() > 1", condition.Text);
        Assert.Equal("Boolean", condition.TypeName);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{ \"definitionId\": ", "not valid JSON")]
    [InlineData("[1, 2]", "not valid JSON")]
    [InlineData("{ \"definitionId\": \"d\", \"root\": { \"id\": \"f\", \"type\": \"Elsa.Flowchart\", \"activities\": [], \"connections\": [null] } }", "A connection must be a JSON object")]
    public void Parse_Malformed_ThrowsWithReason(string json, string expected)
    {
        var ex = Assert.Throws<DefinitionFormatException>(() => WorkflowJson.Parse(json));
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The comparison allows exactly these rewrites: legacy connections are written in the current
    /// { source: { activity, port } } form, properties whose value is null may be left out, a missing
    /// definition or activity version is written as 1, missing isLatest/isPublished flags as false and missing
    /// ids as "" (Elsa's own defaults), and createdAt is written in the round-trip format (the same instant,
    /// other digits).
    /// </summary>
    private static JsonNode? Normalize(JsonNode? node) => NormalizeNode(node, isTop: true);

    private static JsonNode? NormalizeNode(JsonNode? node, bool isTop)
    {
        if (node is JsonObject activity && !isTop && activity.ContainsKey("id") && activity["type"] is JsonValue && !activity.ContainsKey("version"))
        {
            activity = (JsonObject)activity.DeepClone();
            activity["version"] = 1;
            node = activity;
        }

        if (node is JsonObject top && isTop)
        {
            top = (JsonObject)top.DeepClone();
            foreach (var id in new[] { "id", "definitionId" })
            {
                if (!top.ContainsKey(id))
                    top[id] = "";
            }
            if (!top.ContainsKey("version"))
                top["version"] = 1;
            foreach (var flag in new[] { "isLatest", "isPublished" })
            {
                if (!top.ContainsKey(flag))
                    top[flag] = false;
            }
            if (top["createdAt"] is JsonValue created && created.TryGetValue<string>(out var text))
                top["createdAt"] = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToString("O", CultureInfo.InvariantCulture);
            node = top;
        }

        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (value is null)
                        continue;
                    if (key == "connections" && value is JsonArray connections)
                    {
                        result[key] = new JsonArray(connections.Select(c => NormalizeNode(NormalizeConnection(c!.AsObject()), isTop: false)).ToArray());
                        continue;
                    }
                    result[key] = NormalizeNode(value, isTop: false);
                }
                return result;
            case JsonArray array:
                return new JsonArray(array.Select(item => NormalizeNode(item, isTop: false)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    private static JsonObject NormalizeConnection(JsonObject connection)
    {
        if (connection["source"] is not JsonValue)
            return connection;
        var copy = new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = connection["source"]!.DeepClone(), ["port"] = connection["sourcePort"]?.DeepClone() },
            ["target"] = new JsonObject { ["activity"] = connection["target"]!.DeepClone(), ["port"] = connection["targetPort"]?.DeepClone() },
        };
        foreach (var (key, value) in connection)
        {
            if (key is not ("source" or "target" or "sourcePort" or "targetPort"))
                copy[key] = value?.DeepClone();
        }
        return copy;
    }
}
