namespace ExportTaxCheck.Engine.Activities.Flow;

[Activity("Elsa", "Primitives", "Faults the workflow with a code and a message.", IsTerminal = true)]
public sealed class Fault : Activity
{
    [Input(Description = "A code that identifies the fault.")]
    public Input<string> Code { get; set; } = null!;

    [Input(Description = "The category of the fault.")]
    public Input<string> Category { get; set; } = null!;

    [Input(Description = "What went wrong.", UIHint = UIHints.MultiLine)]
    public Input<string> Message { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var code = await context.GetAsync(Code);
        var message = await context.GetAsync(Message);
        throw new ActivityFaultException(code ?? "Fault", message ?? "The workflow faulted.", retryable: false, await context.GetAsync(Category));
    }
}
