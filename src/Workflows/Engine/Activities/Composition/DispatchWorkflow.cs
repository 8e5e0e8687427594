using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>
/// Creates an instance of another published workflow and leaves it to the dispatcher (Elsa.DispatchWorkflow); with
/// WaitForCompletion it waits until the child finishes and takes its output as the result.
/// </summary>
[Activity("Elsa", "Composition", "Create a new workflow instance of the specified workflow and dispatch it for execution.")]
public sealed class DispatchWorkflow : Activity
{
    [Input(DisplayName = "Workflow Definition", Description = "The definition ID of the workflow to dispatch.", UIHint = UIHints.WorkflowDefinitionPicker)]
    public Input<string> WorkflowDefinitionId { get; set; } = null!;

    [Input(DisplayName = "Correlation ID", Description = "The correlation ID to associate the workflow with.")]
    public Input<string?> CorrelationId { get; set; } = null!;

    [Input(Description = "The input to send to the workflow.", UIHint = UIHints.JsonEditor)]
    public Input<object> Input { get; set; } = null!;

    [Input(Description = "Wait for the child workflow to complete before completing this activity.")]
    public Input<bool> WaitForCompletion { get; set; } = null!;

    [Output(Description = "The output the child finished with (when waited for).")]
    public Output<object> Result { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var definitionId = await context.GetRequiredAsync(WorkflowDefinitionId);
        var wait = await context.GetAsync(WaitForCompletion);
        var input = ValueConverter.ToJson(await context.GetAsync(Input)) as JsonObject;
        var child = await ChildWorkflows.StartAsync(context, definitionId, input, await context.GetAsync(CorrelationId), wait, runNow: false);
        context.JournalData["childInstanceId"] = child.InstanceId;
        if (!wait)
            return Done();
        ChildWorkflows.WaitFor(context, "Elsa.DispatchWorkflow", child.InstanceId);
        return Suspend();
    }

    protected internal override ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        context.SetOutput(Result.Name, Result.VariableId, context.Resumption!.Input.DeepClone());
        return new(Done());
    }
}
