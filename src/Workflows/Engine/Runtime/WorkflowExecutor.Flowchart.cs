using ExportTaxCheck.Engine.Activities.Flow;

namespace ExportTaxCheck.Engine.Runtime;

// The flowchart's scheduling: which connections a completed activity follows, joins, skips and the cancellation of
// branches a WaitAny join or a loop leaves behind.
public sealed partial class WorkflowExecutor
{
    private async Task<bool> ScheduleOutboundAsync(ActivityExecution container, string activityId, IReadOnlyList<string> outcomes, bool executedByBackwardConnection)
    {
        var scope = _state.Scopes[container.Id];
        var flowchart = Graph.GetFlowchart(container.ActivityId);
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
                Schedule(target, container.Id, backward: true);
                scheduled = true;
                continue;
            }

            scheduled |= await MaybeScheduleForwardAsync(container, scope, view, connection, target);
        }

        return scheduled;
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

        switch (await JoinModeOfAsync(target))
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
                    Schedule(target, container.Id, backward: false);
                    await CancelAncestorsAsync(container, view, target);
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
            Schedule(activityId, container.Id, backward: false);
            return true;
        }
    }

    /// <summary>None of the activity's inbound connections was followed: pass the dead path on without running it.</summary>
    private Task<bool> SkipAsync(ActivityExecution container, string activityId) =>
        ScheduleOutboundAsync(container, activityId, [], executedByBackwardConnection: false);

    private async ValueTask<FlowJoinMode> JoinModeOfAsync(string activityId)
    {
        if (Graph.GetActivity(activityId) is not FlowJoin join)
            return FlowJoinMode.WaitAllActive;
        return join.Mode.Expression is null
            ? join.Mode.DefaultValue
            : (FlowJoinMode)(await Environment.Evaluator.EvaluateAsync(join.Mode.Expression, typeof(FlowJoinMode), this, Environment.CancellationToken))!;
    }

    private bool IsQueued(string scopeId, string activityId) =>
        _state.Executions.Values.Any(e => e.ScopeId == scopeId && e.ActivityId == activityId && e.Status == ActivityStatus.Scheduled);

    internal async ValueTask CancelInboundAncestorsAsync(ActivityExecution execution)
    {
        if (execution.ScopeId is null || !_state.Executions.TryGetValue(execution.ScopeId, out var container))
            return;
        var view = Graph.GetFlowchart(container.ActivityId).View(_state.Scopes[container.Id].StartActivityId);
        await CancelAncestorsAsync(container, view, execution.ActivityId);
    }

    private async Task CancelAncestorsAsync(ActivityExecution container, FlowchartGraph.ForwardView view, string target)
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
            // A cancelled branch is a dead path: its outbound connections count as visited, not followed.
            if (_state.Scopes.ContainsKey(container.Id))
                await ScheduleOutboundAsync(container, execution.ActivityId, [], executedByBackwardConnection: false);
        }
    }

    private async Task CancelChildrenAsync(string scopeId)
    {
        foreach (var child in _state.Executions.Values.Where(e => e.ScopeId == scopeId).ToList())
            await CancelExecutionAsync(child);
    }

    private async Task CancelAllAsync(ActivityExecution? except)
    {
        foreach (var execution in _state.Executions.Values.OrderByDescending(e => e.Sequence).ToList())
        {
            if (execution != except && _state.Executions.ContainsKey(execution.Id))
                await CancelExecutionAsync(execution);
        }
        _state.Queue.Clear();
    }

}
