using System.Diagnostics;
using Span = System.Diagnostics.Activity;
using System.Diagnostics.Metrics;

namespace ExportTaxCheck.Engine.Telemetry;

/// <summary>
/// The engine's one <see cref="ActivitySource"/> and one <see cref="Meter"/> (both named <see cref="Name"/>): a span per
/// step with a child span per activity that ran in it, and the step, activity, timer and incident metrics operators
/// watch. The Host exports them (OpenTelemetry: Prometheus at /metrics, OTLP when configured).
/// </summary>
public sealed class EngineTelemetry : IDisposable
{
    public const string Name = "ExportTaxCheck.Engine";

    private readonly Meter _meter;
    private readonly Counter<long> _steps;
    private readonly Histogram<double> _stepDuration;
    private readonly Histogram<long> _commitBatch;
    private readonly Counter<long> _activities;
    private readonly Histogram<double> _timerLag;
    private readonly Counter<long> _incidents;
    private readonly Counter<long> _commands;

    public EngineTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _steps = _meter.CreateCounter<long>("workflow.steps", "{step}", "Steps committed, by how the instance stands after them.");
        _stepDuration = _meter.CreateHistogram<double>("workflow.step.duration", "ms", "From taking the instance lock to the commit, per step.");
        _commitBatch = _meter.CreateHistogram<long>("workflow.commit.batch_size", "{step}", "Steps that shared one database commit.");
        _activities = _meter.CreateCounter<long>("workflow.activities", "{activity}", "Activity executions that ended in a step, by type and status.");
        _timerLag = _meter.CreateHistogram<double>("workflow.timer.lag", "ms", "How late a timer fired after its due time.");
        _incidents = _meter.CreateCounter<long>("workflow.incidents", "{incident}", "Incidents raised by faulting activities.");
        _commands = _meter.CreateCounter<long>("workflow.db.commands", "{statement}", "SQL statements sent to the database.");
    }

    public ActivitySource Source { get; } = new(Name);

    public Meter Meter => _meter;

    public Span? StartStep(string operation, string instanceId) =>
        Source.StartActivity("workflow.step " + operation, System.Diagnostics.ActivityKind.Internal, default(System.Diagnostics.ActivityContext), [new("workflow.instance.id", instanceId), new("workflow.operation", operation)]);

    /// <summary>Records a committed step: its duration, the batch it committed in, how the instance stands, its activities and incidents.</summary>
    public void StepCommitted(Span? span, string definitionId, string status, TimeSpan elapsed, int batchSize, IEnumerable<(string Type, string Status, DateTimeOffset Started, DateTimeOffset? Ended)> activities,
        int newIncidents)
    {
        _steps.Add(1, new KeyValuePair<string, object?>("workflow.status", status));
        _stepDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("workflow.definition", definitionId));
        _commitBatch.Record(batchSize);
        if (newIncidents > 0)
            _incidents.Add(newIncidents);
        foreach (var (type, activityStatus, started, ended) in activities)
        {
            _activities.Add(1, new("activity.type", type), new("activity.status", activityStatus));
            if (span is not null)
            {
                // The activities ran inside the step; their spans are laid under it with their own start and end.
                using var child = Source.StartActivity("workflow.activity " + type, System.Diagnostics.ActivityKind.Internal, span.Context, startTime: started);
                child?.SetTag("activity.status", activityStatus);
                child?.SetEndTime((ended ?? started).UtcDateTime);
            }
        }
        span?.SetTag("workflow.status", status);
    }

    public void StepFailed(Span? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error, exception.Message);
        span?.AddException(exception);
    }

    public void CommandSent() => _commands.Add(1);

    public void TimerFired(TimeSpan lag) => _timerLag.Record(Math.Max(0, lag.TotalMilliseconds));

    public void Dispose()
    {
        Source.Dispose();
        _meter.Dispose();
    }
}
