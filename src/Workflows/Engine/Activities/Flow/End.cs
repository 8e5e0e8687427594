namespace ExportTaxCheck.Engine.Activities.Flow;

[Activity("Elsa", "Flow", "Ends the flowchart it is in: other branches of that flowchart are cancelled.", IsTerminal = true)]
public sealed class End : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(new ActivityResult.CompleteContainer());
}
