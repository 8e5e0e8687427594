using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Composition;

// Elsa hides Fork from its toolbox; here it is offered with Sequence, so every Elsa activity this engine runs can be built in Studio.
/// <summary>
/// Runs its branches side by side (Elsa.Fork, the structured fork): WaitAll completes once every branch has, WaitAny on
/// the first, cancelling the others; a Break below completes it too.
/// </summary>
[Activity("Elsa", "Control Flow", "Branch execution into multiple branches.")]
public sealed class Fork : Activity
{
    private const string CompletedProperty = "Completed";

    [Input(Description = "Controls when this activity yields control back to its parent activity.", UIHint = UIHints.DropDown, IsWrapped = false, DefaultValue = ForkJoinMode.WaitAll)]
    public ForkJoinMode JoinMode { get; set; } = ForkJoinMode.WaitAll;

    [Input(Description = "The branches to run.", IsWrapped = false, IsBrowsable = false)]
    public List<ActivityNode>? Branches { get; set; }

    public override IEnumerable<ActivityNode> GetChildren() => Branches ?? [];

    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (Branches is not { Count: > 0 })
            return new(Done());
        foreach (var branch in Branches)
            context.ScheduleChild(branch);
        return new(Pending());
    }

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child)
    {
        if (context.IsBreaking)
            return new(Done());
        var completed = context.Properties[CompletedProperty] as JsonArray ?? [];
        completed.Add(child.Execution.ActivityId);
        context.Properties[CompletedProperty] = completed.DeepClone();
        if (JoinMode == ForkJoinMode.WaitAny)
            return new(Done());
        var done = completed.Select(n => n?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        return new((Branches ?? []).All(b => done.Contains(b.Id)) ? Done() : Pending());
    }

    protected internal override bool OnBreak(ActivityContext context)
    {
        context.IsBreaking = true;
        return false;
    }
}
