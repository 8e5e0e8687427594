using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Host.Api.Elsa;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>One instance as Elsa's instance viewer reads it: the summary's fields and the workflow state.</summary>
public sealed record WorkflowInstanceModel(
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
    DateTimeOffset? FinishedAt,
    WorkflowStateModel WorkflowState)
{
    public static WorkflowInstanceModel From(InstanceDetail detail)
    {
        var i = detail.Summary;
        var (status, subStatus) = ElsaStatus.Of(i.Status);
        return new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, status, subStatus, i.CorrelationId, i.Name, i.IncidentCount, false,
            i.CreatedAt, i.UpdatedAt, i.FinishedAt, WorkflowStateModel.From(detail));
    }
}
