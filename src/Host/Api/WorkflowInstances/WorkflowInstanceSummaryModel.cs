using ExportTaxCheck.Host.Api.Elsa;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>An instance as Elsa's instance list shows it.</summary>
public record WorkflowInstanceSummaryModel(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    string Status,
    string SubStatus,
    string? CorrelationId,
    string? Name,
    int IncidentCount,
    bool IsSystem,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static WorkflowInstanceSummaryModel From(InstanceSummary i)
    {
        var (status, subStatus) = ElsaStatus.Of(i.Status);
        return new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, status, subStatus, i.CorrelationId, i.Name, i.IncidentCount, false,
            i.CreatedAt, i.UpdatedAt, i.FinishedAt);
    }
}
