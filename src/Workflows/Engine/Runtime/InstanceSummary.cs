namespace ExportTaxCheck.Engine.Runtime;

public sealed record InstanceSummary(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    string? Name,
    string? CorrelationId,
    WorkflowStatus Status,
    int IncidentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);
