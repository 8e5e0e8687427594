namespace ExportTaxCheck.Engine.Activities.Looping;

/// <summary>Breaks out of the nearest loop (Elsa.Break): the loop completes once its current round has.</summary>
[Activity("Elsa", "Looping", "Break out of a loop.", IsTerminal = true)]
public sealed class Break : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(new ActivityResult.BreakLoop());
}
