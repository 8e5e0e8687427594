namespace ExportTaxCheck.Engine.Activities.Primitives;

/// <summary>Sets the instance's name (Elsa.SetName), as the instance list shows it.</summary>
[Activity("Elsa", "Primitives", "Set the name of the workflow instance to a specified value.", DisplayName = "Set Name")]
public sealed class SetName : Activity
{
    [Input(Description = "The name to give the workflow instance.")]
    public Input<string> Value { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var value = await context.GetAsync(Value) ?? "";
        context.InstanceName = value;
        context.JournalData["name"] = value;
        return Done();
    }
}
