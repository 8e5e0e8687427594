namespace ExportTaxCheck.Engine.Activities.Flow;

/// <summary>A terminal node: its flowchart completes when it does, cancelling the other branches (Elsa's ITerminalNode).</summary>
[Activity("Elsa", "Flow", "A milestone activity that marks the end of a flowchart: other branches of that flowchart are cancelled.", IsTerminal = true)]
public sealed class End : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(Done());
}
