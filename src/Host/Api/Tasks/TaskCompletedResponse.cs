using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Api.Runtime;
using ExportTaxCheck.Host.Api.WorkflowInstances;

namespace ExportTaxCheck.Host.Api.Tasks;

/// <summary>
/// The answer to <c>POST /api/tasks/{taskId}/complete</c>: where the instance stands after the step committed (as
/// <see cref="WorkflowRunResponse"/>), and, for a task of a return case, the case as it stands now and the ids of its
/// tasks still to be done, so that a client needs no further read to go on.
/// </summary>
public sealed record TaskCompletedResponse(
    string WorkflowInstanceId,
    string DefinitionId,
    int DefinitionVersion,
    string Status,
    string SubStatus,
    string? CorrelationId,
    IReadOnlyList<BookmarkModel> Bookmarks,
    IReadOnlyList<IncidentModel> Incidents,
    JsonObject Output,
    bool Replayed,
    CaseView? Case,
    IReadOnlyList<string> NextTaskIds)
{
    public static TaskCompletedResponse From(WorkflowRunResult result, CaseView? view)
    {
        var run = WorkflowRunResponse.From(result);
        return new(run.WorkflowInstanceId, run.DefinitionId, run.DefinitionVersion, run.Status, run.SubStatus, run.CorrelationId, run.Bookmarks, run.Incidents,
            run.Output, run.Replayed, view, view?.OpenTaskIds ?? []);
    }
}
