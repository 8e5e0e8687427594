using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Looping;

/// <summary>
/// Runs its body once per item, one after the other (Elsa.ForEach). The body sees the item as the variable CurrentValue
/// and its position as CurrentIndex (JavaScript <c>getCurrentValue()</c>, Liquid <c>{{ Variables.CurrentValue }}</c>);
/// a Break in the body ends the loop.
/// </summary>
[Activity("Elsa", "Looping", "Iterate over a set of values.", DisplayName = "For Each")]
public sealed class ForEach : Activity
{
    private const string CurrentIndex = "CurrentIndex";

    [Input(Description = "The set of values to iterate.", UIHint = UIHints.MultiText, DefaultSyntax = "Object")]
    public Input<object> Items { get; set; } = null!;

    [Port]
    public ActivityNode? Body { get; set; }

    [Output(Description = "Assign the current value to the specified variable.")]
    public Output<object> CurrentValue { get; set; } = null!;

    public override IEnumerable<ActivityNode> GetChildren() => Body is null ? [] : [Body];

    public override IEnumerable<string> ScopeVariables => ["CurrentValue", "CurrentIndex"];

    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => IterateAsync(context);

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child) => IterateAsync(context);

    protected internal override bool OnBreak(ActivityContext context)
    {
        context.IsBreaking = true;
        return true;
    }

    private async ValueTask<ActivityResult> IterateAsync(ActivityContext context)
    {
        if (context.IsBreaking)
            return Done();
        var index = context.Properties[CurrentIndex] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;
        var items = await LoopItems.ReadAsync(context, Items, Id);
        if (index >= items.Count)
            return Done();

        var item = items[index]?.DeepClone();
        context.SetOutput(CurrentValue.Name, CurrentValue.VariableId, item);
        context.Properties[CurrentIndex] = index + 1;
        return context.ScheduleChild(Body, variables: new JsonObject { ["CurrentIndex"] = index, ["CurrentValue"] = item?.DeepClone() })
            ? Pending()
            : Done();
    }
}
