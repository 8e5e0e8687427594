using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Composition;

// Elsa hides Sequence and Fork from its toolbox; here they are offered, so every Elsa activity this engine runs can be built in Studio.
/// <summary>Runs its activities one after the other (Elsa.Sequence); a terminal activity or a Break below ends it.</summary>
[Activity("Elsa", "Workflows", "Execute a set of activities in sequence.")]
public sealed class Sequence : Activity, IContainerActivity
{
    private const string CurrentIndex = "CurrentIndex";

    public override IEnumerable<ActivityNode> GetChildren() => Node.Activities ?? [];

    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(Next(context));

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child) =>
        new(context.IsBreaking || child.Activity.Descriptor.IsTerminal ? Done() : Next(context));

    /// <summary>Notes the break and lets it go on up to the loop, as Elsa's sequence does.</summary>
    protected internal override bool OnBreak(ActivityContext context)
    {
        context.IsBreaking = true;
        return false;
    }

    private ActivityResult Next(ActivityContext context)
    {
        var index = context.Properties[CurrentIndex] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;
        var children = Node.Activities ?? [];
        if (index >= children.Count)
            return Done();
        context.Properties[CurrentIndex] = index + 1;
        context.ScheduleChild(children[index]);
        return Pending();
    }
}
