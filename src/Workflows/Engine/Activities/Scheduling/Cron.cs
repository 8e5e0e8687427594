using System.Text.Json.Nodes;
using Cronos;

namespace ExportTaxCheck.Engine.Activities.Scheduling;

[Activity("Elsa", "Scheduling", "Inside a flow: waits for the next cron occurrence. As the first activity of a published workflow: starts an instance on the cron schedule (UTC).", Kind = ActivityKind.Trigger)]
public sealed class Cron : Activity, ITriggerActivity
{
    private static readonly DateTimeOffset SampleStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Input(Description = "A cron expression (5 fields, or 6 with seconds first).", DefaultValue = "0 * * * *")]
    public Input<string> CronExpression { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.IsTriggerOfWorkflow)
            return Done();
        var expression = Parse(await context.GetRequiredAsync(CronExpression));
        var due = expression.GetNextOccurrence(context.Now, TimeZoneInfo.Utc) ?? throw new ActivityFaultException("NoOccurrence", $"Cron '{Id}' has no future occurrence.", retryable: false);
        context.WaitUntil("Elsa.Cron", due);
        return Suspend();
    }

    public IEnumerable<TriggerRequest> GetTriggers(TriggerContext context)
    {
        if (StaticInputs.Literal(CronExpression) is not { } text || !TryParse(text, out var expression, out _))
            yield break;
        yield return new TriggerRequest("Elsa.Cron", new JsonObject { ["activityId"] = Id }, new JsonObject { ["cronExpression"] = text },
            expression!.GetNextOccurrence(context.Now, TimeZoneInfo.Utc));
    }

    public static DateTimeOffset? NextDue(JsonObject payload, DateTimeOffset firedAt) =>
        payload["cronExpression"] is JsonValue v && v.TryGetValue<string>(out var text) && TryParse(text, out var expression, out _)
            ? expression!.GetNextOccurrence(firedAt, TimeZoneInfo.Utc)
            : null;

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        if (CronExpression.Expression is not { Type: "Literal" } literal)
            yield break;
        if (!TryParse(literal.Text ?? "", out var expression, out var error))
        {
            yield return new("InvalidCronExpression", $"Error when parsing cron expression '{literal.Text}' of activity '{Id}': {error}", Id);
            yield break;
        }
        if (ShortestGap(expression!) is { } gap)
        {
            foreach (var tooShort in TimerIntervals.AtLeastMinimum(Id, "Cron", gap, context))
                yield return tooShort;
        }
    }

    /// <summary>The shortest time between the schedule's occurrences over a sample of them (a fixed start keeps validation repeatable).</summary>
    private static TimeSpan? ShortestGap(CronExpression expression)
    {
        TimeSpan? shortest = null;
        var previous = expression.GetNextOccurrence(SampleStart, TimeZoneInfo.Utc);
        for (var i = 0; i < 64 && previous is { } from; i++)
        {
            var next = expression.GetNextOccurrence(from, TimeZoneInfo.Utc);
            if (next is { } to && (shortest is null || to - from < shortest))
                shortest = to - from;
            previous = next;
        }
        return shortest;
    }

    private static CronExpression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression! : throw new ActivityFaultException("InvalidCronExpression", $"Error when parsing cron expression '{text}': {error}", retryable: false);

    private static bool TryParse(string text, out CronExpression? expression, out string? error)
    {
        var trimmed = text.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            expression = Cronos.CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            error = null;
            return true;
        }
        catch (CronFormatException ex)
        {
            expression = null;
            error = ex.Message;
            return false;
        }
    }
}
