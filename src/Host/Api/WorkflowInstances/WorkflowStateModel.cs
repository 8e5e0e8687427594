using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Api.Elsa;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>Elsa's workflow state: where the instance stands, what it waits on, its data and its open executions.</summary>
public sealed record WorkflowStateModel(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int DefinitionVersion,
    string? CorrelationId,
    string? Name,
    string Status,
    string SubStatus,
    IReadOnlyList<BookmarkModel> Bookmarks,
    IReadOnlyList<IncidentModel> Incidents,
    JsonObject Input,
    JsonObject Output,
    JsonObject Properties,
    Dictionary<string, JsonNode?> Variables,
    IReadOnlyList<ActivityExecutionContextModel> ActivityExecutionContexts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static WorkflowStateModel From(InstanceDetail detail)
    {
        var i = detail.Summary;
        var state = detail.State;
        var (status, subStatus) = ElsaStatus.Of(i.Status);
        return new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.CorrelationId, i.Name, status, subStatus,
            detail.Bookmarks.Select(b => BookmarkModel.From(b, state.Executions.GetValueOrDefault(b.ActivityExecutionId)?.NodeId)).ToList(),
            state.Incidents.Select(IncidentModel.From).ToList(),
            state.Input,
            state.Output,
            state.Properties,
            state.Variables,
            state.Executions.Values.Select(ActivityExecutionContextModel.From).ToList(),
            i.CreatedAt, i.UpdatedAt, i.FinishedAt);
    }
}
