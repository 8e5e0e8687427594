using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using ExportTaxCheck.Workflows.Definitions;
using ExportTaxCheck.Workflows.Runtime;

namespace ExportTaxCheck.Workflows.Activities;

/// <summary>Reads inputs that must be known when a definition is published (trigger names and schedules).</summary>
internal static class StaticInputs
{
    public static string? Literal(IInput input) =>
        input.Expression is { Type: "Literal" } expression ? expression.Text : null;

    /// <summary>A list input written as a JSON array (Studio's Object expression, or a Literal holding the array text).</summary>
    public static List<string>? StringList(IInput input)
    {
        if (input.Expression is not { Type: "Object" or "Json" or "Literal" } expression)
            return null;
        var node = expression.Value is System.Text.Json.Nodes.JsonArray array ? array
            : expression.Text is { } text && text.TrimStart().StartsWith('[') ? System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonArray
            : null;
        return node?.Select(n => n?.ToString() ?? "").ToList();
    }

    public static IEnumerable<ValidationError> RequireLiteral(IInput input, string activityId, string what)
    {
        if (input.Expression is null || (input.Expression.Type == "Literal" && string.IsNullOrWhiteSpace(input.Expression.Text)))
            yield return new("InputRequired", $"Activity '{activityId}' needs {what}.", activityId);
    }
}

[Activity("Elsa", "Scheduling", "Waits for a period of time; the wait survives restarts.")]
public sealed class Delay : Activity
{
    [Input(Description = "How long to wait (d.hh:mm:ss).", DefaultValue = "00:01:00")]
    public Input<TimeSpan> TimeSpan { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var span = await context.GetAsync(TimeSpan);
        if (span <= System.TimeSpan.Zero)
            return Done();
        var due = context.Now + span;
        context.CreateBookmark(new BookmarkRequest("Elsa.Delay", new JsonObject { ["executionId"] = context.Execution.Id }, new JsonObject { ["dueAt"] = due }, due));
        context.JournalData["dueAt"] = due;
        return Suspend();
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context) =>
        StaticInputs.RequireLiteral(TimeSpan, Id, "a time span");
}

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
        context.CreateBookmark(new BookmarkRequest("Elsa.Timer", new JsonObject { ["executionId"] = context.Execution.Id }, new JsonObject { ["dueAt"] = due }, due));
        context.JournalData["dueAt"] = due;
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
            yield return new("InvalidInterval", $"Timer '{Id}' needs a positive interval such as 00:01:00.", Id);
    }

    private TimeSpan? ParseInterval() =>
        StaticInputs.Literal(Interval) is { } text && System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > System.TimeSpan.Zero
            ? interval
            : null;
}

[Activity("Elsa", "Scheduling", "Inside a flow: waits for the next cron occurrence. As the first activity of a published workflow: starts an instance on the cron schedule (UTC).", Kind = ActivityKind.Trigger)]
public sealed class Cron : Activity, ITriggerActivity
{
    [Input(Description = "A cron expression (5 fields, or 6 with seconds first).", DefaultValue = "0 * * * *")]
    public Input<string> CronExpression { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.IsTriggerOfWorkflow)
            return Done();
        var expression = Parse(await context.GetRequiredAsync(CronExpression));
        var due = expression.GetNextOccurrence(context.Now, TimeZoneInfo.Utc) ?? throw new ActivityFaultException("NoOccurrence", $"Cron '{Id}' has no future occurrence.", retryable: false);
        context.CreateBookmark(new BookmarkRequest("Elsa.Cron", new JsonObject { ["executionId"] = context.Execution.Id }, new JsonObject { ["dueAt"] = due }, due));
        context.JournalData["dueAt"] = due;
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
        if (CronExpression.Expression is { Type: "Literal" } literal && !TryParse(literal.Text ?? "", out _, out var error))
            yield return new("InvalidCronExpression", $"Error when parsing cron expression '{literal.Text}' of activity '{Id}': {error}", Id);
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
        var payload = Expressions.ValueConverter.ToJson(await context.GetAsync(Payload)) as JsonObject;
        context.PublishEvent(name, string.IsNullOrWhiteSpace(correlationId) ? null : correlationId, await context.GetAsync(IsLocalEvent), payload);
        context.JournalData["eventName"] = name;
        return Done();
    }
}

[Activity("Elsa", "Primitives", "Requests a task from an external worker and waits until it is completed through POST /elsa/api/tasks/{taskId}/complete.", DisplayName = "Run Task", Kind = ActivityKind.Task)]
public sealed class RunTask : Activity
{
    [Input(Description = "The name of the task being requested.")]
    public Input<string> TaskName { get; set; } = null!;

    [Input(Description = "Parameters sent with the task request.", UIHint = UIHints.JsonEditor)]
    public Input<object> Payload { get; set; } = null!;

    [Output(Description = "The result the worker completed the task with.")]
    public Output<object> Result { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var taskName = await context.GetRequiredAsync(TaskName);
        var taskId = Ids.New();
        var payload = Expressions.ValueConverter.ToJson(await context.GetAsync(Payload));
        context.CreateBookmark(TaskBookmarks.Request("Elsa.RunTask", taskId,
            new JsonObject { ["taskId"] = taskId, ["taskName"] = taskName, ["taskPayload"] = payload }));
        context.JournalData["taskId"] = taskId;
        context.JournalData["taskName"] = taskName;
        return Suspend();
    }

    protected internal override ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        var input = context.Resumption!.Input;
        context.SetOutput(Result, input.TryGetPropertyValue("result", out var result) ? result?.DeepClone() : input.DeepClone());
        return new(Done());
    }
}
