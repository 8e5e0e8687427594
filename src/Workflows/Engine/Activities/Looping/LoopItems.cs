using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Activities.Looping;

/// <summary>The items a loop iterates: a list, or a JSON array written as text; nothing is an empty list.</summary>
internal static class LoopItems
{
    public static async ValueTask<JsonArray> ReadAsync(ActivityContext context, Input<object> items, string activityId)
    {
        var value = ValueConverter.ToJson(await context.GetAsync(items));
        switch (value)
        {
            case null:
                return [];
            case JsonArray array:
                return array;
            case JsonValue v when v.TryGetValue<string>(out var text):
                if (string.IsNullOrWhiteSpace(text))
                    return [];
                try
                {
                    if (JsonNode.Parse(text) is JsonArray parsed)
                        return parsed;
                }
                catch (JsonException)
                {
                    // Not JSON: refused below rather than iterated character by character.
                }
                break;
        }

        throw new ActivityFaultException("ItemsNotAList", $"Input 'items' of activity '{activityId}' is not a list: {Shorten(value.ToJsonString())}.", retryable: false);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
