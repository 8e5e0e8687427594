using System.Diagnostics;
using Span = System.Diagnostics.Activity;
using System.Diagnostics.Metrics;

namespace ExportTaxCheck.Engine.Telemetry;

/// <summary>
/// The engine's one <see cref="ActivitySource"/> and one <see cref="Meter"/> (both named <see cref="Name"/>): a span per
/// step with a child span per activity that ran in it, and the step, activity, timer and incident metrics operators
/// watch. The Host exports them (OpenTelemetry: Prometheus at /metrics, OTLP when configured). Source, meter and
/// instruments exist once per process, as OpenTelemetry listens by name: a second meter of the same name would compete
/// with the first for the same metric streams.
/// </summary>
public sealed class EngineTelemetry
{
    public const string Name = "ExportTaxCheck.Engine";

    private static readonly Meter SharedMeter = new(Name);
    private static readonly Counter<long> Steps = SharedMeter.CreateCounter<long>("workflow.steps", "{step}", "Steps committed, by how the instance stands after them.");
    private static readonly Histogram<double> StepDuration = SharedMeter.CreateHistogram<double>("workflow.step.duration", "ms", "From taking the instance lock to the commit, per step.");
    private static readonly Histogram<long> CommitBatch = SharedMeter.CreateHistogram<long>("workflow.commit.batch_size", "{step}", "Steps that shared one database commit.");
    private static readonly Counter<long> Activities = SharedMeter.CreateCounter<long>("workflow.activities", "{activity}", "Activity executions that ended in a step, by type and status.");
    private static readonly Histogram<double> TimerLag = SharedMeter.CreateHistogram<double>("workflow.timer.lag", "ms", "How late a timer fired after its due time.");
    private static readonly Counter<long> Incidents = SharedMeter.CreateCounter<long>("workflow.incidents", "{incident}", "Incidents raised by faulting activities.");
    private static readonly Counter<long> Commands = SharedMeter.CreateCounter<long>("workflow.db.commands", "{statement}", "SQL statements sent to the database.");
    private static readonly Counter<long> BusyWaits = SharedMeter.CreateCounter<long>("workflow.db.busy_waits", "{wait}",
        "Waits of a millisecond a SQLite connection made for another connection's write lock.");
    private static readonly Counter<long> LogFlushes = SharedMeter.CreateCounter<long>("workflow.db.log_flushes", "{fsync}",
        "Writes of SQLite's log to disk that made commits durable, each shared by the commits before it (DurableCommits).");
    private static readonly Counter<long> Commits = SharedMeter.CreateCounter<long>("workflow.db.commits", "{transaction}",
        "Write transactions SQLite committed (each writes its pages to the log; counted on SQLite only).");
    private static readonly ActivitySource SharedSource = new(Name);

    public ActivitySource Source => SharedSource;

    public Meter Meter => SharedMeter;

    public Span? StartStep(string operation, string instanceId) =>
        Source.StartActivity("workflow.step " + operation, System.Diagnostics.ActivityKind.Internal, default(System.Diagnostics.ActivityContext), [new("workflow.instance.id", instanceId), new("workflow.operation", operation)]);

    /// <summary>Records a committed step: its duration, the batch it committed in, how the instance stands, its activities and incidents.</summary>
    public void StepCommitted(Span? span, string definitionId, string status, TimeSpan elapsed, int batchSize, IEnumerable<(string Type, string Status, DateTimeOffset Started, DateTimeOffset? Ended)> activities,
        int newIncidents)
    {
        Steps.Add(1, new KeyValuePair<string, object?>("workflow.status", status));
        StepDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("workflow.definition", definitionId));
        CommitBatch.Record(batchSize);
        if (newIncidents > 0)
            Incidents.Add(newIncidents);
        foreach (var (type, activityStatus, started, ended) in activities)
        {
            Activities.Add(1, new("activity.type", type), new("activity.status", activityStatus));
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

    public void CommandSent() => Commands.Add(1);

    /// <summary>A SQLite connection waited a millisecond for another's write lock (<see cref="Persistence.SqliteBusyWait"/>).</summary>
    internal static void BusyWaited() => BusyWaits.Add(1);

    /// <summary>A SQLite connection committed a write transaction (<see cref="Persistence.SqliteConnectionSettings"/>).</summary>
    internal static void Committed() => Commits.Add(1);

    /// <summary>The SQLite log was written to disk for the commits before it (<see cref="Persistence.DurableCommits"/>).</summary>
    internal static void LogFlushed() => LogFlushes.Add(1);

    public void TimerFired(TimeSpan lag) => TimerLag.Record(Math.Max(0, lag.TotalMilliseconds));
}
