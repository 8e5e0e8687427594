namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>
/// Assigns an output (Elsa.SetOutput): of the nearest workflow used as an activity that declares it (the value becomes
/// that activity's output), else of the workflow itself (its <c>output</c>, returned to whoever executed it).
/// </summary>
[Activity("Elsa", "Composition", "Assigns a given value to a the container's output.", DisplayName = "Set Output")]
public sealed class SetOutput : Activity
{
    [Input(DisplayName = "Output", Description = "The output to assign.", UIHint = "output-picker")]
    public Input<string> OutputName { get; set; } = null!;

    [Input(Description = "The value to assign.")]
    public Input<object> OutputValue { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = await context.GetRequiredAsync(OutputName);
        var value = Expressions.ValueConverter.ToJson(await context.GetAsync(OutputValue));
        context.SetContainerOutput(name, value);
        context.JournalData["output"] = name;
        return Done();
    }
}
