using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Flow;

namespace ExportTaxCheck.Engine.Runtime;

// What an activity's result does: complete it (and hand its outcomes to its parent), leave it waiting on bookmarks or
// children, break out of a loop, complete the nearest composite, finish the workflow, or fault it.
public sealed partial class WorkflowExecutor
{
    private async Task HandleResultAsync(ActivityExecution execution, ActivityContext context, ActivityResult result)
    {
        switch (result)
        {
            case ActivityResult.Completed completed:
                await CompleteAsync(execution, context, completed.Outcomes);
                break;
            case ActivityResult.SuspendedResult:
                if (execution.BookmarkIds.Count == 0)
                {
                    await FaultAsync(execution, context, new ActivityFaultException("NoBookmark", $"Activity '{execution.ActivityId}' suspended without creating a bookmark.", retryable: false));
                    return;
                }
                execution.Status = ActivityStatus.Suspended;
                Journal(execution, ActivityStatus.Suspended, context, null);
                Log(execution, "Suspended", payload: PayloadOf(context, []));
                break;
            case ActivityResult.PendingResult:
                // Waits for the children it scheduled (or, like Elsa, for nothing: it then stays running).
                execution.Status = ActivityStatus.Running;
                execution.IsComposite = true;
                Journal(execution, ActivityStatus.Running, context, null);
                break;
            case ActivityResult.CompleteWorkflow:
                await CompleteAsync(execution, context, [], notifyParent: false);
                await CancelAllAsync();
                Status = WorkflowStatus.Finished;
                break;
            case ActivityResult.BreakLoop:
                SendBreak(execution);
                await CompleteAsync(execution, context, ["Done"]);
                break;
            case ActivityResult.CompleteComposite composite:
                await CompleteCompositeAsync(execution, context, composite.Outcomes);
                break;
        }
    }

    private async Task CompleteAsync(ActivityExecution execution, ActivityContext? context, IReadOnlyList<string> outcomes, bool notifyParent = true)
    {
        // Completing an activity cancels what it still runs (Elsa: a completed composite cancels its children).
        await CancelChildrenAsync(execution.Id);
        execution.Status = ActivityStatus.Completed;
        CloseBookmarks(execution);
        _state.Executions.Remove(execution.Id);
        _state.Scopes.Remove(execution.Id);
        _state.Queue.Remove(execution.Id);
        Journal(execution, ActivityStatus.Completed, context, outcomes);
        Log(execution, "Completed", payload: PayloadOf(context, outcomes));

        if (execution.ScopeId is null)
        {
            // The root is done: so is the workflow.
            Status = WorkflowStatus.Finished;
            return;
        }

        if (notifyParent)
            await OnChildCompletedAsync(execution, outcomes);
    }

    /// <summary>A child completed: its flowchart schedules what its ports lead to; any other parent decides itself.</summary>
    private async Task OnChildCompletedAsync(ActivityExecution child, IReadOnlyList<string> outcomes)
    {
        if (IsTerminal || ParentOf(child) is not { } parent || parent.Status is not ActivityStatus.Running)
            return;

        var parentActivity = Graph.Resolve(parent);
        Graph.TryResolve(child, out var childActivity);
        if (parentActivity is Flowchart)
        {
            // A terminal node (End, Break, Complete) ends its flowchart at once, in either mode.
            if (childActivity?.Descriptor.IsTerminal == true)
            {
                await CompleteAsync(parent, null, ["Done"]);
                return;
            }

            if (IsTokenBased)
                await OnTokenChildCompletedAsync(parent, child, outcomes);
            else
            {
                var scheduled = await ScheduleOutboundAsync(parent, child.ActivityId, outcomes, child.Backward);
                if (!scheduled)
                    await CompleteFlowchartIfIdleAsync(parent);
            }
            return;
        }

        var context = new ActivityContext(this, parent, parentActivity, resumption: null);
        ActivityResult result;
        try
        {
            result = await parentActivity.OnChildCompletedAsync(context, new CompletedChild(child, childActivity ?? parentActivity, outcomes));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FaultAsync(parent, context, ex);
            return;
        }

        await HandleResultAsync(parent, context, result);
    }

    /// <summary>Elsa's break signal: up the ancestors until a loop takes it; sequences and forks on the way note it.</summary>
    private void SendBreak(ActivityExecution sender)
    {
        for (var current = ParentOf(sender); current is not null; current = ParentOf(current))
        {
            var activity = Graph.Resolve(current);
            if (activity.OnBreak(new ActivityContext(this, current, activity, resumption: null)))
                return;
        }
    }

