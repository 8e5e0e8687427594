namespace ExportTaxCheck.Engine.Activities.Flow;

[Activity("Elsa", "Branching", "Takes the True or the False port depending on a condition.", DisplayName = "Decision")]
[Outcomes("True", "False")]
public sealed class FlowDecision : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = UIHints.SingleLine, DefaultSyntax = "JavaScript")]
    public Input<bool> Condition { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var result = await context.GetAsync(Condition);
        context.JournalData["condition"] = result;
        return Outcome(result ? "True" : "False");
    }
}
