using ExportTaxCheck.Workflows.Runtime;

namespace ExportTaxCheck.Workflows.Persistence;

/// <summary>One version of a workflow definition; <see cref="Data"/> is the Elsa JSON.</summary>
public sealed class WorkflowDefinitionRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public bool IsSystem { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string Data { get; set; }

    /// <summary>Hash of the definition's content without its identity fields, to tell a changed import from an unchanged one.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Bumped on every write; a concurrent save of the same draft fails instead of losing one of the two.</summary>
    public long Revision { get; set; }
}

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
}

public enum BookmarkStatus
{
    Active,
    Consumed,
    Cancelled,
}

/// <summary>
/// A point where an instance waits: an event, a task, a timer (with <see cref="DueAt"/>).
/// Rows are closed, not deleted, so that a second resume of a spent bookmark is told apart from an unknown one.
/// </summary>
public sealed class BookmarkRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityExecutionId { get; set; }
    public required string ActivityId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public string? CorrelationId { get; set; }
    public string? Payload { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public BookmarkStatus Status { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Set by the node that claimed this due timer; another node may claim it once it lapses (the node died).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>A way a published definition starts new instances (event, timer, cron).</summary>
public sealed class TriggerRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public required string ActivityId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public string? Payload { get; set; }
    public DateTimeOffset? NextDueAt { get; set; }
}

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

    public ActivityStatus Status { get; set; }
    public int Attempt { get; set; } = 1;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Outcomes { get; set; }
    public string? Payload { get; set; }
    public string? Outputs { get; set; }
    public string? Exception { get; set; }
    public bool HasBookmarks { get; set; }
    public long Sequence { get; set; }
}

/// <summary>The first answer to a command, returned again when the same idempotency key comes back.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }
    public required string Operation { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public required string Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An event published by a workflow step, delivered after the step committed.</summary>
public sealed class PendingEventRecord
{
    public required string Id { get; set; }
    public required string EventName { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>Set for a local event: only this instance hears it.</summary>
    public string? InstanceId { get; set; }

    public string? Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}
