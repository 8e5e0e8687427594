using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Looping;

/// <summary>
/// Counts from Start to End by Step (End included unless OuterBoundInclusive is off) and runs its body for each value,
/// which the body sees as the variable CurrentValue (Elsa.For); a Break ends the loop.
/// </summary>
[Activity("Elsa", "Looping", "Iterate over a sequence of steps between a start and an end number.")]
public sealed class For : Activity
{
    private const string CurrentStep = "CurrentStep";

    [Input(Description = "The start step.")]
    public Input<int> Start { get; set; } = null!;

    [Input(Description = "The end step.")]
    public Input<int> End { get; set; } = null!;

    [Input(Description = "The step size. To count down, enter a negative number.", DefaultValue = 1)]
    public Input<int> Step { get; set; } = null!;

    [Input(Description = "Controls whether the end step is upper/lowerbound inclusive or exclusive. True (inclusive) by default.", DefaultValue = true)]
    public Input<bool> OuterBoundInclusive { get; set; } = null!;

    [Port]
    public ActivityNode? Body { get; set; }

    [Output(Description = "Stores the current value for each iteration.")]
    public Output<object> CurrentValue { get; set; } = null!;

    public override IEnumerable<ActivityNode> GetChildren() => Body is null ? [] : [Body];

    public override IEnumerable<string> ScopeVariables => ["CurrentValue"];

    // Without a body Elsa's For neither runs nor completes; it waits for ever, and so does this one.
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        Body is null ? Pending() : await IterateAsync(context);

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child) => IterateAsync(context);

    protected internal override bool OnBreak(ActivityContext context)
    {
        context.IsBreaking = true;
        return true;
    }

    private async ValueTask<ActivityResult> IterateAsync(ActivityContext context)
    {
        var end = await context.GetAsync(End);
        var start = await context.GetAsync(Start);
        var step = await context.GetAsync(Step);
        var inclusive = await context.GetAsync(OuterBoundInclusive);
        var current = context.Properties[CurrentStep] is JsonValue v && v.TryGetValue<int>(out var c) ? c + step : start;
        var up = step >= 0;
        var loop = !context.IsBreaking && (up ? inclusive ? current <= end : current < end : inclusive ? current >= end : current > end);
        if (!loop)
            return Done();

        context.ScheduleChild(Body, variables: new JsonObject { ["CurrentValue"] = current });
        context.Properties[CurrentStep] = current;
        context.SetOutput(CurrentValue.Name, CurrentValue.VariableId, current);
        return Pending();
    }
}
