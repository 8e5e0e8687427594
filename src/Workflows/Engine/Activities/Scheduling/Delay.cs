namespace ExportTaxCheck.Engine.Activities.Scheduling;

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
        context.WaitUntil("Elsa.Delay", due);
        return Suspend();
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context) =>
        StaticInputs.RequireLiteral(TimeSpan, Id, "a time span")
            .Concat(TimerIntervals.Literal(TimeSpan) is { } span ? TimerIntervals.AtLeastMinimum(Id, "Delay", span, context) : []);
}
