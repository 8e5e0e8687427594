namespace ExportTaxCheck.Engine.Activities.Looping;

/// <summary>Runs its body while the condition holds, evaluating it before every round (Elsa.While); a Break ends the loop.</summary>
[Activity("Elsa", "Looping", "Execute an activity while a given condition evaluates to true.")]
public sealed class While : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = UIHints.SingleLine)]
    public Input<bool> Condition { get; set; } = null!;

    [Port]
    public ActivityNode? Body { get; set; }

    public override IEnumerable<ActivityNode> GetChildren() => Body is null ? [] : [Body];

    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => IterateAsync(context);

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child) => IterateAsync(context);

    protected internal override bool OnBreak(ActivityContext context)
    {
        context.IsBreaking = true;
        return true;
    }

    private async ValueTask<ActivityResult> IterateAsync(ActivityContext context)
    {
        if (context.IsBreaking || !await context.GetAsync(Condition))
            return Done();
        // Elsa would spin on a true condition with nothing to run; refused instead of looping without end.
        if (!context.ScheduleChild(Body))
            throw new ActivityFaultException("LoopWithoutBody", $"Activity '{Id}' (Elsa.While) has no body (property 'body') and its condition holds: it would loop without end.", retryable: false);
        return Pending();
    }
}
