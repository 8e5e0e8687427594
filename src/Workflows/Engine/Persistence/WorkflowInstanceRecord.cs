namespace ExportTaxCheck.Engine.Persistence;

public sealed class WorkflowInstanceRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public int DefinitionVersion { get; set; }
    public string? Name { get; set; }
    public string? CorrelationId { get; set; }
    public WorkflowStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int IncidentCount { get; set; }

    /// <summary>The serialised <see cref="WorkflowState"/>.</summary>
    public required string State { get; set; }

    /// <summary>Optimistic concurrency: every committed step increments it.</summary>
    public long Revision { get; set; }

    public string? ParentInstanceId { get; set; }

    /// <summary>Set by the node that claimed this Running instance for recovery; another node may claim it once it lapses.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Set while the instance is held (<see cref="Runtime.InstanceHolds"/>): nothing resumes it and its timers wait.</summary>
    public DateTimeOffset? HeldAt { get; set; }
}
