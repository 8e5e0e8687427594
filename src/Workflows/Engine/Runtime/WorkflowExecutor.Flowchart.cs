using ExportTaxCheck.Engine.Activities.Flow;

namespace ExportTaxCheck.Engine.Runtime;

// The counter-based flowchart (Elsa's default mode): which connections a completed activity follows, joins, skips, and
// the cancellation of branches a WaitAny join leaves behind.
public sealed partial class WorkflowExecutor
{
    private bool IsTokenBased =>
        FlowchartModes.Parse(_state.Properties[FlowchartModes.PropertyKey]) == FlowchartExecutionMode.TokenBased;

    private async Task StartFlowchartAsync(ActivityExecution execution, Activity flowchartActivity)
    {
        var flowchart = Graph.GetFlowchart(flowchartActivity.NodeId);
        var start = flowchart.FindStart(_state.TriggerActivityId);
        if (start is null)
        {
            await CompleteAsync(execution, null, ["Done"]);
            return;
        }

        _state.Scopes[execution.Id] = new FlowScope { StartActivityId = start.Id, Tokens = IsTokenBased ? [] : null };
        Schedule(Graph.ChildOf(flowchartActivity.NodeId, start), execution.Id, backward: false);
    }

    private async Task CompleteFlowchartIfIdleAsync(ActivityExecution flowchart)
    {
        if (IsTerminal || !_state.Executions.ContainsKey(flowchart.Id) || flowchart.Status != ActivityStatus.Running || HasPendingWork(flowchart.Id))
            return;
        // A token flow with a live token still waits (a merge that cannot run yet): Elsa leaves such a flowchart running.
        if (_state.Scopes.TryGetValue(flowchart.Id, out var scope) && scope.Tokens is { } tokens && tokens.Any(t => t.IsLive))
            return;
        // Elsa does not complete a flowchart with a faulted child; the incident strategy decides what comes next.
        if (_state.Executions.Values.Any(e => e.ScopeId == flowchart.Id && e.Status == ActivityStatus.Faulted) && !ContinuesOnIncident())
            return;
        await CompleteAsync(flowchart, null, ["Done"]);
    }

    private async Task<bool> ScheduleOutboundAsync(ActivityExecution container, string activityId, IReadOnlyList<string> outcomes, bool executedByBackwardConnection)
    {
        var scope = _state.Scopes[container.Id];
        var flowchartActivity = Graph.Resolve(container);
        var flowchart = Graph.GetFlowchart(flowchartActivity.NodeId);
        var view = flowchart.View(scope.StartActivityId);

        if (view.IsDangling(activityId))
            throw new ActivityFaultException("UnreachableActivity", $"Activity '{activityId}' is not reachable from the start of flowchart '{container.ActivityId}'.", retryable: false);

        if (!executedByBackwardConnection)
            scope.VisitActivity(activityId);

        var scheduled = false;
        foreach (var connection in flowchart.Outbound(activityId))
        {
            var followed = connection.Source.Port is { } port && outcomes.Contains(port, StringComparer.Ordinal);
            scope.VisitConnection(FlowchartGraph.Key(connection), followed);
            var target = connection.Target.Activity;

            if (view.IsBackward(connection, out var valid))
            {
                if (!followed)
                    continue;
                if (!valid)
                    throw new ActivityFaultException("InvalidLoop", $"Connection {connection} loops back, but not every path from the start to '{connection.Source.Activity}' passes through '{target}'.", retryable: false);
                ScheduleInFlowchart(container, target, backward: true);
                scheduled = true;
                continue;
            }

            scheduled |= await MaybeScheduleForwardAsync(container, scope, view, connection, target);
        }

        return scheduled;
    }

    private ActivityExecution ScheduleInFlowchart(ActivityExecution container, string activityId, bool backward)
    {
        var flowchartNodeId = Graph.Resolve(container).NodeId;
        return Schedule(Graph.GetActivity($"{flowchartNodeId}:{activityId}"), container.Id, backward);
    }

