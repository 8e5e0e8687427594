namespace ExportTaxCheck.Engine.Persistence;

/// <summary>One execution of one activity: the instance journal.</summary>
public sealed class ActivityExecutionRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public string? ActivityName { get; set; }

    /// <summary>Elsa's node id (<c>Workflow1:{rootId}:{activityId}</c>), by which Studio's instance viewer finds the node.</summary>
    public string? ActivityNodeId { get; set; }

    /// <summary>The execution of the activity that runs this one (a flowchart, a loop, a sequence); null for the root.</summary>
    public string? ParentActivityExecutionId { get; set; }

    public ActivityStatus Status { get; set; }
    public int Attempt { get; set; } = 1;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Outcomes { get; set; }
    public string? Payload { get; set; }

    /// <summary>The inputs as the activity evaluated them (JSON), shown with the execution in Studio.</summary>
    public string? Inputs { get; set; }
    public string? Outputs { get; set; }
    public string? Exception { get; set; }
    public bool HasBookmarks { get; set; }
    public long Sequence { get; set; }
}
