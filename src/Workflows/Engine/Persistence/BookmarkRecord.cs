namespace ExportTaxCheck.Engine.Persistence;

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

    /// <summary>Set while the bookmark's instance is held: a timer does not fire, and its due time moves on by the held span at release.</summary>
    public DateTimeOffset? HeldAt { get; set; }
}
