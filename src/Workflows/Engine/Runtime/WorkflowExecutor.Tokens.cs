using ExportTaxCheck.Engine.Activities.Flow;

namespace ExportTaxCheck.Engine.Runtime;

// The token-based flowchart (Elsa 3's token flow): a completed activity emits a token on each connection it took and
// consumes the tokens that brought it; each target is scheduled as its merge mode says (customProperties.mergeMode; a
// FlowJoin maps WaitAny to Race and its other modes to Merge). Dead paths carry no tokens, so nothing is skipped.
public sealed partial class WorkflowExecutor
{
    private async Task OnTokenChildCompletedAsync(ActivityExecution container, ActivityExecution child, IReadOnlyList<string> outcomes)
    {
        var scope = _state.Scopes[container.Id];
        var tokens = scope.Tokens ??= [];
        var flowchartNodeId = Graph.Resolve(container).NodeId;
        var flowchart = Graph.GetFlowchart(flowchartNodeId);
        var view = flowchart.View(scope.StartActivityId);
        var completed = child.ActivityId;

        var active = flowchart.Outbound(completed)
            .Where(c => c.Source.Port is { } port && outcomes.Contains(port, StringComparer.Ordinal))
            .DistinctBy(FlowchartGraph.Key)
            .ToList();
        foreach (var connection in active)
            tokens.Add(new FlowToken { From = connection.Source.Activity, Outcome = connection.Source.Port, To = connection.Target.Activity });

        foreach (var token in tokens.Where(t => t.To == completed && t.IsLive))
            token.Consumed = true;

        foreach (var connection in active)
        {
            var target = connection.Target.Activity;
            switch (await MergeModeOfTargetAsync(container, flowchartNodeId, target))
            {
                case (MergeMode.Cascade or MergeMode.Race) and var mode:
                    if (mode == MergeMode.Race)
                        await CancelRaceAncestorsAsync(container, view, target);
                    var blocked = tokens.FirstOrDefault(t => t.Blocked && t.To == target && t.Matches(connection));
                    if (blocked is null)
                    {
                        ScheduleInFlowchart(container, target, backward: false);
                        // The other inbound connections are blocked: a token arriving on them later only clears its block.
                        foreach (var other in view.ForwardInbound(target).Where(c => c.Source.Activity != completed))
                            tokens.Add(new FlowToken { From = other.Source.Activity, Outcome = other.Source.Port, To = target, Blocked = true });
                    }
                    else
                    {
                        blocked.Consumed = true;
                    }
                    break;
                case MergeMode.Merge:
                    // Every forward inbound connection must hold a live token; loops back are not waited for.
                    if (HasAllTokens(tokens, view.ForwardInbound(target)))
                        ScheduleInFlowchart(container, target, backward: false);
                    break;
                case MergeMode.Converge:
                    // Every inbound connection, loops back included, must hold a live token.
                    if (HasAllTokens(tokens, flowchart.Inbound(target)))
                        ScheduleInFlowchart(container, target, backward: false);
                    break;
                default:
                    // Stream: runs once no activity upstream (on a forward connection) still has a live token coming to it.
                    var upstreamBusy = view.ForwardInbound(target).Any(inbound => tokens.Any(t => t.IsLive && t.To == inbound.Source.Activity));
                    if (!upstreamBusy)
                        ScheduleInFlowchart(container, target, backward: false);
                    break;
            }
        }

        if (!HasPendingWork(container.Id) && !tokens.Any(t => t.IsLive) && !HasFaultedChild(container.Id))
        {
            tokens.Clear();
            await CompleteAsync(container, null, ["Done"]);
            return;
        }

        tokens.RemoveAll(t => t.To == completed && t.Consumed);
    }

    /// <summary>With one inbound connection or none an activity runs on arrival; with more, each needs a live token.</summary>
    private static bool HasAllTokens(List<FlowToken> tokens, IReadOnlyList<Connection> inbound) =>
        inbound.Count <= 1 || inbound.All(c => tokens.Any(t => t.IsLive && t.Matches(c)));

    private bool HasFaultedChild(string scopeId) => _state.Executions.Values.Any(e => e.ScopeId == scopeId && e.Status == ActivityStatus.Faulted);

    private async ValueTask<MergeMode> MergeModeOfTargetAsync(ActivityExecution container, string flowchartNodeId, string activityId)
    {
        var activity = Graph.GetActivity($"{flowchartNodeId}:{activityId}");
        if (activity is FlowJoin)
            return await JoinModeOfAsync(container, activityId) == FlowJoinMode.WaitAny ? MergeMode.Race : MergeMode.Merge;
        return FlowchartModes.MergeModeOf(activity.Node) is { } mode and not MergeMode.None ? mode : MergeMode.Stream;
    }

    /// <summary>Race: what still runs upstream of the target is cancelled (activities merely scheduled have not started, as in Elsa).</summary>
    private async Task CancelRaceAncestorsAsync(ActivityExecution container, FlowchartGraph.ForwardView view, string target)
    {
        var ancestors = view.Ancestors(target);
        var running = _state.Executions.Values
            .Where(e => e.ScopeId == container.Id && ancestors.Contains(e.ActivityId) && e.Status is ActivityStatus.Running or ActivityStatus.Suspended)
            .OrderBy(e => e.Sequence)
            .ToList();
        foreach (var execution in running)
        {
            if (!_state.Executions.ContainsKey(execution.Id))
                continue;
            await CancelExecutionAsync(execution);
            OnTokenActivityCancelled(container, execution.ActivityId);
        }
    }

    /// <summary>A cancelled activity's tokens go, those it was sent and those it sent.</summary>
    private void OnTokenActivityCancelled(ActivityExecution container, string activityId)
    {
        if (_state.Scopes.TryGetValue(container.Id, out var scope) && scope.Tokens is { } tokens)
            tokens.RemoveAll(t => t.From == activityId || t.To == activityId);
    }
}
