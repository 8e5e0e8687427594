namespace ExportTaxCheck.Engine.Activities.Flow;

/// <summary>A container that runs the one activity in its body and completes when that does (Elsa.FlowNode).</summary>
[Activity("Elsa", "Flow", "A simple container that executes the specified activity.", DisplayName = "Container")]
public sealed class FlowNode : Activity
{
    [Port]
    public ActivityNode? Body { get; set; }

    public override IEnumerable<ActivityNode> GetChildren() => Body is null ? [] : [Body];

    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        new(context.ScheduleChild(Body) ? Pending() : Done());

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child) => new(Done());
}
