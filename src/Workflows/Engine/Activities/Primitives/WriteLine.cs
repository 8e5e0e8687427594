namespace ExportTaxCheck.Engine.Activities.Primitives;

[Activity("Elsa", "Primitives", "Writes a line of text to the log and the journal.", DisplayName = "Write Line")]
public sealed class WriteLine : Activity
{
    [Input(Description = "The text to write.")]
    public Input<string> Text { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.WriteLine(await context.GetAsync(Text) ?? "");
        return Done();
    }
}
