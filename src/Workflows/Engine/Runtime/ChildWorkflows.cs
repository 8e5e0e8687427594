using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Events;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Workflows that run other workflows as instances of their own (ExecuteWorkflow, DispatchWorkflow): the child's id is
/// fixed by the parent's execution (a retried step finds the child its first try started), and a parent that waits is
/// resumed by a local event the child's finishing step writes in its own transaction, so the wake-up is never lost.
/// </summary>
public static class ChildWorkflows
{
    public const string ParentInstanceIdProperty = "ParentInstanceId";
    public const string WaitForCompletionProperty = "WaitForCompletion";
    public const string CompletedEventPrefix = "ExportTaxCheck.ChildWorkflowFinished:";

    /// <summary>The internal event a finished child sends its waiting parent.</summary>
    public static string CompletedEventName(string childInstanceId) => CompletedEventPrefix + childInstanceId;

    /// <summary>Starts the child (runs it until it waits or ends, or leaves it to the dispatcher) and answers where it stands.</summary>
    internal static async Task<WorkflowRunResult> StartAsync(ActivityContext context, string definitionId, JsonObject? input, string? correlationId, bool waitForCompletion, bool runNow)
    {
        var runner = context.GetRequiredService<StepRunner>();
        var childId = Ids.Derived(context.InstanceId, $"{context.Execution.Id}:{context.Execution.Attempt}");
        var childInput = input?.DeepClone() as JsonObject ?? [];
        childInput[ParentInstanceIdProperty] = context.InstanceId;
        var properties = new JsonObject { [ParentInstanceIdProperty] = context.InstanceId };
        if (waitForCompletion)
            properties[WaitForCompletionProperty] = true;
        var request = new StartWorkflowRequest(definitionId, VersionOptions.Published, childInput, correlationId, childId,
            ParentInstanceId: context.InstanceId, Properties: properties);
        try
        {
            return await runner.StartAsync(request, ticket: null, runNow, context.CancellationToken);
        }
        catch (ConflictException ex) when (ex.Code == "INSTANCE_EXISTS")
        {
            // This step ran before and started the child, then did not commit: the child stands as it is.
            return await runner.ResultOfAsync(childId, context.CancellationToken);
        }
        catch (NotFoundException ex)
        {
            throw new ActivityFaultException("WorkflowDefinitionNotPublished", $"No published version of workflow definition '{definitionId}' found: {ex.Message}", retryable: false);
        }
    }

    /// <summary>Waits for the child to finish: a bookmark the child's completion event resumes.</summary>
    internal static void WaitFor(ActivityContext context, string bookmarkName, string childInstanceId) =>
        context.CreateBookmark(new BookmarkRequest(bookmarkName, Event.Stimulus(CompletedEventName(childInstanceId)),
            new JsonObject { ["childInstanceId"] = childInstanceId }, Kind: "Elsa.Event"));

    /// <summary>The result Elsa's ExecuteWorkflow gives: the child's id, status, sub-status and output.</summary>
    internal static JsonObject ResultOf(WorkflowRunResult child)
    {
        var (status, subStatus) = ElsaStatusOf(child.Status);
        return new JsonObject
        {
            ["workflowInstanceId"] = child.InstanceId,
            ["status"] = status,
            ["subStatus"] = subStatus,
            ["output"] = child.Output.DeepClone(),
        };
    }

    /// <summary>Elsa's status and sub-status of an instance.</summary>
    public static (string Status, string SubStatus) ElsaStatusOf(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => ("Running", "Executing"),
        WorkflowStatus.Suspended => ("Running", "Suspended"),
        WorkflowStatus.Finished => ("Finished", "Finished"),
        WorkflowStatus.Faulted => ("Finished", "Faulted"),
        _ => ("Finished", "Cancelled"),
    };
}
