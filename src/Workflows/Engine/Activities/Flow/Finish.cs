namespace ExportTaxCheck.Engine.Activities.Flow;

[Activity("Elsa", "Primitives", "Completes the workflow: every other branch is cancelled.", IsTerminal = true)]
public sealed class Finish : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(new ActivityResult.CompleteWorkflow());
}