    /// <summary>
    /// Elsa's complete-composite signal (Elsa.Complete): the nearest workflow used as an activity (else the workflow
    /// itself) completes with the given outcomes; the sender completes first, and whatever else runs inside is cancelled.
    /// </summary>
    private async Task CompleteCompositeAsync(ActivityExecution sender, ActivityContext context, IReadOnlyList<string> outcomes)
    {
        var target = ParentOf(sender);
        while (target is not null && Graph.Resolve(target) is not IEmbedsDefinition && target.ScopeId is not null)
            target = ParentOf(target);

        await CompleteAsync(sender, context, ["Done"], notifyParent: false);
        if (target is null)
        {
            await CancelAllAsync();
            Status = WorkflowStatus.Finished;
            return;
        }

        var targetActivity = Graph.Resolve(target);
        var targetContext = new ActivityContext(this, target, targetActivity, resumption: null);
        if (targetActivity is IEmbedsDefinition embedding)
            embedding.CollectOutputs(targetContext);
        await CompleteAsync(target, targetContext, outcomes.Count == 0 ? ["Done"] : outcomes);
    }

    private async Task FaultAsync(ActivityExecution execution, ActivityContext? context, Exception exception)
    {
        var activity = Graph.Resolve(execution);
        var policy = RetryPolicies.For(activity);
        var retryable = exception is not Expressions.ExpressionException and not ActivityFaultException { Retryable: false } and not ActivityBindingException;
        Journal(execution, ActivityStatus.Faulted, context, null, exception);
        Log(execution, "Faulted", exception.Message, new JsonObject { ["exception"] = exception.GetType().Name, ["code"] = (exception as ActivityFaultException)?.Code });

        foreach (var bookmarkId in execution.BookmarkIds)
            Environment.Effects.CloseBookmark(bookmarkId);
        execution.BookmarkIds.Clear();

        if (retryable && execution.Attempt < policy.MaxAttempts)
        {
            var delay = policy.DelayBeforeAttempt(execution.Attempt + 1);
            var retryId = CreateBookmark(execution, new BookmarkRequest(RetryBookmarkName,
                new JsonObject { ["executionId"] = execution.Id, ["attempt"] = execution.Attempt + 1 },
                new JsonObject { ["error"] = exception.Message }, Now + delay));
            execution.RetryBookmarkId = retryId;
            execution.Status = ActivityStatus.Suspended;
            return;
        }

        // An activity may turn a spent retry budget into an outcome of its own (a remote call's Unavailable port).
        if (retryable && context is not null && activity is IRetriesExhaustedHandler handler
            && await handler.OnRetriesExhaustedAsync(context, exception) is { } fallback)
        {
            execution.Status = ActivityStatus.Running;
            await HandleResultAsync(execution, context, fallback);
            return;
        }

        _state.Incidents.Add(new Incident
        {
            ActivityId = execution.ActivityId,
            ActivityType = execution.ActivityType,
            ActivityExecutionId = execution.Id,
            NodeId = activity.NodeId,
            Message = exception.Message,
            Code = (exception as ActivityFaultException)?.Code,
            ExceptionType = exception.GetType().Name,
            StackTrace = exception is ActivityFaultException ? null : exception.StackTrace,
            Attempts = execution.Attempt,
            Timestamp = Now,
        });

        // The faulted execution stays in the state (Elsa keeps its context) so that it can be retried by an alteration.
        execution.Status = ActivityStatus.Faulted;
        await CancelChildrenAsync(execution.Id);
        if (ContinuesOnIncident())
        {
            if (ParentOf(execution) is { } parent && Graph.Resolve(parent) is Flowchart)
                await CompleteFlowchartIfIdleAsync(parent);
            else if (execution.ScopeId is null)
                Status = WorkflowStatus.Faulted;
            return;
        }

        // The fault strategy (Elsa's default) faults the instance and leaves the rest as it stands: the other branches keep
        // their bookmarks, which wait (timers are not fired, resumes are refused) until an alteration retries the activity.
        Status = WorkflowStatus.Faulted;
    }

    /// <summary>What the journal shows with an event: the data the activity journaled (a WriteLine's text) and the ports it took.</summary>
    private static JsonObject? PayloadOf(ActivityContext? context, IReadOnlyList<string> outcomes)
    {
        var payload = context is { JournalData.Count: > 0 } ? (JsonObject)context.JournalData.DeepClone() : null;
        if (outcomes.Count > 0)
        {
            payload ??= [];
            payload["outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode?)o).ToArray());
        }
        return payload;
    }

    private bool ContinuesOnIncident() =>
        Graph.Definition.Options?["incidentStrategyType"] is JsonValue v && v.TryGetValue<string>(out var type)
        && type.Contains("Continue", StringComparison.OrdinalIgnoreCase);
}
