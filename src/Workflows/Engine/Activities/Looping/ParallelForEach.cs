using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Looping;

/// <summary>
/// Runs its body for every item at once, each run with its own CurrentValue and CurrentIndex, and completes when every
/// run has (Elsa.ParallelForEach). A run that waits (a timer, an event) does not hold back the others.
/// </summary>
[Activity("Elsa", "Looping", "Schedule an activity for each item in parallel.", DisplayName = "Parallel For Each")]
public sealed class ParallelForEach : Activity
{
    private const string ScheduledTags = "ScheduledTagsProperty";
    private const string CompletedTags = "CompletedTagsProperty";

    [Input(Description = "The items to iterate through.", UIHint = UIHints.MultiText, DefaultSyntax = "Object")]
    public Input<object> Items { get; set; } = null!;

    [Port]
    public ActivityNode? Body { get; set; }

    public override IEnumerable<ActivityNode> GetChildren() => Body is null ? [] : [Body];

    public override IEnumerable<string> ScopeVariables => ["CurrentValue", "CurrentIndex"];

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var items = await LoopItems.ReadAsync(context, Items, Id);
        var tags = new JsonArray();
        if (Body is not null)
        {
            for (var index = 0; index < items.Count; index++)
            {
                var tag = Ids.New();
                tags.Add(tag);
                context.ScheduleChild(Body, tag, new JsonObject { ["CurrentValue"] = items[index]?.DeepClone(), ["CurrentIndex"] = index });
            }
        }

        context.Properties[ScheduledTags] = tags;
        context.Properties[CompletedTags] = new JsonArray();
        return tags.Count == 0 ? Done() : Pending();
    }

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child)
    {
        var completed = context.Properties[CompletedTags] as JsonArray ?? [];
        completed.Add(child.Tag);
        context.Properties[CompletedTags] = completed.DeepClone();
        var scheduled = (context.Properties[ScheduledTags] as JsonArray ?? []).Select(n => n?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var done = completed.Select(n => n?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        return new(scheduled.SetEquals(done) ? Done() : Pending());
    }
}
