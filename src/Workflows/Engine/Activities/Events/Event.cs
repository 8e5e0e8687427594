using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Events;

[Activity("Elsa", "Primitives", "Waits until the named event is published (optionally for this instance's correlation id). As the first activity of a published workflow: the event starts a new instance.", Kind = ActivityKind.Trigger)]
public sealed class Event : Activity, ITriggerActivity
{
    [Input(Description = "The name of the event to wait for.")]
    public Input<string> EventName { get; set; } = null!;

    [Output(Description = "The payload the event was published with.")]
    public Output<object> Result { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            context.SetOutput(Result, context.WorkflowInput.DeepClone());
            return Done();
        }

        var name = await context.GetRequiredAsync(EventName);
        context.CreateBookmark(new BookmarkRequest("Elsa.Event", Stimulus(name), new JsonObject { ["eventName"] = name }));
        context.JournalData["eventName"] = name;
        return Suspend();
    }

    protected internal override ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        context.SetOutput(Result, context.Resumption!.Input.DeepClone());
        return new(Done());
    }

    public IEnumerable<TriggerRequest> GetTriggers(TriggerContext context)
    {
        if (StaticInputs.Literal(EventName) is { Length: > 0 } name)
            yield return new TriggerRequest("Elsa.Event", Stimulus(name), new JsonObject { ["eventName"] = name });
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context) =>
        StaticInputs.RequireLiteral(EventName, Id, "an event name");

    public static JsonObject Stimulus(string eventName) => new() { ["eventName"] = eventName };
}
