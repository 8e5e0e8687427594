namespace ExportTaxCheck.Engine.Persistence;

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