    private async Task<bool> MaybeScheduleForwardAsync(ActivityExecution container, FlowScope scope, FlowchartGraph.ForwardView view, Connection connection, string target)
    {
        var inbound = view.ForwardInbound(target);
        var visits = scope.Visits(target);
        var counts = inbound.Select(c => scope.ConnectionVisitCount(FlowchartGraph.Key(c))).ToList();
        var allVisited = counts.Count > 0 && counts.Min() > visits;
        var max = counts.Count > 0 ? counts.Max() : 0;
        bool FollowedAtMax(Connection c) => scope.ConnectionVisitCount(FlowchartGraph.Key(c)) == max && scope.LastFollowed(FlowchartGraph.Key(c));
        var anyFollowed = max > visits && inbound.Any(FollowedAtMax);
        var allFollowed = max > visits && inbound.All(FollowedAtMax);

        switch (await JoinModeOfAsync(container, target))
        {
            case FlowJoinMode.WaitAll:
                if (!allVisited)
                    return false;
                return allFollowed ? Scheduled(target) : await SkipAsync(container, target);
            case FlowJoinMode.WaitAny:
                if (scope.ConnectionVisitCount(FlowchartGraph.Key(connection)) <= visits || IsQueued(container.Id, target))
                    return false;
                if (anyFollowed)
                {
                    ScheduleInFlowchart(container, target, backward: false);
                    await CancelAncestorsAsync(container, view, target, propagateSkips: true);
                    return true;
                }
                return allVisited && await SkipAsync(container, target);
            default:
                if (!allVisited)
                    return false;
                return anyFollowed ? Scheduled(target) : await SkipAsync(container, target);
        }

        bool Scheduled(string activityId)
        {
            ScheduleInFlowchart(container, activityId, backward: false);
            return true;
        }
    }

    /// <summary>None of the activity's inbound connections was followed: pass the dead path on without running it.</summary>
    private Task<bool> SkipAsync(ActivityExecution container, string activityId) =>
        ScheduleOutboundAsync(container, activityId, [], executedByBackwardConnection: false);

    /// <summary>A FlowJoin's mode (evaluated with the flowchart's scope); any other activity joins implicitly (WaitAllActive).</summary>
    private async ValueTask<FlowJoinMode> JoinModeOfAsync(ActivityExecution container, string activityId)
    {
        if (Graph.GetActivity($"{Graph.Resolve(container).NodeId}:{activityId}") is not FlowJoin join)
            return FlowJoinMode.WaitAllActive;
        return join.Mode.Expression is null
            ? join.Mode.DefaultValue
            : (FlowJoinMode)(await Environment.Evaluator.EvaluateAsync(join.Mode.Expression, typeof(FlowJoinMode), ScopeOf(container), Environment.CancellationToken))!;
    }

    private bool IsQueued(string scopeId, string activityId) =>
        _state.Executions.Values.Any(e => e.ScopeId == scopeId && e.ActivityId == activityId && e.Status == ActivityStatus.Scheduled);

    internal async ValueTask CancelInboundAncestorsAsync(ActivityExecution execution)
    {
        if (ParentOf(execution) is not { } container || !_state.Scopes.TryGetValue(container.Id, out var scope))
            return;
        var view = Graph.GetFlowchart(Graph.Resolve(container).NodeId).View(scope.StartActivityId);
        await CancelAncestorsAsync(container, view, execution.ActivityId, propagateSkips: !IsTokenBased);
    }

    private async Task CancelAncestorsAsync(ActivityExecution container, FlowchartGraph.ForwardView view, string target, bool propagateSkips)
    {
        var ancestors = view.Ancestors(target);
        var running = _state.Executions.Values
            .Where(e => e.ScopeId == container.Id && ancestors.Contains(e.ActivityId) && e.Status is ActivityStatus.Scheduled or ActivityStatus.Running or ActivityStatus.Suspended)
            .OrderBy(e => e.Sequence)
            .ToList();
        foreach (var execution in running)
        {
            if (!_state.Executions.ContainsKey(execution.Id))
                continue;
            await CancelExecutionAsync(execution);
            if (!_state.Scopes.ContainsKey(container.Id))
                continue;
            // A cancelled branch is a dead path: in a counter flow its outbound connections count as visited, not
            // followed; in a token flow its tokens go.
            if (propagateSkips)
                await ScheduleOutboundAsync(container, execution.ActivityId, [], executedByBackwardConnection: false);
            else
                OnTokenActivityCancelled(container, execution.ActivityId);
        }
    }
}
