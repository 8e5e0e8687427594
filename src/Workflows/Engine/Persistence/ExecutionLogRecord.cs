namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// One event of an instance's journal as Elsa logs it (Started, Suspended, Resumed, Completed, Faulted, Canceled, and the
/// alterations made to the instance), in the order it happened: what Studio's instance viewer lists and pages through.
/// </summary>
public sealed class ExecutionLogRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }

    /// <summary>The activity execution the event is about (its journal record in <see cref="ActivityExecutionRecord"/>).</summary>
    public string? ActivityExecutionId { get; set; }

    /// <summary>The execution of the activity that runs this one (a flowchart, a loop), as Studio nests the journal.</summary>
    public string? ParentActivityExecutionId { get; set; }

    public required string ActivityId { get; set; }
    public required string NodeId { get; set; }
    public required string ActivityType { get; set; }
    public string? ActivityName { get; set; }
    public required string EventName { get; set; }
    public string? Message { get; set; }
    public string? Payload { get; set; }
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The event's place in the instance's journal: events are numbered as they happen, across steps.</summary>
    public long Sequence { get; set; }
}
