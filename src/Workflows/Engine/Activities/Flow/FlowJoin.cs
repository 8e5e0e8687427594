namespace ExportTaxCheck.Engine.Activities.Flow;

[Activity("Elsa", "Branching", "Merges branches: WaitAny continues on the first arrival and cancels the others; WaitAll waits for every inbound branch; WaitAllActive for every activated one.", DisplayName = "Join")]
public sealed class FlowJoin : Activity
{
    [Input(Description = "WaitAny continues as soon as one inbound branch arrives; WaitAll once all have; WaitAllActive once all activated ones have.", DefaultValue = FlowJoinMode.WaitAny)]
    public Input<FlowJoinMode> Mode { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await context.CancelInboundAncestorsAsync();
        return Done();
    }
}
