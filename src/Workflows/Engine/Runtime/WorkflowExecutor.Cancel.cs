using ExportTaxCheck.Engine.Activities.Flow;

namespace ExportTaxCheck.Engine.Runtime;

// Cancellation: an execution and everything under it, what a completing composite still runs, the whole instance, and a
// single activity an alteration cancels (its flowchart then carries on as Elsa's does after a cancelled child).
public sealed partial class WorkflowExecutor
{
    /// <summary>Executions not finished: scheduled, running (composites included) or waiting. Faulted ones stay for a retry.</summary>
    private IEnumerable<ActivityExecution> Pending => _state.Executions.Values.Where(e => e.Status != ActivityStatus.Faulted);

    private bool HasPendingWork(string scopeId) => Pending.Any(e => e.ScopeId == scopeId);

    private async Task CancelExecutionAsync(ActivityExecution execution)
    {
        await CancelChildrenAsync(execution.Id);

        if (execution.Status is ActivityStatus.Suspended or ActivityStatus.Running && Graph.TryResolve(execution, out var activity))
            await activity.OnCancelledAsync(new ActivityContext(this, execution, activity, resumption: null));

        var wasStarted = execution.Status is not ActivityStatus.Scheduled and not ActivityStatus.Faulted;
        execution.Status = ActivityStatus.Cancelled;
        CloseBookmarks(execution);
        _state.Queue.Remove(execution.Id);
        _state.Executions.Remove(execution.Id);
        _state.Scopes.Remove(execution.Id);
        if (wasStarted)
        {
            Journal(execution, ActivityStatus.Cancelled, null, null);
            Log(execution, "Canceled");
        }
    }

    private async Task CancelChildrenAsync(string scopeId)
    {
        foreach (var child in _state.Executions.Values.Where(e => e.ScopeId == scopeId).OrderByDescending(e => e.Sequence).ToList())
        {
            if (_state.Executions.ContainsKey(child.Id))
                await CancelExecutionAsync(child);
        }
    }

    private async Task CancelAllAsync()
    {
        foreach (var execution in _state.Executions.Values.Where(e => e.ScopeId is null).ToList())
        {
            if (_state.Executions.ContainsKey(execution.Id))
                await CancelExecutionAsync(execution);
        }
        // Executions whose parent is gone (states written before parents were tracked) go too.
        foreach (var execution in _state.Executions.Values.OrderByDescending(e => e.Sequence).ToList())
        {
            if (_state.Executions.ContainsKey(execution.Id))
                await CancelExecutionAsync(execution);
        }
        _state.Queue.Clear();
    }

    /// <summary>
    /// Cancels one execution (an alteration), then lets its flowchart go on as Elsa's does: in a token flow its tokens are
    /// dropped, in a counter flow its outbound connections count as visited and not followed; the flowchart completes when
    /// nothing is left to do.
    /// </summary>
    internal async Task CancelOneAsync(ActivityExecution execution)
    {
        var parent = ParentOf(execution);
        await CancelExecutionAsync(execution);
        if (parent is null)
        {
            if (execution.ScopeId is null)
                Status = WorkflowStatus.Cancelled;
            return;
        }

        if (Graph.Resolve(parent) is not Flowchart || parent.Status != ActivityStatus.Running)
            return;
        if (IsTokenBased)
        {
            OnTokenActivityCancelled(parent, execution.ActivityId);
            await CompleteFlowchartIfIdleAsync(parent);
            return;
        }

        var scheduled = await ScheduleOutboundAsync(parent, execution.ActivityId, [], executedByBackwardConnection: false);
        if (!scheduled)
            await CompleteFlowchartIfIdleAsync(parent);
    }
}
