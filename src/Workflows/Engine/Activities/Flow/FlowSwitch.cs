using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Flow;

[Activity("Elsa", "Branching", "Takes the port of the first (or every) case whose condition holds, else Default.", DisplayName = "Switch")]
public sealed class FlowSwitch : Activity, IDynamicOutcomes
{
    [Input(Description = "The cases to evaluate.", UIHint = UIHints.FlowSwitchEditor, IsWrapped = false)]
    public List<FlowSwitchCase>? Cases { get; set; }

    [Input(Description = "MatchFirst takes the first matching case; MatchAny takes every matching case.", DefaultValue = FlowSwitchMode.MatchFirst)]
    public Input<FlowSwitchMode> Mode { get; set; } = null!;

    public override IReadOnlyList<string> GetOutcomes() => [.. (Cases ?? []).Select(c => c.Label), "Default"];

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var mode = await context.GetAsync(Mode);
        var matched = new List<string>();
        foreach (var @case in Cases ?? [])
        {
            if (ExpressionOf(@case) is not { } expression)
                continue;
            if (await context.EvaluateAsync(expression, typeof(bool)) is true)
            {
                matched.Add(@case.Label);
                if (mode == FlowSwitchMode.MatchFirst)
                    break;
            }
        }

        if (matched.Count == 0)
            matched.Add("Default");
        context.JournalData["matched"] = new JsonArray(matched.Select(m => (JsonNode?)m).ToArray());
        return Outcome([.. matched]);
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var @case in Cases ?? [])
        {
            if (string.IsNullOrWhiteSpace(@case.Label))
                yield return new("CaseWithoutLabel", $"A case of switch '{Id}' has no label.", Id);
            else if (!labels.Add(@case.Label))
                yield return new("DuplicateCase", $"Switch '{Id}' has two cases labelled '{@case.Label}'.", Id);
        }
    }

    private static ExpressionModel? ExpressionOf(FlowSwitchCase @case) =>
        @case.Condition is null ? null : ExpressionModel.FromInput(new JsonObject { ["expression"] = @case.Condition.DeepClone() });
}
