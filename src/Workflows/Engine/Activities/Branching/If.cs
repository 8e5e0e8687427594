namespace ExportTaxCheck.Engine.Activities.Branching;

/// <summary>Runs Then or Else by a condition and completes when that has (Elsa.If); its result is the condition.</summary>
[Activity("Elsa", "Branching", "Evaluate a Boolean condition to determine which activity to execute next.")]
public sealed class If : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = UIHints.SingleLine)]
    public Input<bool> Condition { get; set; } = null!;

    [Port]
    public ActivityNode? Then { get; set; }

    [Port]
    public ActivityNode? Else { get; set; }

    [Output(Description = "The value of the condition.")]
    public Output<bool> Result { get; set; } = null!;

    public override IEnumerable<ActivityNode> GetChildren() => new[] { Then, Else }.OfType<ActivityNode>();

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var condition = await context.GetAsync(Condition);
        context.SetOutput(Result, condition);
        context.JournalData["condition"] = condition;
        // No branch for the outcome: Elsa completes at once.
        return context.ScheduleChild(condition ? Then : Else) ? Pending() : Done();
    }

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child) => new(Done());
}
