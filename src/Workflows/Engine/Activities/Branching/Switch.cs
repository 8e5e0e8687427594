using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Branching;

/// <summary>
/// Runs the activity of the first (MatchFirst) or every (MatchAny) case whose condition holds, else Default, and completes
/// once those have (Elsa.Switch).
/// </summary>
[Activity("Elsa", "Branching", "Evaluate a set of case conditions and schedule the activity for a matching case.")]
public sealed class Switch : Activity
{
    private const string ScheduledProperty = "ScheduledActivityIds";

    [Input(Description = "The cases to evaluate.", UIHint = "switch-editor", IsWrapped = false)]
    public List<SwitchCase>? Cases { get; set; }

    [Input(Description = "The switch mode determines whether the first match should be scheduled, or all matches.", UIHint = UIHints.DropDown, DefaultValue = SwitchMode.MatchFirst)]
    public Input<SwitchMode> Mode { get; set; } = null!;

    [Port]
    public ActivityNode? Default { get; set; }

    [Output(Description = "The value to switch on, made available as output for capturing.")]
    public Output<object> Output { get; set; } = null!;

    public override IEnumerable<ActivityNode> GetChildren() =>
        (Cases ?? []).Select(c => c.Activity).Append(Default).OfType<ActivityNode>();

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        // Every condition is evaluated, as Elsa does, before the mode picks among the matches.
        var matching = new List<SwitchCase>();
        foreach (var @case in Cases ?? [])
        {
            if (@case.Condition is not null && ExpressionModel.FromInput(new JsonObject { ["expression"] = @case.Condition.DeepClone() }) is { } expression
                && await context.EvaluateAsync(expression, typeof(bool?)) is true)
                matching.Add(@case);
        }

        var mode = await context.GetAsync(Mode);
        var chosen = mode == SwitchMode.MatchFirst ? matching.Take(1).ToList() : matching;
        context.JournalData["matched"] = new JsonArray(chosen.Select(c => (JsonNode?)c.Label).ToArray());
        var scheduled = new JsonArray();
        if (matching.Count > 0)
        {
            foreach (var @case in chosen)
            {
                if (context.ScheduleChild(@case.Activity))
                    scheduled.Add(@case.Activity!.Id);
            }
        }
        else if (context.ScheduleChild(Default))
        {
            scheduled.Add(Default!.Id);
        }

        context.Properties[ScheduledProperty] = scheduled;
        return scheduled.Count == 0 ? Done() : Pending();
    }

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child)
    {
        if (context.Properties[ScheduledProperty] is not JsonArray scheduled)
            return new(Done());
        var remaining = scheduled.Where(n => n?.GetValue<string>() != child.Execution.ActivityId).Select(n => n?.DeepClone()).ToArray();
        context.Properties[ScheduledProperty] = new JsonArray(remaining);
        return new(remaining.Length == 0 ? Done() : Pending());
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        foreach (var @case in Cases ?? [])
        {
            if (@case.Condition is { } condition && ExpressionModel.FromInput(new JsonObject { ["expression"] = condition.DeepClone() }) is { Type: not ("Literal" or "JavaScript" or "Liquid" or "Variable" or "Object" or "Json") } expression)
                yield return new("InvalidExpression", $"Activity '{Id}' (Elsa.Switch), case '{@case.Label}': expression type '{expression.Type}' is not supported.", Id);
        }
    }
}
