using System.Globalization;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Scheduling;

[Activity("Elsa", "Scheduling", "Inside a flow: waits for the interval. As the first activity of a published workflow: starts an instance every interval.", Kind = ActivityKind.Trigger)]
public sealed class Timer : Activity, ITriggerActivity
{
    [Input(Description = "The interval (d.hh:mm:ss).", DefaultValue = "00:01:00")]
    public Input<TimeSpan> Interval { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.IsTriggerOfWorkflow)
            return Done();
        var interval = await context.GetAsync(Interval);
        var due = context.Now + interval;
        context.WaitUntil("Elsa.Timer", due);
        return Suspend();
    }

    public IEnumerable<TriggerRequest> GetTriggers(TriggerContext context)
    {
        if (ParseInterval() is not { } interval)
            yield break;
        yield return new TriggerRequest("Elsa.Timer", new JsonObject { ["activityId"] = Id }, new JsonObject { ["interval"] = interval.ToString("c") }, context.Now + interval);
    }

    /// <summary>When the trigger fires next after it fired at <paramref name="firedAt"/>.</summary>
    public static DateTimeOffset? NextDue(JsonObject payload, DateTimeOffset firedAt) =>
        payload["interval"] is JsonValue v && v.TryGetValue<string>(out var text) && System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval)
            ? firedAt + interval
            : null;

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        if (Interval.Expression is { Type: "Literal" } && ParseInterval() is not { } interval)
        {
            yield return new("InvalidInterval", $"Timer '{Id}' needs a positive interval such as 00:01:00.", Id);
            yield break;
        }
        if (TimerIntervals.Literal(Interval) is { } literal)
        {
            foreach (var error in TimerIntervals.AtLeastMinimum(Id, "Timer", literal, context))
                yield return error;
        }
    }

    private TimeSpan? ParseInterval() =>
        StaticInputs.Literal(Interval) is { } text && System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > System.TimeSpan.Zero
            ? interval
            : null;
}
