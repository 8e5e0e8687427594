namespace ExportTaxCheck.Engine.Runtime;

public sealed record InstanceQuery(
    string? SearchTerm = null,
    IReadOnlyCollection<string>? DefinitionIds = null,
    string? DefinitionVersionId = null,
    string? CorrelationId = null,
    IReadOnlyCollection<WorkflowStatus>? Statuses = null,
    bool? HasIncidents = null,
    string? OrderBy = null,
    bool Descending = true,
    int Page = 0,
    int PageSize = 50);
