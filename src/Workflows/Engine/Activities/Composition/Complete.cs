using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>
/// Completes the composite it runs in as a whole, with the given outcomes (Elsa.Complete): a workflow used as an
/// activity takes them as its ports; at the top of a workflow, the workflow completes.
/// </summary>
[Activity("Elsa", "Composition", "Signals the current composite activity to complete itself as a whole.", IsTerminal = true)]
public sealed class Complete : Activity
{
    [Input(Description = "The outcome or set of outcomes to complete this activity with.", UIHint = UIHints.OutcomePicker, DefaultSyntax = "Object")]
    public Input<object> Outcomes { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var outcomes = Interpret(ValueConverter.ToJson(await context.GetAsync(Outcomes)));
        context.JournalData["outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode?)o).ToArray());
        return new ActivityResult.CompleteComposite(outcomes);
    }

    /// <summary>A text is one outcome, a list is several (a JSON array written as text too), nothing is Done.</summary>
    private static List<string> Interpret(JsonNode? value)
    {
        switch (value)
        {
            case JsonArray array:
                return array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "").ToList();
            case JsonValue v when v.TryGetValue<string>(out var text):
                var trimmed = text.Trim();
                if (trimmed.StartsWith('['))
                {
                    try
                    {
                        if (JsonNode.Parse(trimmed) is JsonArray parsed)
                            return Interpret(parsed);
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        // Not a list after all: the text is the outcome.
                    }
                }
                return [text];
            case null:
                return ["Done"];
            default:
                return [value.ToJsonString()];
        }
    }
}
