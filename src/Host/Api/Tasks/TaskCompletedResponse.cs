using ExportTaxCheck.Host.Api.Runtime;

namespace ExportTaxCheck.Host.Api.Tasks;

/// <summary>
/// The answer to <c>POST /api/tasks/{taskId}/complete</c>: where the instance stands after the step committed (the
/// <see cref="WorkflowRunResponse"/> it adds to), and, for a task of a return case, the case as it stands now and the ids
/// of its tasks still to be done, so that a client needs no further read to go on.
/// </summary>
public sealed record TaskCompletedResponse : WorkflowRunResponse
{
    private TaskCompletedResponse(WorkflowRunResponse run, CaseView? view)
        : base(run)
    {
        Case = view;
        NextTaskIds = view?.OpenTaskIds ?? [];
    }

    public CaseView? Case { get; }

    public IReadOnlyList<string> NextTaskIds { get; }

    public static TaskCompletedResponse From(WorkflowRunResult result, CaseView? view) => new(WorkflowRunResponse.From(result), view);
}
