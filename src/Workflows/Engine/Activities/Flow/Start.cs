namespace ExportTaxCheck.Engine.Activities.Flow;

[Activity("Elsa", "Flow", "The starting point of the flowchart.", IsStart = true)]
public sealed class Start : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(Done());
}
