namespace ExportTaxCheck.Engine.Activities.Flow;

/// <summary>A set of activities and the connections between them. Runs its children; completes when none is left.</summary>
[Activity("Elsa", "Flow", "A flowchart is a collection of activities and connections between them.", IsBrowsable = false)]
public sealed class Flowchart : Activity
{
    // The interpreter runs containers itself; this is never called.
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(Done());
}
