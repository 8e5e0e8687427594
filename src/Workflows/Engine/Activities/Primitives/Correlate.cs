namespace ExportTaxCheck.Engine.Activities.Primitives;

/// <summary>Sets the instance's correlation id (Elsa.Correlate); bookmarks made after it carry the new one.</summary>
[Activity("Elsa", "Primitives", "Set the CorrelationId of the workflow to a given value.")]
public sealed class Correlate : Activity
{
    [Input(Description = "An expression that evaluates to the value to store as the correlation id")]
    public Input<string> CorrelationId { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var value = await context.GetAsync(CorrelationId);
        context.CorrelationId = value;
        context.JournalData["correlationId"] = value;
        return Done();
    }
}
