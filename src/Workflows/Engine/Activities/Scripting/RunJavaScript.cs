using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Activities.Scripting;

/// <summary>
/// Runs a script (Elsa.RunJavaScript) with the same functions expressions have, plus <c>setOutcome(name)</c> and
/// <c>setOutcomes([...])</c> to choose its ports (Done when it chooses none); what the script returns is its result.
/// </summary>
[Activity("Elsa", "Scripting", "Executes JavaScript code", DisplayName = "Run JavaScript")]
public sealed class RunJavaScript : Activity, IDynamicOutcomes
{
    [Input(Description = "The script to run.", UIHint = UIHints.CodeEditor, DefaultSyntax = "JavaScript")]
    public Input<string> Script { get; set; } = null!;

    [Input(Description = "A list of possible outcomes.", UIHint = UIHints.DynamicOutcomes)]
    public Input<string> PossibleOutcomes { get; set; } = null!;

    [Output(Description = "The value the script returned.")]
    public Output<object> Result { get; set; } = null!;

    public override IReadOnlyList<string>? GetOutcomes() => null;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        // The script is the input's text; written with JavaScript syntax it is the same text (not evaluated twice).
        var script = Script.Expression is { Type: "JavaScript" } code ? code.Text : await context.GetAsync(Script);
        if (string.IsNullOrWhiteSpace(script))
            return Done();

        List<string>? outcomes = null;
        var evaluator = context.GetRequiredService<JavaScriptEvaluator>();
        var result = await evaluator.EvaluateAsync(script, context, context.CancellationToken, new Dictionary<string, Delegate>(StringComparer.Ordinal)
        {
            ["setOutcome"] = new Action<string>(outcome => outcomes = [outcome]),
            ["setOutcomes"] = new Action<object[]>(values => outcomes = values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList()),
        });
        if (result is not null)
            context.SetOutput(Result.Name, Result.VariableId, ValueConverter.ToJson(result));
        var taken = outcomes ?? ["Done"];
        context.JournalData["outcomes"] = new JsonArray(taken.Select(o => (JsonNode?)o).ToArray());
        return Outcome([.. taken]);
    }
}
