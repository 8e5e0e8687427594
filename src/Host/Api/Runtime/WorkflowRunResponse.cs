using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Api.Elsa;
using ExportTaxCheck.Host.Api.WorkflowInstances;

namespace ExportTaxCheck.Host.Api.Runtime;

/// <summary>The outcome of a command: where the instance stands after the step committed; <c>replayed</c> when a key repeated it.
/// Open for answers that add to it (<see cref="Tasks.TaskCompletedResponse"/>).</summary>
public record WorkflowRunResponse(
    string WorkflowInstanceId,
    string DefinitionId,
    int DefinitionVersion,
    string Status,
    string SubStatus,
    string? CorrelationId,
    IReadOnlyList<BookmarkModel> Bookmarks,
    IReadOnlyList<IncidentModel> Incidents,
    JsonObject Output,
    bool Replayed)
{
    public static WorkflowRunResponse From(WorkflowRunResult result)
    {
        var (status, subStatus) = ElsaStatus.Of(result.Status);
        return new(result.InstanceId, result.DefinitionId, result.DefinitionVersion, status, subStatus, result.CorrelationId,
            result.Bookmarks.Select(b => BookmarkModel.From(b)).ToList(), result.Incidents.Select(IncidentModel.From).ToList(), result.Output, result.Replayed);
    }
}
