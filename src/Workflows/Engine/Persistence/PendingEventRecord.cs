namespace ExportTaxCheck.Engine.Persistence;

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
