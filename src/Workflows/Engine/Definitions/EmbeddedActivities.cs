using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>
/// Activities embedded in other activities' properties (a loop's <c>body</c>, If's <c>then</c>, a switch case's
/// <c>activity</c>, a sequence's or fork's list), found the way Studio finds them: a JSON object with a string
/// <c>type</c> and <c>id</c> is an activity; inputs (<c>{ typeName, expression }</c>) and expressions never have both.
/// </summary>
public static class EmbeddedActivities
{
    private static readonly HashSet<string> NotEmbedding = new(StringComparer.OrdinalIgnoreCase) { "metadata", "customProperties", "nodeId", "connections" };

    public static bool IsActivity(JsonObject obj) =>
        obj["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type.Length > 0
        && obj["id"] is JsonValue i && i.TryGetValue<string>(out _);

    /// <summary>The activities embedded in the node's properties (copies), not its flowchart or sequence children.</summary>
    public static IEnumerable<ActivityNode> Of(ActivityNode node)
    {
        foreach (var (key, value) in node.Properties ?? [])
        {
            if (NotEmbedding.Contains(key))
                continue;
            foreach (var embedded in Find(JsonBag.ToNode(value)))
            {
                if (embedded.Deserialize<ActivityNode>(WorkflowJson.Options) is { } child)
                    yield return child;
            }
        }
    }

    /// <summary>Every activity under the node: its children, and the activities embedded in its properties, depth first.</summary>
    public static IEnumerable<ActivityNode> Descendants(ActivityNode node)
    {
        foreach (var child in (node.Activities ?? []).Concat(Of(node)))
        {
            yield return child;
            foreach (var descendant in Descendants(child))
                yield return descendant;
        }
    }

    /// <summary>Gives every embedded activity under the node (at any depth) Elsa's node id: its parent's node id and its own id.</summary>
    public static void AssignNodeIds(ActivityNode node, string nodeId)
    {
        foreach (var key in (node.Properties ?? []).Keys.ToList())
        {
            if (NotEmbedding.Contains(key))
                continue;
            var value = JsonBag.ToNode(node.Properties![key]);
            if (value is JsonObject or JsonArray && Assign(value, nodeId))
                node.Properties[key] = value;
        }
    }

    private static IEnumerable<JsonObject> Find(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj when IsActivity(obj):
                yield return obj;
                break;
            case JsonObject obj when obj["activity"] is JsonObject inner && IsActivity(inner):
                yield return inner;
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var found in Find(item))
                        yield return found;
                }
                break;
        }
    }

    /// <summary>Sets nodeIds in a property's JSON; true when something changed.</summary>
    private static bool Assign(JsonNode value, string parentNodeId)
    {
        var changed = false;
        foreach (var activity in Find(value))
        {
            var nodeId = $"{parentNodeId}:{activity["id"]!.GetValue<string>()}";
            if (activity["nodeId"] is not JsonValue current || !current.TryGetValue<string>(out var text) || text != nodeId)
            {
                activity["nodeId"] = nodeId;
                changed = true;
            }

            foreach (var (key, child) in activity.ToList())
            {
                if (!NotEmbedding.Contains(key) && child is JsonObject or JsonArray)
                    changed |= Assign(child, nodeId);
            }
        }
        return changed;
    }
}
