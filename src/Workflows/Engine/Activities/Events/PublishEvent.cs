using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Activities.Events;

[Activity("Elsa", "Primitives", "Publishes an event after this step commits; waiting Event activities (and Event triggers) receive it.", DisplayName = "Publish Event")]
public sealed class PublishEvent : Activity
{
    [Input(Description = "The name of the event.")]
    public Input<string> EventName { get; set; } = null!;

    [Input(Description = "Only instances with this correlation id receive it (empty: all).")]
    public Input<string> CorrelationId { get; set; } = null!;

    [Input(Description = "Deliver to this workflow instance only.", DefaultValue = false)]
    public Input<bool> IsLocalEvent { get; set; } = null!;

    [Input(Description = "The payload sent with the event.", UIHint = UIHints.JsonEditor)]
    public Input<object> Payload { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = await context.GetRequiredAsync(EventName);
        var correlationId = await context.GetAsync(CorrelationId);
        var payload = ValueConverter.ToJson(await context.GetAsync(Payload)) as JsonObject;
        context.PublishEvent(name, string.IsNullOrWhiteSpace(correlationId) ? null : correlationId, await context.GetAsync(IsLocalEvent), payload);
        context.JournalData["eventName"] = name;
        return Done();
    }
}
